package dev.fjord.wallet.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonFormats;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.LedgerReconciliation;
import dev.fjord.wallet.SpendAuthorization;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fjord extensions: {@code GET /api/v1/customers/{id}/spend_authorization?amount_cents=N[&currency=]} or
 * {@code ?credits=N[&wallet_code=]}, and the operator's {@code GET /api/v1/ledger/reconciliation}.
 */
@RestController
class SpendAuthorizationController {
    private final SpendAuthorization authorization;
    private final LedgerReconciliation reconciliation;

    SpendAuthorizationController(SpendAuthorization authorization, LedgerReconciliation reconciliation) {
        this.authorization = authorization;
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/v1/customers/{externalCustomerId}/spend_authorization")
    Map<String, Object> authorize(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @RequestParam(name = "amount_cents", required = false) String amountCents,
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) String credits,
            @RequestParam(name = "wallet_code", required = false) String walletCode) {
        SpendAuthorization.Decision decision;
        if (amountCents != null && credits == null) {
            decision = authorization.forCents(organization, externalCustomerId, positiveLong(amountCents), currency);
        } else if (credits != null && amountCents == null) {
            decision = authorization.forCredits(organization, externalCustomerId, positiveDecimal(credits), walletCode);
        } else {
            throw BillingError.validation("amount_cents", "send_either_amount_cents_or_credits");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allowed", decision.allowed());
        body.put("currency", decision.currency());
        body.put("requested_amount_cents", decision.requestedCents());
        body.put("available_amount_cents", decision.availableCents());
        body.put("requested_credits", JsonFormats.decimal(decision.requestedCredits()));
        body.put("available_credits", JsonFormats.decimal(decision.availableCredits()));
        body.put("lago_wallet_ids", decision.wallets().stream().map(w -> w.id().toString()).toList());
        return Map.of("spend_authorization", body);
    }

    @GetMapping("/api/v1/ledger/reconciliation")
    Map<String, Object> reconcile(@CurrentOrganization OrganizationId organization) {
        LedgerReconciliation.Report report = reconciliation.check(organization);
        return Map.of("ledger_reconciliation", Map.of("wallets_checked", report.walletsChecked(),
                "balanced", report.mismatches().isEmpty(), "mismatches", report.mismatches()));
    }

    private static long positiveLong(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw BillingError.validation("amount_cents", "value_is_invalid");
    }

    private static BigDecimal positiveDecimal(String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.signum() > 0 && value.precision() - value.scale() <= 25) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw BillingError.validation("credits", "value_is_invalid");
    }
}

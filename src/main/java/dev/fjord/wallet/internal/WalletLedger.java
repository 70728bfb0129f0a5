package dev.fjord.wallet.internal;

import dev.fjord.customer.BalanceVersions;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Credits;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.TopUpAttributes;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletTransaction;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The only write path of wallet money: every ledger row and every change of a wallet's balance columns goes through
 * here, in the caller's transaction, with the wallet row already locked ({@link WalletRepository#lock}). The balance
 * update is guarded (it can never take a balance below zero) and mirrored by CHECK constraints.
 */
@Component
public class WalletLedger {
    private final LedgerRepository ledger;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final BalanceVersions balanceVersions;
    private final WalletWebhooks webhooks;

    WalletLedger(LedgerRepository ledger, JdbcClient jdbc, ApplicationEventPublisher events,
            BalanceVersions balanceVersions, WalletWebhooks webhooks) {
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.events = events;
        this.balanceVersions = balanceVersions;
        this.webhooks = webhooks;
    }

    /** Free credits: settled at once, usable at once. */
    public WalletTransaction grant(OrganizationId organization, Wallet wallet, Credits.CreditAmount amount,
            TopUpAttributes attributes, String source, Instant now) {
        WalletTransaction row = inbound(wallet, "granted", "settled", amount, attributes, source, null, now);
        ledger.insert(organization, row);
        moveBalance(organization, wallet, amount.amountCents(), amount.credits(), 0, BigDecimal.ZERO, now);
        webhooks.transaction(organization, "wallet_transaction.created", row.id());
        return row;
    }

    /** Bought credits: pending until their invoice is paid; the balance does not move before. */
    public WalletTransaction purchase(OrganizationId organization, Wallet wallet, Credits.CreditAmount amount,
            TopUpAttributes attributes, String source, UUID invoiceId, Instant now) {
        WalletTransaction row = inbound(wallet, "purchased", "pending", amount, attributes, source, invoiceId, now);
        ledger.insert(organization, row);
        webhooks.transaction(organization, "wallet_transaction.created", row.id());
        return row;
    }

    /** A pending purchase was paid: the credits become usable. Answers false when the row was not pending. */
    public boolean settle(OrganizationId organization, Wallet wallet, WalletTransaction purchase, Instant now) {
        if (!ledger.settle(organization, purchase.id(), now)) {
            return false;
        }
        moveBalance(organization, wallet, purchase.amountCents(), purchase.creditAmount(), 0, BigDecimal.ZERO, now);
        webhooks.transaction(organization, "wallet_transaction.updated", purchase.id());
        return true;
    }

    public boolean fail(OrganizationId organization, WalletTransaction purchase, Instant now) {
        boolean failed = ledger.fail(organization, purchase.id(), now);
        if (failed) {
            webhooks.transaction(organization, "wallet_transaction.updated", purchase.id());
        }
        return failed;
    }

    /**
     * Takes {@code cents} out of the wallet as one outbound row ({@code voided} or {@code invoiced}), consuming
     * inbound rows in Lago's order (or only {@code onlyFrom}), and records each piece for traceability.
     *
     * @param credits the credits to record (a void keeps what was sent); null derives them from the cents
     */
    public WalletTransaction takeOut(OrganizationId organization, Wallet wallet, long cents, BigDecimal credits,
            String transactionStatus, UUID onlyFrom, TopUpAttributes attributes, String source, UUID invoiceId,
            Instant now) {
        List<Map.Entry<UUID, Long>> pieces = new ArrayList<>();
        long needed = cents;
        for (WalletTransaction inbound : ledger.consumable(organization, wallet.id())) {
            if (needed == 0) {
                break;
            }
            if (onlyFrom != null && !inbound.id().equals(onlyFrom)) {
                continue;
            }
            long take = Math.min(needed, inbound.remainingAmountCents());
            pieces.add(Map.entry(inbound.id(), take));
            needed -= take;
        }
        if (needed > 0) {
            throw BillingError.validation(onlyFrom != null ? "voided_transaction_id" : "amount_cents",
                    onlyFrom != null ? "exceeds_remaining_transaction_amount" : "exceeds_available_amount");
        }
        BigDecimal taken = creditsTaken(wallet, cents, credits);
        WalletTransaction row = new WalletTransaction(Ids.newId(), wallet.id(), "settled", source, transactionStatus,
                "outbound", cents, taken, null, attributes.priority(), attributes.name(),
                attributes.purchaseOrderNumber() != null ? attributes.purchaseOrderNumber() : wallet.purchaseOrderNumber(),
                attributes.metadata(), false, invoiceId, null, null, now, null, now);
        ledger.insert(organization, row);
        for (Map.Entry<UUID, Long> piece : pieces) {
            ledger.consume(organization, piece.getKey(), row.id(), piece.getValue(), now);
        }
        moveBalance(organization, wallet, -cents, taken.negate(), cents, taken, now);
        webhooks.transaction(organization, "wallet_transaction.created", row.id());
        return row;
    }

    /**
     * Gives back what an outbound {@code invoiced} row took, because its invoice was voided (Lago's
     * {@code WalletTransactions::RecreditService}): a granted, settled inbound row of the same credits and cents,
     * usable at once, naming the voided invoice; the balance grows and the consumed totals shrink by as much. The
     * schema refuses a second re-credit of the same outbound row.
     */
    public WalletTransaction recredit(OrganizationId organization, Wallet wallet, WalletTransaction outbound,
            UUID voidedInvoiceId, Instant now) {
        if (outbound.isInbound() || !"invoiced".equals(outbound.transactionStatus())
                || !outbound.walletId().equals(wallet.id())) {
            throw new IllegalArgumentException("only an invoiced outbound row of this wallet is re-credited");
        }
        TopUpAttributes defaults = TopUpAttributes.defaults();
        WalletTransaction row = new WalletTransaction(Ids.newId(), wallet.id(), "settled", "manual", "granted",
                "inbound", outbound.amountCents(), outbound.creditAmount(), outbound.amountCents(),
                defaults.priority(), null, outbound.purchaseOrderNumber(), defaults.metadata(), false, null,
                voidedInvoiceId, null, now, null, now);
        ledger.insert(organization, row, outbound.id());
        moveBalance(organization, wallet, outbound.amountCents(), outbound.creditAmount(),
                -outbound.amountCents(), outbound.creditAmount().negate(), now);
        webhooks.transaction(organization, "wallet_transaction.created", row.id());
        return row;
    }

    /**
     * The credits an outbound movement removes. Credits and cents are rounded separately, so the last cents out also
     * take whatever credits remain, and no movement takes more credits than the wallet holds.
     */
    private static BigDecimal creditsTaken(Wallet wallet, long cents, BigDecimal credits) {
        BigDecimal wanted = credits != null ? credits : Credits.fromCents(cents, wallet.rateAmount(), wallet.currency());
        if (wallet.balanceCents() - cents == 0 || wanted.compareTo(wallet.creditsBalance()) > 0) {
            return wallet.creditsBalance();
        }
        return wanted;
    }

    private static WalletTransaction inbound(Wallet wallet, String transactionStatus, String status,
            Credits.CreditAmount amount, TopUpAttributes attributes, String source, UUID invoiceId, Instant now) {
        boolean settled = "settled".equals(status);
        return new WalletTransaction(Ids.newId(), wallet.id(), status, source, transactionStatus, "inbound",
                amount.amountCents(), amount.credits(), settled ? amount.amountCents() : null, attributes.priority(),
                attributes.name(),
                attributes.purchaseOrderNumber() != null ? attributes.purchaseOrderNumber() : wallet.purchaseOrderNumber(),
                attributes.metadata(), attributes.invoiceRequiresSuccessfulPayment(), invoiceId, null,
                attributes.expirationAt(), settled ? now : null, null, now);
    }

    /**
     * The guarded balance write: it refuses (and the caller's transaction fails) rather than take a balance below
     * zero, and announces the move. Consumed totals shrink (re-credits) down to zero at most, as Lago's
     * {@code IncreaseService}.
     */
    private void moveBalance(OrganizationId organization, Wallet wallet, long cents, BigDecimal credits,
            long consumedCents, BigDecimal consumedCredits, Instant now) {
        int updated = jdbc.sql("""
                UPDATE wallets SET balance_cents = balance_cents + :cents, credits_balance = credits_balance + :credits,
                  consumed_amount_cents = GREATEST(consumed_amount_cents + :consumedCents, 0),
                  consumed_credits = GREATEST(consumed_credits + :consumedCredits, 0),
                  last_balance_sync_at = :now,
                  last_consumed_credit_at = CASE WHEN :cents < 0 THEN :now ELSE last_consumed_credit_at END,
                  updated_at = :now
                WHERE id = :id AND organization_id = :organization
                  AND balance_cents + :cents >= 0 AND credits_balance + :credits >= 0""")
                .param("cents", cents).param("credits", credits).param("consumedCents", consumedCents)
                .param("consumedCredits", consumedCredits).param("now", Timestamp.from(now))
                .param("id", wallet.id()).param("organization", organization.value())
                .update();
        if (updated != 1) {
            throw new IllegalStateException("wallet " + wallet.id() + " balance would go below zero");
        }
        balanceVersions.changed(wallet.customerId());
        // depletion, threshold rules and alerts follow every balance move, once it commits
        events.publishEvent(new CustomerBalanceChanged(organization, wallet.customerId()));
        webhooks.wallet(organization, "wallet.updated", wallet.id());
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.OngoingBalance;
import dev.fjord.wallet.OngoingBalances;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.Wallets;
import dev.fjord.webhook.Webhooks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Wallet alerts (spec §5.13): their CRUD, and the check after each balance change — a threshold passed in the alert's
 * direction since the last check writes an {@code alert.triggered} webhook. An alert starts from the value at its
 * creation, so only crossings after it count.
 */
@Component
public class WalletAlerts {
    /** Alerts per wallet: each is evaluated after every balance change of the customer. */
    static final int MAX_ALERTS_PER_WALLET = 20;

    private final WalletAlertRepository repository;
    private final WalletRepository walletRows;
    private final Wallets wallets;
    private final OngoingBalances ongoing;
    private final Webhooks webhooks;
    private final Clock clock;

    WalletAlerts(WalletAlertRepository repository, WalletRepository walletRows, Wallets wallets, OngoingBalances ongoing,
            Webhooks webhooks, Clock clock) {
        this.repository = repository;
        this.walletRows = walletRows;
        this.wallets = wallets;
        this.ongoing = ongoing;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Makes the alerts together (all or none); codes must be new for the wallet. */
    @Transactional
    public List<WalletAlert> create(OrganizationId organization, String externalCustomerId, String walletCode,
            List<WalletAlert> inputs) {
        Wallet wallet = walletRows.lock(organization, wallets.getByCode(organization, externalCustomerId, walletCode).id())
                .orElseThrow();
        List<WalletAlert> existing = repository.ofWallet(organization, wallet.id());
        Set<String> codes = new HashSet<>(existing.stream().map(WalletAlert::code).toList());
        for (WalletAlert input : inputs) {
            if (!codes.add(input.code())) {
                throw BillingError.validation("code", "value_already_exist");
            }
        }
        if (existing.size() + inputs.size() > MAX_ALERTS_PER_WALLET) {
            throw BillingError.validation("alerts", "too_many_alerts");
        }
        Instant now = clock.instant();
        OngoingBalance balance = balanceOf(organization, wallet);
        List<WalletAlert> created = new ArrayList<>();
        for (WalletAlert in : inputs) {
            WalletAlert alert = new WalletAlert(Ids.newId(), wallet.id(), wallet.code(), in.code(), in.name(),
                    in.alertType(), in.direction(), in.thresholds(), valueOf(in.alertType(), wallet, balance), now, now);
            repository.insert(organization, alert, now);
            created.add(alert);
        }
        return created;
    }

    public List<WalletAlert> list(OrganizationId organization, String externalCustomerId, String walletCode) {
        return repository.ofWallet(organization, wallets.getByCode(organization, externalCustomerId, walletCode).id());
    }

    public WalletAlert get(OrganizationId organization, String externalCustomerId, String walletCode, String code) {
        UUID walletId = wallets.getByCode(organization, externalCustomerId, walletCode).id();
        return repository.find(organization, walletId, code).orElseThrow(() -> BillingError.notFound("alert"));
    }

    /** Changes the sent fields (null: kept); the type is fixed. */
    @Transactional
    public WalletAlert update(OrganizationId organization, String externalCustomerId, String walletCode, String code,
            WalletAlert changes) {
        WalletAlert alert = get(organization, externalCustomerId, walletCode, code);
        String newCode = changes.code() != null ? changes.code() : alert.code();
        if (!newCode.equals(alert.code()) && repository.find(organization, alert.walletId(), newCode).isPresent()) {
            throw BillingError.validation("code", "value_already_exist");
        }
        WalletAlert updated = new WalletAlert(alert.id(), alert.walletId(), alert.walletCode(), newCode,
                changes.name() != null ? changes.name() : alert.name(), alert.alertType(),
                changes.direction() != null ? changes.direction() : alert.direction(),
                changes.thresholds() != null ? changes.thresholds() : alert.thresholds(), alert.previousValue(),
                alert.lastProcessedAt(), alert.createdAt());
        repository.update(organization, updated, clock.instant());
        return updated;
    }

    @Transactional
    public WalletAlert delete(OrganizationId organization, String externalCustomerId, String walletCode, String code) {
        WalletAlert alert = get(organization, externalCustomerId, walletCode, code);
        repository.delete(organization, alert.id());
        return alert;
    }

    @Transactional
    public List<WalletAlert> deleteAll(OrganizationId organization, String externalCustomerId, String walletCode) {
        List<WalletAlert> alerts = list(organization, externalCustomerId, walletCode);
        alerts.forEach(alert -> repository.delete(organization, alert.id()));
        return alerts;
    }

    /** After a balance change: fires the alerts whose thresholds were crossed, and remembers the values seen. */
    @Transactional
    public void check(OrganizationId organization, UUID customerId) {
        List<WalletAlert> alerts = repository.lockOfCustomer(organization, customerId);
        if (alerts.isEmpty()) {
            return;
        }
        List<Wallet> active = walletRows.activeOfCustomer(organization, customerId);
        Map<UUID, OngoingBalance> balances = ongoing.of(organization, active.get(0).externalCustomerId(), active);
        Instant now = clock.instant();
        for (WalletAlert alert : alerts) {
            Wallet wallet = active.stream().filter(w -> w.id().equals(alert.walletId())).findFirst().orElseThrow();
            BigDecimal current = valueOf(alert.alertType(), wallet, balances.get(wallet.id()));
            if (current.compareTo(alert.previousValue()) == 0) {
                continue;
            }
            List<WalletAlert.Threshold> crossed = alert.crossed(current);
            if (!crossed.isEmpty()) {
                webhooks.record(organization, "alert.triggered", "triggered_alert",
                        triggered(organization, alert, wallet, current, crossed, now));
            }
            repository.processed(organization, alert.id(), current, now);
        }
    }

    private OngoingBalance balanceOf(OrganizationId organization, Wallet wallet) {
        List<Wallet> active = walletRows.activeOfCustomer(organization, wallet.customerId());
        return ongoing.of(organization, wallet.externalCustomerId(), active).get(wallet.id());
    }

    /** Amount types in cents, credit types in credits, as the wallet shows them. */
    private static BigDecimal valueOf(String alertType, Wallet wallet, OngoingBalance balance) {
        return switch (alertType) {
            case "wallet_balance_amount" -> BigDecimal.valueOf(wallet.balanceCents());
            case "wallet_credits_balance" -> wallet.creditsBalance();
            case "wallet_ongoing_balance_amount" -> BigDecimal.valueOf(balance.ongoingBalanceCents());
            case "wallet_credits_ongoing_balance" -> balance.creditsOngoingBalance();
            default -> throw new IllegalArgumentException(alertType);
        };
    }

    /** Lago's {@code triggered_alert} object, for a wallet alert. */
    private static Map<String, Object> triggered(OrganizationId organization, WalletAlert alert, Wallet wallet,
            BigDecimal current, List<WalletAlert.Threshold> crossed, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lago_id", Ids.newId().toString());
        body.put("lago_organization_id", organization.toString());
        body.put("lago_alert_id", alert.id().toString());
        body.put("lago_wallet_id", wallet.id().toString());
        body.put("wallet_code", wallet.code());
        body.put("lago_subscription_id", null);
        body.put("external_subscription_id", null);
        body.put("external_customer_id", wallet.externalCustomerId());
        body.put("billable_metric_code", null);
        body.put("alert_type", alert.alertType());
        body.put("alert_code", alert.code());
        body.put("alert_name", alert.name());
        body.put("current_value", JsonFormats.number(current));
        body.put("previous_value", JsonFormats.number(alert.previousValue()));
        body.put("triggered_at", JsonFormats.timestamp(now));
        body.put("crossed_thresholds", WalletAlertJson.thresholds(crossed));
        return body;
    }
}

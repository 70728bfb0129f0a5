package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.OngoingBalance;
import dev.fjord.wallet.OngoingBalances;
import dev.fjord.wallet.Wallet;
import dev.fjord.webhook.Webhooks;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What follows a change of a customer's balances (spec §4.5, in Lago's order): {@code wallet.depleted_ongoing_balance}
 * when a wallet's real-time ongoing balance reaches zero or below — once, re-armed when it is positive again — then
 * the threshold rules ({@link AutomaticTopUps}), then the wallet alerts ({@link WalletAlerts}).
 */
@Component
public class BalanceReactions {
    private final WalletRepository wallets;
    private final OngoingBalances ongoing;
    private final AutomaticTopUps topUps;
    private final WalletAlerts alerts;
    private final WalletViews views;
    private final Webhooks webhooks;

    BalanceReactions(WalletRepository wallets, OngoingBalances ongoing, AutomaticTopUps topUps, WalletAlerts alerts,
            WalletViews views, Webhooks webhooks) {
        this.wallets = wallets;
        this.ongoing = ongoing;
        this.topUps = topUps;
        this.alerts = alerts;
        this.views = views;
        this.webhooks = webhooks;
    }

    @Transactional
    public void react(OrganizationId organization, UUID customerId) {
        List<Wallet> active = wallets.activeOfCustomer(organization, customerId);
        if (active.isEmpty()) {
            return;
        }
        // Pricing the usage is the costly part (a third of a billing run's invoices debit a wallet): only wallets
        // that are not depleted whatever their usage need it priced.
        boolean anyNeedsPricing = active.stream().anyMatch(wallet -> !depletedWhateverUsage(wallet));
        Map<UUID, OngoingBalance> balances = anyNeedsPricing ? balances(organization, active) : Map.of();
        for (Wallet wallet : active) {
            boolean depleted = depletedWhateverUsage(wallet) || balances.get(wallet.id()).ongoingBalanceCents() <= 0;
            if (depleted != wallets.isDepleted(organization, wallet.id())) {
                reportDepletion(organization, wallet.id(), customerId);
            }
        }
        topUps.checkThresholds(organization, customerId);
        alerts.check(organization, customerId);
    }

    /** Re-reads under the wallet's lock, so two concurrent reactions report one depletion once. */
    private void reportDepletion(OrganizationId organization, UUID walletId, UUID customerId) {
        Wallet wallet = wallets.lock(organization, walletId).orElseThrow();
        boolean depleted;
        if (wallet.isActive() && depletedWhateverUsage(wallet)) {
            depleted = true;
        } else {
            List<Wallet> active = wallets.activeOfCustomer(organization, customerId);
            OngoingBalance balance = balances(organization, active).get(walletId);
            if (balance == null) {
                return;
            }
            depleted = balance.ongoingBalanceCents() <= 0;
        }
        if (wallets.markDepleted(organization, walletId, depleted) && depleted) {
            webhooks.record(organization, "wallet.depleted_ongoing_balance", "wallet", () -> views.one(organization, wallet));
        }
    }

    /** Usage only lowers an ongoing balance, so a balance at zero or below is depleted without pricing usage. */
    private static boolean depletedWhateverUsage(Wallet wallet) {
        return wallet.balanceCents() <= 0;
    }

    private Map<UUID, OngoingBalance> balances(OrganizationId organization, List<Wallet> active) {
        return ongoing.of(organization, active.get(0).externalCustomerId(), active);
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.OngoingBalance;
import dev.fjord.wallet.OngoingBalances;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.Wallets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Renders wallets with their real-time ongoing balance (allocated across each customer's active wallets). */
@Component
class WalletViews {
    private final Wallets wallets;
    private final OngoingBalances ongoing;
    private final RecurringRules rules;
    private final Clock clock;

    WalletViews(Wallets wallets, OngoingBalances ongoing, RecurringRules rules, Clock clock) {
        this.wallets = wallets;
        this.ongoing = ongoing;
        this.rules = rules;
        this.clock = clock;
    }

    WalletJson one(OrganizationId organization, Wallet wallet) {
        return many(organization, List.of(wallet)).get(0);
    }

    List<WalletJson> many(OrganizationId organization, List<Wallet> list) {
        Map<UUID, OngoingBalance> balances = new HashMap<>();
        Map<UUID, String> customers = new HashMap<>();
        list.forEach(w -> customers.putIfAbsent(w.customerId(), w.externalCustomerId()));
        customers.forEach((customerId, externalId) ->
                balances.putAll(ongoing.of(organization, externalId, wallets.activeOf(organization, customerId))));
        Map<UUID, List<RecurringRuleJson>> rulesByWallet = new HashMap<>();
        for (RecurringRule rule : rules.liveOf(organization, list.stream().map(Wallet::id).toList(), clock.instant())) {
            rulesByWallet.computeIfAbsent(rule.walletId(), id -> new ArrayList<>()).add(RecurringRuleJson.of(rule));
        }
        List<WalletJson> views = new ArrayList<>();
        for (Wallet wallet : list) {
            views.add(WalletJson.of(wallet, balances.getOrDefault(wallet.id(),
                    new OngoingBalance(0, wallet.balanceCents(), java.math.BigDecimal.ZERO, wallet.creditsBalance())),
                    rulesByWallet.getOrDefault(wallet.id(), List.of())));
        }
        return views;
    }
}

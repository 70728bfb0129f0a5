package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.WalletTransaction;
import dev.fjord.wallet.WalletTransactions;
import dev.fjord.wallet.Wallets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Time-driven wallet work: wallets past their {@code expiration_at} are terminated, each grant past its own
 * expiration has its unconsumed remainder voided (Fjord's per-grant expiry), recurring rules past theirs end, and
 * interval rules whose day has come top up. Every step locks the wallet and re-checks (interval runs also claim their
 * day in the schema), so running it twice, or on several instances at once, changes nothing more.
 */
@Component
public class WalletJobs {
    private static final Logger log = LoggerFactory.getLogger(WalletJobs.class);
    /** Rows handled per run; the next run takes the rest. */
    private static final int BATCH = 500;

    private final WalletRepository wallets;
    private final LedgerRepository ledger;
    private final Wallets walletService;
    private final WalletTransactions transactions;
    private final RecurringRuleRepository rules;
    private final RecurringRules ruleService;
    private final AutomaticTopUps topUps;
    private final Clock clock;

    WalletJobs(WalletRepository wallets, LedgerRepository ledger, Wallets walletService, WalletTransactions transactions,
            RecurringRuleRepository rules, RecurringRules ruleService, AutomaticTopUps topUps, Clock clock) {
        this.wallets = wallets;
        this.ledger = ledger;
        this.walletService = walletService;
        this.transactions = transactions;
        this.rules = rules;
        this.ruleService = ruleService;
        this.topUps = topUps;
        this.clock = clock;
    }

    /** Interval rules whose day has come top up; answers how many added credits. */
    public int topUpDue() {
        int done = 0;
        for (Map.Entry<OrganizationId, RecurringRule> due : rules.dueInterval(clock.instant(), BATCH)) {
            try {
                done += topUps.runInterval(due.getKey(), due.getValue().id()) ? 1 : 0;
            } catch (RuntimeException e) {
                log.error("Interval top-up of rule {} failed", due.getValue().id(), e);
            }
        }
        if (done > 0) {
            log.info("Interval rules topped up {} wallets", done);
        }
        return done;
    }

    /** Answers how many wallets, grants and rules were expired. */
    public int expireDue() {
        int done = 0;
        for (Map.Entry<OrganizationId, WalletTransaction> grant : ledger.expiredGrants(clock.instant(), BATCH)) {
            transactions.expireGrant(grant.getKey(), grant.getValue().id());
            done++;
        }
        for (Map.Entry<OrganizationId, UUID> wallet : wallets.expired(clock.instant(), BATCH)) {
            walletService.terminate(wallet.getKey(), wallet.getValue());
            done++;
        }
        for (Map.Entry<OrganizationId, UUID> rule : rules.expired(clock.instant(), BATCH)) {
            ruleService.expire(rule.getKey(), rule.getValue(), clock.instant());
            done++;
        }
        if (done > 0) {
            log.info("Expired {} wallets, grants and rules", done);
        }
        return done;
    }
}

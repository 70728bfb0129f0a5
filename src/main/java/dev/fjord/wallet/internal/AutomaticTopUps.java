package dev.fjord.wallet.internal;

import dev.fjord.shared.Credits;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.OngoingBalance;
import dev.fjord.wallet.OngoingBalances;
import dev.fjord.wallet.TopUpAttributes;
import dev.fjord.wallet.TopUpRequest;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletTransactions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs recurring rules (spec §3.3): threshold rules when a customer's balance moved, interval rules when their day
 * comes. Each run locks the wallets first and re-reads everything under the lock, so concurrent runs — several
 * events at once, or two instances — see each other's top-ups and act once.
 */
@Component
public class AutomaticTopUps {
    private static final Logger log = LoggerFactory.getLogger(AutomaticTopUps.class);
    /** Lago: after an automatic paid top-up failed, threshold top-ups stop for an hour. */
    static final Duration SUPPRESSION_AFTER_FAILURE = Duration.ofHours(1);

    private final RecurringRuleRepository rules;
    private final RecurringRules ruleService;
    private final WalletRepository wallets;
    private final TopUpHistory history;
    private final OngoingBalances ongoing;
    private final WalletTransactions transactions;
    private final Clock clock;

    AutomaticTopUps(RecurringRuleRepository rules, RecurringRules ruleService, WalletRepository wallets,
            TopUpHistory history, OngoingBalances ongoing, WalletTransactions transactions, Clock clock) {
        this.rules = rules;
        this.ruleService = ruleService;
        this.wallets = wallets;
        this.history = history;
        this.ongoing = ongoing;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Checks the customer's threshold rules against the real-time ongoing balance; answers the top-ups made. */
    @Transactional
    public int checkThresholds(OrganizationId organization, UUID customerId) {
        List<RecurringRule> thresholdRules = rules.activeThresholdOfCustomer(organization, customerId);
        if (thresholdRules.isEmpty()) {
            return 0;
        }
        thresholdRules.forEach(rule -> wallets.lock(organization, rule.walletId())); // in wallet-id order
        Instant now = clock.instant();
        List<Wallet> active = wallets.activeOfCustomer(organization, customerId);
        Map<UUID, OngoingBalance> balances = ongoing.of(organization, active.get(0).externalCustomerId(), active);
        int made = 0;
        for (RecurringRule stale : thresholdRules) {
            RecurringRule rule = rules.find(organization, stale.id()).orElseThrow();
            Wallet wallet = active.stream().filter(w -> w.id().equals(rule.walletId())).findFirst().orElse(null);
            if (wallet != null && rule.isLive(now) && topUpBelowThreshold(organization, rule, wallet,
                    balances.get(wallet.id()).creditsOngoingBalance(), now)) {
                made++;
            }
        }
        return made;
    }

    private boolean topUpBelowThreshold(OrganizationId organization, RecurringRule rule, Wallet wallet,
            BigDecimal ongoingCredits, Instant now) {
        BigDecimal pending = history.pendingPaidCredits(organization, wallet.id());
        if (!RuleTopUp.thresholdReached(rule, ongoingCredits, pending)
                || history.thresholdTopUpPending(organization, wallet.id())) {
            return false;
        }
        // suppressed: nothing at all, since a grant alone below the threshold would only set off the next check
        if (history.automaticPaymentFailedSince(organization, wallet.id(), now.minus(SUPPRESSION_AFTER_FAILURE))) {
            return false;
        }
        return topUp(organization, rule, wallet, RuleTopUp.forThreshold(rule, wallet, ongoingCredits, pending), "threshold");
    }

    /**
     * Runs one interval rule if its day has come (idempotent: the day is claimed in the schema and the next run is
     * scheduled in the same transaction). Answers whether credits were added.
     */
    @Transactional
    public boolean runInterval(OrganizationId organization, UUID ruleId) {
        RecurringRule seen = rules.find(organization, ruleId).orElse(null);
        if (seen == null) {
            return false;
        }
        Wallet wallet = wallets.lock(organization, seen.walletId()).orElseThrow();
        RecurringRule rule = rules.find(organization, ruleId).orElseThrow();
        Instant now = clock.instant();
        if (!"active".equals(rule.status()) || rule.nextRunAt() == null || rule.nextRunAt().isAfter(now)) {
            return false;
        }
        ZoneId zone = ruleService.zoneOf(organization, wallet.customerId());
        LocalDate day = rule.nextRunAt().atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant anchor = rule.startedAt() != null ? rule.startedAt() : wallet.createdAt();
        // a scheduler that was down catches up one run, not every missed day
        rules.scheduleNext(organization, rule.id(), RuleSchedule.nextRun(rule.interval(), anchor,
                wallet.createdAt().atZone(zone).toLocalDate(), day.isAfter(today) ? day : today, zone));
        if (!wallet.isActive() || !rule.isLive(now) || !rules.claimRun(organization, rule.id(), day, now)) {
            return false;
        }
        BigDecimal ongoingCredits = rule.isTarget() ? ongoingCredits(organization, wallet) : BigDecimal.ZERO;
        return topUp(organization, rule, wallet, RuleTopUp.forInterval(rule, wallet, ongoingCredits), "interval");
    }

    private BigDecimal ongoingCredits(OrganizationId organization, Wallet wallet) {
        List<Wallet> active = wallets.activeOfCustomer(organization, wallet.customerId());
        return ongoing.of(organization, wallet.externalCustomerId(), active).get(wallet.id()).creditsOngoingBalance();
    }

    private boolean topUp(OrganizationId organization, RecurringRule rule, Wallet wallet, RuleTopUp topUp, String source) {
        if (topUp.isEmpty()) {
            return false;
        }
        if (!rule.isTarget() && !rule.ignorePaidTopUpLimits() && !withinLimits(wallet, topUp.paid())) {
            log.warn("Rule {} of wallet {}: {} paid credits are outside the wallet's top-up limits; skipped",
                    rule.id(), wallet.id(), topUp.paid());
            return false;
        }
        TopUpAttributes attributes = new TopUpAttributes(rule.transactionName(), TopUpAttributes.defaults().priority(),
                rule.purchaseOrderNumber(), rule.transactionMetadata(), rule.invoiceRequiresSuccessfulPayment(), null);
        transactions.topUpAutomatically(organization, new TopUpRequest(wallet.id(), nullIfZero(topUp.paid()),
                nullIfZero(topUp.granted()), null, null, rule.invoiceRequiresSuccessfulPayment(), true, attributes), source);
        return true;
    }

    /** A fixed rule's limits were checked when it was made; the wallet's limits may have moved since. */
    private static boolean withinLimits(Wallet wallet, BigDecimal paid) {
        if (paid.signum() == 0) {
            return true;
        }
        long cents = Credits.topUp(paid, wallet.rateAmount(), wallet.currency()).amountCents();
        Long min = wallet.paidTopUpMinAmountCents();
        Long max = wallet.paidTopUpMaxAmountCents();
        return (min == null || cents >= min) && (max == null || cents <= max);
    }

    private static BigDecimal nullIfZero(BigDecimal credits) {
        return credits.signum() == 0 ? null : credits;
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.shared.Credits;
import dev.fjord.wallet.Wallet;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many credits a rule buys and grants (spec §3.3, Lago's {@code RecurringTransactionRule} formulas). Pure
 * arithmetic on credits; amounts worth less than one minor unit become zero.
 */
record RuleTopUp(BigDecimal paid, BigDecimal granted) {
    static final RuleTopUp NONE = new RuleTopUp(BigDecimal.ZERO, BigDecimal.ZERO);

    boolean isEmpty() {
        return paid.signum() == 0 && granted.signum() == 0;
    }

    /**
     * Lago's trigger: the ongoing balance is at or below the threshold, and so is it with the credits already bought
     * but not paid yet (they are on their way).
     */
    static boolean thresholdReached(RecurringRule rule, BigDecimal ongoingCredits, BigDecimal pendingPaidCredits) {
        return ongoingCredits.compareTo(rule.thresholdCredits()) <= 0
                && ongoingCredits.add(pendingPaidCredits).compareTo(rule.thresholdCredits()) <= 0;
    }

    /**
     * A threshold rule's top-up. Fixed: the granted credits, and the paid credits times as many as the shortfall
     * needs — {@code gap = threshold − ongoing − granted − pending}; when {@code gap ≥ paid} the rule buys
     * {@code paid × (⌊gap / paid⌋ + 1)} at once (capped by the wallet maximum unless ignored) instead of a series of
     * top-ups. Target: what reaches the target.
     */
    static RuleTopUp forThreshold(RecurringRule rule, Wallet wallet, BigDecimal ongoingCredits, BigDecimal pendingPaidCredits) {
        if (rule.isTarget()) {
            return toTarget(rule, wallet, ongoingCredits);
        }
        BigDecimal paid = rule.paidCredits();
        if (paid.signum() == 0) {
            return of(BigDecimal.ZERO, timesShortfall(rule.grantedCredits(),
                    rule.thresholdCredits().subtract(ongoingCredits).subtract(pendingPaidCredits)), wallet);
        }
        if (paid.signum() > 0) {
            BigDecimal gap = rule.thresholdCredits().subtract(ongoingCredits).subtract(rule.grantedCredits())
                    .subtract(pendingPaidCredits);
            if (gap.compareTo(paid) >= 0) {
                BigDecimal times = gap.divide(paid, 0, RoundingMode.FLOOR).add(BigDecimal.ONE);
                paid = paid.multiply(times);
                if (!rule.ignorePaidTopUpLimits() && wallet.paidTopUpMaxAmountCents() != null) {
                    paid = paid.min(Credits.fromCents(wallet.paidTopUpMaxAmountCents(), wallet.rateAmount(), wallet.currency()));
                }
            }
        }
        return of(paid, rule.grantedCredits(), wallet);
    }

    /**
     * Fjord: a rule that only grants grants as many times its credits as the shortfall needs, as Lago does for paid
     * credits — a grant too small to lift the balance above the threshold would otherwise set off the next check at
     * once, and the next, a series of grants.
     */
    private static BigDecimal timesShortfall(BigDecimal credits, BigDecimal gap) {
        if (credits.signum() == 0 || gap.compareTo(credits) < 0) {
            return credits;
        }
        return credits.multiply(gap.divide(credits, 0, RoundingMode.FLOOR).add(BigDecimal.ONE));
    }

    /** An interval rule's top-up: fixed credits, or what reaches the target (nothing when already there). */
    static RuleTopUp forInterval(RecurringRule rule, Wallet wallet, BigDecimal ongoingCredits) {
        return rule.isTarget() ? toTarget(rule, wallet, ongoingCredits) : of(rule.paidCredits(), rule.grantedCredits(), wallet);
    }

    /**
     * {@code gap = target − ongoing balance}; granted when the rule grants its target top-ups, else bought — at least
     * the wallet's minimum top-up unless the rule ignores limits (the maximum never applies to target rules).
     */
    private static RuleTopUp toTarget(RecurringRule rule, Wallet wallet, BigDecimal ongoingCredits) {
        BigDecimal gap = rule.targetOngoingBalance().subtract(ongoingCredits);
        if (gap.signum() <= 0) {
            return NONE;
        }
        if (Boolean.TRUE.equals(rule.grantsTargetTopUp())) {
            return of(BigDecimal.ZERO, gap, wallet);
        }
        if (!rule.ignorePaidTopUpLimits() && wallet.paidTopUpMinAmountCents() != null) {
            gap = gap.max(Credits.fromCents(wallet.paidTopUpMinAmountCents(), wallet.rateAmount(), wallet.currency()));
        }
        return of(gap, BigDecimal.ZERO, wallet);
    }

    private static RuleTopUp of(BigDecimal paid, BigDecimal granted, Wallet wallet) {
        return new RuleTopUp(worthACent(paid, wallet), worthACent(granted, wallet));
    }

    private static BigDecimal worthACent(BigDecimal credits, Wallet wallet) {
        return Credits.topUp(credits, wallet.rateAmount(), wallet.currency()).amountCents() == 0
                ? BigDecimal.ZERO : Credits.floor(credits);
    }
}

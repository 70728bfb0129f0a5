package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.PlanInterval;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Which periods of a subscription are due for billing at an instant. A plan has two clocks: its plan period (the
 * plan fee) and its charge period (usage) — the same, except for yearly and semiannual plans with
 * {@code bill_charges_monthly}, whose charges are billed every month (Lago's {@code Dates::YearlyService}).
 */
public final class PlanPeriods {
    private PlanPeriods() {}

    public static BillingPeriod planPeriodContaining(Plan plan, Subscription s, Instant at) {
        return BillingPeriods.containing(plan.interval(), s.billingTime(), s.anchorDate(), s.zone(), at);
    }

    public static BillingPeriod chargePeriodContaining(Plan plan, Subscription s, Instant at) {
        return BillingPeriods.containing(chargeInterval(plan), s.billingTime(), s.anchorDate(), s.zone(), at);
    }

    /** The charge period before the one containing {@code at}, once it has ended, if the subscription had started. */
    public static Optional<BillingPeriod> endedChargePeriod(Plan plan, Subscription s, Instant at) {
        return previousChargePeriod(plan, s, chargePeriodContaining(plan, s, at))
                .filter(previous -> s.startedAt() != null && s.startedAt().isBefore(previous.endExclusive()));
    }

    /** The charge period before {@code period}, empty for the subscription's first. */
    public static Optional<BillingPeriod> previousChargePeriod(Plan plan, Subscription s, BillingPeriod period) {
        return BillingPeriods.previous(chargeInterval(plan), s.billingTime(), s.anchorDate(), s.zone(), period);
    }

    /**
     * The plan period whose fee is due in advance at {@code at}, if any (plans with {@code pay_in_advance}). A
     * period's fee is due once it has started and the trial is over, when:
     * <ul>
     *   <li>the subscription started before the period: the fee is billed at the period start, with the usage of the
     *       period that just ended (one invoice, as Lago's billing day);
     *   <li>a trial ends inside the period: billed the day it ends, prorated (Lago's free-trial biller);
     *   <li>it is the period a subscription starts in now (created on its start day, activated when pending, or
     *       replacing another plan by an upgrade or a downgrade): billed at once, prorated from the start day for a
     *       partial period (Lago's {@code subscription_starting} and upgrade invoices). A backdated subscription's
     *       first period is not billed in advance, as in Lago.
     * </ul>
     */
    public static Optional<BillingPeriod> advanceFeeDue(Plan plan, Subscription s, Instant at) {
        if (!plan.payInAdvance() || s.startedAt() == null || s.startedAt().isAfter(at)) {
            return Optional.empty();
        }
        BillingPeriod period = planPeriodContaining(plan, s, at);
        LocalDate today = at.atZone(s.zone()).toLocalDate();
        LocalDate trialEnd = trialEndDate(plan, s);
        if (trialEnd.isAfter(today)) {
            return Optional.empty();
        }
        boolean startedBefore = s.startedAt().isBefore(period.start());
        boolean trialEndsInside = hasTrial(plan) && trialEnd.isAfter(period.startDate());
        return startedBefore || trialEndsInside || startsNow(s) ? Optional.of(period) : Optional.empty();
    }

    /**
     * Whether the invoice of a charge period that ended (or was cut by {@code endedAt}) closes its plan period: the
     * plan fee in arrears and the minimum commitment are billed on it.
     */
    public static boolean closesPlanPeriod(Plan plan, Subscription s, BillingPeriod chargePeriod, Instant endedAt) {
        return endedAt != null
                || planPeriodContaining(plan, s, chargePeriod.start()).endExclusive().equals(chargePeriod.endExclusive());
    }

    /** The first day billed after the trial ({@code trial_period} days, a fraction counting as a whole day). */
    static LocalDate trialEndDate(Plan plan, Subscription s) {
        LocalDate started = s.startedAt().atZone(s.zone()).toLocalDate();
        if (!hasTrial(plan)) {
            return started;
        }
        return started.plusDays(plan.trialPeriod().setScale(0, RoundingMode.CEILING).longValue());
    }

    static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static boolean hasTrial(Plan plan) {
        return plan.trialPeriod() != null && plan.trialPeriod().signum() > 0;
    }

    private static boolean startsNow(Subscription s) {
        LocalDate created = s.createdAt().atZone(s.zone()).toLocalDate();
        return !s.startedAt().atZone(s.zone()).toLocalDate().isBefore(created);
    }

    private static PlanInterval chargeInterval(Plan plan) {
        boolean monthlyCharges = plan.billChargesMonthly()
                && (plan.interval() == PlanInterval.YEARLY || plan.interval() == PlanInterval.SEMIANNUAL);
        return monthlyCharges ? PlanInterval.MONTHLY : plan.interval();
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.BillingTime;
import dev.fjord.subscription.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The subscription (plan) fee of a billed period. A period the subscription only partly covered — it started inside
 * it (first calendar period), ended inside it (termination), or spent part of it in trial — is prorated by days, as
 * Lago does: billable days (both ends counted, in the customer's timezone) over the period's days.
 */
final class SubscriptionFees {
    private SubscriptionFees() {}

    record Prorated(long billableDays, long periodDays, long amountCents) {}

    /** {@code endedAt}: when the subscription was terminated inside this period, else null. */
    static Prorated of(Plan plan, Subscription subscription, BillingPeriod period, Instant endedAt) {
        // the trial covers whole days from the start; billing resumes the day after it ends
        LocalDate from = later(period.startDate(), PlanPeriods.trialEndDate(plan, subscription));
        // The last day used is the day of the subscription's last instant: ending at a midnight does not use that day.
        LocalDate to = endedAt == null ? period.endDate()
                : earlier(period.endDate(), endedAt.minusNanos(1).atZone(subscription.zone()).toLocalDate());
        return ofDays(plan, subscription, period, from, to);
    }

    /**
     * The part of a period's plan fee paid in advance that a termination at {@code terminatedAt} leaves unused
     * (Lago's {@code CreateFromTermination}): the days after the last day used, to the period's end, priced as
     * {@link #of} prices days. After an upgrade the termination day is unused too: the new plan pays it.
     */
    static Prorated unused(Plan plan, Subscription subscription, BillingPeriod period, Instant terminatedAt,
            boolean upgrade) {
        LocalDate lastUsed = upgrade ? terminatedAt.atZone(subscription.zone()).toLocalDate().minusDays(1)
                : terminatedAt.minusNanos(1).atZone(subscription.zone()).toLocalDate();
        LocalDate from = later(later(period.startDate(), PlanPeriods.trialEndDate(plan, subscription)),
                lastUsed.plusDays(1));
        return ofDays(plan, subscription, period, from, period.endDate());
    }

    /** The days {@code from..to} (both counted) of the plan price over the whole period's days, rounded once. */
    private static Prorated ofDays(Plan plan, Subscription subscription, BillingPeriod period, LocalDate from,
            LocalDate to) {
        long periodDays = fullDays(plan, subscription, period);
        long days = from.isAfter(to) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
        long cents = days == periodDays ? plan.amountCents()
                : BigDecimal.valueOf(plan.amountCents()).multiply(BigDecimal.valueOf(days))
                        .divide(BigDecimal.valueOf(periodDays), 0, RoundingMode.HALF_UP).longValueExact();
        return new Prorated(days, periodDays, cents);
    }

    /** Days of the whole period: a first calendar period starts on the subscription day, but counts the calendar's. */
    static long fullDays(Plan plan, Subscription subscription, BillingPeriod period) {
        return subscription.billingTime() == BillingTime.CALENDAR
                ? BillingPeriods.containing(plan.interval(), BillingTime.CALENDAR, LocalDate.EPOCH, subscription.zone(),
                        period.start()).days()
                : period.days();
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}

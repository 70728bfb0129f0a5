package dev.fjord.subscription;

import dev.fjord.catalog.PlanInterval;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * Billing-period arithmetic for subscriptions, current usage and billing: pure functions of the plan interval,
 * the billing time, the subscription's anchor date and the customer's timezone.
 *
 * <p>Rules, as Lago applies them ({@code Subscriptions::Dates::*Service}, read in lago-api 2026-08):
 * <ul>
 *   <li><b>Calendar</b>: weeks start on Monday (Rails' default {@code beginning_of_week}; Lago does not change
 *       it), months on the 1st, quarters on Jan/Apr/Jul/Oct 1st, half-years on Jan/Jul 1st
 *       ({@code lib/date_and_time/half_year_calculations.rb}), years on Jan 1st. The first period runs from the
 *       subscription's day to the end of its calendar period ({@code from_datetime} is clamped to
 *       {@code started_at}): the partial, prorated period.
 *   <li><b>Anniversary</b>: weekly periods start on the anchor's day of week and last 7 days. Month-based
 *       periods (1, 3, 6, 12 months) start, every n months after the anchor's month, on the anchor's day of
 *       month clamped to that month's length ({@code build_date}, {@code anniversary_day_in}): an anchor on
 *       Jan 31 gives Feb 28 (29 in leap years), then Mar 31 again, Apr 30, May 31. The day comes from the
 *       anchor every time, never from the previous period, so a short month never drags the following ones.
 *       Lago's specs pin the consequences: anchor Jan 31 2022 → period Jan 31..Feb 27; anchor Apr 30 2019 →
 *       period from Feb 29 2020; anchor Feb 29 2020 yearly → Feb 28 2022 and Feb 29 2024..Feb 27 2025.
 *       An anchor on Feb 28 keeps day 28 (→ Mar 28, not Mar 31): Lago tracks the day number, not "month end".
 *   <li>Every period ends the day before the next one starts, at local midnight in the customer's zone.
 * </ul>
 *
 * <p>{@code anchor} is the subscription's start date in the customer's timezone. Lago takes the anniversary
 * day from {@code subscription_at} and clamps the first period to {@code started_at}; pass the date that
 * matters to the caller (they are the same date except for backdated or upgraded subscriptions).
 */
public final class BillingPeriods {

    private BillingPeriods() {
    }

    /**
     * The period of a subscription that contains {@code at}. For {@link BillingTime#CALENDAR} the first period runs
     * from the anchor to the end of its calendar period; for {@link BillingTime#ANNIVERSARY} periods start on the
     * anchor's day of week / day of month / month and day. {@code at} before the anchor's start gives the first
     * period.
     *
     * <p>The full (unprorated) calendar period holding a day is the calendar period of any anchor at or before
     * its start, e.g. {@code containing(MONTHLY, CALENDAR, LocalDate.EPOCH, zone, at)}.
     */
    public static BillingPeriod containing(
            PlanInterval interval, BillingTime billingTime, LocalDate anchor, ZoneId zone, Instant at) {
        requireArguments(interval, billingTime, anchor, zone);
        LocalDate day = at.atZone(zone).toLocalDate();
        return periodHolding(interval, billingTime, anchor, zone, day.isBefore(anchor) ? anchor : day);
    }

    /** The period that follows {@code period} (a period these methods returned for the same subscription). */
    public static BillingPeriod next(
            PlanInterval interval, BillingTime billingTime, LocalDate anchor, ZoneId zone, BillingPeriod period) {
        requireArguments(interval, billingTime, anchor, zone);
        return periodHolding(interval, billingTime, anchor, zone, period.endDate().plusDays(1));
    }

    /**
     * The period before {@code period}, or empty when {@code period} is the subscription's first one (nothing
     * is billed before the anchor).
     */
    public static Optional<BillingPeriod> previous(
            PlanInterval interval, BillingTime billingTime, LocalDate anchor, ZoneId zone, BillingPeriod period) {
        requireArguments(interval, billingTime, anchor, zone);
        if (!period.startDate().isAfter(anchor)) {
            return Optional.empty();
        }
        return Optional.of(periodHolding(interval, billingTime, anchor, zone, period.startDate().minusDays(1)));
    }

    /**
     * The period that charges (usage) are aggregated over. A yearly or semiannual plan with
     * {@code bill_charges_monthly} bills its charges every month, on the same calendar/anniversary rule as a
     * monthly plan with that anchor (Lago's Yearly/SemiannualService delegate charge dates to MonthlyService);
     * otherwise charges follow the plan's own period.
     */
    public static BillingPeriod chargePeriodContaining(
            PlanInterval planInterval,
            boolean billChargesMonthly,
            BillingTime billingTime,
            LocalDate anchor,
            ZoneId zone,
            Instant at) {
        boolean monthlyCharges = billChargesMonthly
                && (planInterval == PlanInterval.YEARLY || planInterval == PlanInterval.SEMIANNUAL);
        return containing(monthlyCharges ? PlanInterval.MONTHLY : planInterval, billingTime, anchor, zone, at);
    }

    /** The period holding {@code day}, which is on or after the anchor. */
    private static BillingPeriod periodHolding(
            PlanInterval interval, BillingTime billingTime, LocalDate anchor, ZoneId zone, LocalDate day) {
        LocalDate start;
        LocalDate nextStart;
        if (billingTime == BillingTime.CALENDAR) {
            LocalDate calendarStart = calendarStart(interval, day);
            nextStart = interval == PlanInterval.WEEKLY
                    ? calendarStart.plusWeeks(1)
                    : calendarStart.plusMonths(months(interval));
            // The first period starts on the subscription day, not on the calendar boundary before it.
            start = calendarStart.isBefore(anchor) ? anchor : calendarStart;
        } else if (interval == PlanInterval.WEEKLY) {
            long weeks = ChronoUnit.DAYS.between(anchor, day) / 7;
            start = anchor.plusWeeks(weeks);
            nextStart = start.plusWeeks(1);
        } else {
            long index = anniversaryIndex(anchor, months(interval), day);
            start = anniversary(anchor, months(interval), index);
            nextStart = anniversary(anchor, months(interval), index + 1);
        }
        return BillingPeriod.of(start, nextStart.minusDays(1), zone);
    }

    private static LocalDate calendarStart(PlanInterval interval, LocalDate day) {
        if (interval == PlanInterval.WEEKLY) {
            return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        // Months are grouped from January: 1 → every month, 3 → Jan/Apr/Jul/Oct, 6 → Jan/Jul, 12 → Jan.
        int size = months(interval);
        int firstMonth = (day.getMonthValue() - 1) / size * size + 1;
        return LocalDate.of(day.getYear(), firstMonth, 1);
    }

    /** Which anniversary period (0 = the first) holds {@code day}. */
    private static long anniversaryIndex(LocalDate anchor, int size, LocalDate day) {
        long monthsElapsed = ChronoUnit.MONTHS.between(YearMonth.from(anchor), YearMonth.from(day));
        long index = monthsElapsed / size;
        // In an anniversary month, the days before the (clamped) anniversary day still belong to the period before.
        return anniversary(anchor, size, index).isAfter(day) ? index - 1 : index;
    }

    /**
     * Start of the anniversary period number {@code index}. {@code plusMonths} from the anchor itself clamps the
     * anchor's day to the target month's length, which is exactly Lago's rule; counting from the anchor rather
     * than from the previous period is what restores the 31st after February.
     */
    private static LocalDate anniversary(LocalDate anchor, int size, long index) {
        return anchor.plusMonths(index * size);
    }

    private static int months(PlanInterval interval) {
        return switch (interval) {
            case MONTHLY -> 1;
            case QUARTERLY -> 3;
            case SEMIANNUAL -> 6;
            case YEARLY -> 12;
            case WEEKLY -> throw new IllegalArgumentException("weekly periods are counted in weeks");
        };
    }

    private static void requireArguments(
            PlanInterval interval, BillingTime billingTime, LocalDate anchor, ZoneId zone) {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(billingTime, "billingTime");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(zone, "zone");
    }
}

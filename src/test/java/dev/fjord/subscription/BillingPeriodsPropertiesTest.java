package dev.fjord.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.catalog.PlanInterval;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/** Properties of every subscription: any interval, billing time, anchor and zone. */
class BillingPeriodsPropertiesTest {

    /** 400 periods: over 7 years of weeks, 33 of months, 400 of years — every month length and leap case. */
    private static final int WALK = 400;

    @Property(tries = 300)
    void consecutivePeriodsAreContiguousAndNeverOverlap(
            @ForAll PlanInterval interval, @ForAll BillingTime time,
            @ForAll("anchors") LocalDate anchor, @ForAll("zones") ZoneId zone) {
        List<BillingPeriod> periods = PeriodFixtures.walk(interval, time, anchor, zone, WALK);
        assertThat(periods.get(0).startDate()).isEqualTo(anchor);
        // Each period holds at least one instant, so sharing only the boundary means no overlap.
        assertThat(periods).allSatisfy(p -> assertThat(p.start()).isBefore(p.endExclusive()));
        for (int i = 1; i < periods.size(); i++) {
            BillingPeriod before = periods.get(i - 1);
            BillingPeriod after = periods.get(i);
            assertThat(after.start()).isEqualTo(before.endExclusive());
            assertThat(after.startDate()).isEqualTo(before.endDate().plusDays(1));
        }
    }

    @Property
    void theContainingPeriodContainsTheInstant(
            @ForAll PlanInterval interval, @ForAll BillingTime time,
            @ForAll("anchors") LocalDate anchor, @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = 0, max = 40L * 366 * 86_400) long secondsAfterStart) {
        Instant at = anchor.atStartOfDay(zone).toInstant().plusSeconds(secondsAfterStart);
        BillingPeriod period = BillingPeriods.containing(interval, time, anchor, zone, at);
        assertThat(period.contains(at)).isTrue();
        // The same period is found from its own ends, and next/previous are inverses.
        assertThat(BillingPeriods.containing(interval, time, anchor, zone, period.start())).isEqualTo(period);
        assertThat(BillingPeriods.containing(interval, time, anchor, zone, period.endExclusive().minusNanos(1)))
                .isEqualTo(period);
        BillingPeriod next = BillingPeriods.next(interval, time, anchor, zone, period);
        assertThat(BillingPeriods.previous(interval, time, anchor, zone, next)).contains(period);
    }

    @Property
    void anInstantBeforeTheSubscriptionFallsInTheFirstPeriod(
            @ForAll PlanInterval interval, @ForAll BillingTime time,
            @ForAll("anchors") LocalDate anchor, @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = 1, max = 10L * 366 * 86_400) long secondsBefore) {
        Instant firstStart = anchor.atStartOfDay(zone).toInstant();
        BillingPeriod first = BillingPeriods.containing(interval, time, anchor, zone, firstStart);
        assertThat(BillingPeriods.containing(interval, time, anchor, zone, firstStart.minusSeconds(secondsBefore)))
                .isEqualTo(first);
        assertThat(BillingPeriods.previous(interval, time, anchor, zone, first)).isEmpty();
    }

    @Property(tries = 300)
    void everyPeriodHasTheNominalLength(
            @ForAll PlanInterval interval, @ForAll BillingTime time,
            @ForAll("anchors") LocalDate anchor, @ForAll("zones") ZoneId zone) {
        List<BillingPeriod> periods = PeriodFixtures.walk(interval, time, anchor, zone, WALK);
        // Only a calendar subscription's first period is cut short (prorated).
        int from = time == BillingTime.CALENDAR ? 1 : 0;
        for (BillingPeriod period : periods.subList(from, periods.size())) {
            LocalDate nextStart = period.endDate().plusDays(1);
            if (interval == PlanInterval.WEEKLY) {
                assertThat(period.days()).isEqualTo(7);
            } else {
                int months = months(interval);
                assertThat(YearMonth.from(period.startDate()).plusMonths(months)).isEqualTo(YearMonth.from(nextStart));
                assertThat(period.days()).isBetween(minDays(months), maxDays(months));
            }
        }
        if (time == BillingTime.CALENDAR) {
            // The first one is the tail of a whole calendar period: same end, no more days.
            BillingPeriod first = periods.get(0);
            BillingPeriod whole = BillingPeriods.containing(interval, time, LocalDate.EPOCH, zone, first.start());
            assertThat(first.endDate()).isEqualTo(whole.endDate());
            assertThat(first.days()).isLessThanOrEqualTo(whole.days());
        }
    }

    @Property(tries = 300)
    void walkingForwardNeverDrifts(
            @ForAll PlanInterval interval, @ForAll BillingTime time,
            @ForAll("anchors") LocalDate anchor, @ForAll("zones") ZoneId zone) {
        List<BillingPeriod> periods = PeriodFixtures.walk(interval, time, anchor, zone, WALK);
        for (int i = 1; i < periods.size(); i++) {
            LocalDate start = periods.get(i).startDate();
            assertThat(start).isEqualTo(expectedStart(interval, time, anchor, i));
        }
    }

    @Property
    void monthlyChargePeriodsTileTheYearlyAndSemiannualPeriods(
            @ForAll("longPlans") PlanInterval interval, @ForAll BillingTime time,
            @ForAll("anchors") LocalDate anchor, @ForAll("zones") ZoneId zone,
            @ForAll @LongRange(min = 0, max = 40L * 366 * 86_400) long secondsAfterStart) {
        Instant at = anchor.atStartOfDay(zone).toInstant().plusSeconds(secondsAfterStart);
        BillingPeriod plan = BillingPeriods.containing(interval, time, anchor, zone, at);
        BillingPeriod charges = BillingPeriods.chargePeriodContaining(interval, true, time, anchor, zone, at);
        assertThat(charges.contains(at)).isTrue();
        assertThat(charges.start()).isBetween(plan.start(), plan.endExclusive());
        assertThat(charges.endExclusive()).isBetween(plan.start(), plan.endExclusive());
        // Plan boundaries are charge boundaries: the plan period opens and closes with a charge month.
        assertThat(BillingPeriods.chargePeriodContaining(interval, true, time, anchor, zone, plan.start()).start())
                .isEqualTo(plan.start());
        Instant lastInstant = plan.endExclusive().minusNanos(1);
        assertThat(BillingPeriods.chargePeriodContaining(interval, true, time, anchor, zone, lastInstant)
                        .endExclusive())
                .isEqualTo(plan.endExclusive());
    }

    /**
     * Period {@code index}'s first day, stated independently of the implementation: calendar periods open on
     * Mondays or on the 1st of a month counted from January; anniversary periods keep the anchor's weekday, or
     * its day of month clamped to the month's length, in months counted from the anchor's.
     */
    private static LocalDate expectedStart(PlanInterval interval, BillingTime time, LocalDate anchor, int index) {
        if (interval == PlanInterval.WEEKLY) {
            LocalDate monday = anchor.minusDays(anchor.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
            return time == BillingTime.CALENDAR ? monday.plusWeeks(index) : anchor.plusDays(7L * index);
        }
        int months = months(interval);
        if (time == BillingTime.CALENDAR) {
            YearMonth firstCalendarMonth = YearMonth.of(anchor.getYear(), 1)
                    .plusMonths((anchor.getMonthValue() - 1) / months * months);
            return firstCalendarMonth.plusMonths((long) months * index).atDay(1);
        }
        YearMonth month = YearMonth.from(anchor).plusMonths((long) months * index);
        return month.atDay(Math.min(anchor.getDayOfMonth(), month.lengthOfMonth()));
    }

    private static int months(PlanInterval interval) {
        return switch (interval) {
            case MONTHLY -> 1;
            case QUARTERLY -> 3;
            case SEMIANNUAL -> 6;
            case YEARLY -> 12;
            case WEEKLY -> throw new IllegalArgumentException("weeks");
        };
    }

    /** Shortest run of n consecutive months: 28 (Feb), 89 (Dec-Feb), 181 (Sep-Feb), 365. */
    private static long minDays(int months) {
        return switch (months) {
            case 1 -> 28;
            case 3 -> 89;
            case 6 -> 181;
            default -> 365;
        };
    }

    /** Longest run: 31, 92 (Jul-Sep), 184 (Jul-Dec), 366. */
    private static long maxDays(int months) {
        return switch (months) {
            case 1 -> 31;
            case 3 -> 92;
            case 6 -> 184;
            default -> 366;
        };
    }

    @Provide
    Arbitrary<LocalDate> anchors() {
        // 1990..2060, weighted towards month ends where the clamping rules live.
        Arbitrary<LocalDate> any = Arbitraries.longs()
                .between(LocalDate.of(1990, 1, 1).toEpochDay(), LocalDate.of(2060, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
        // Day 28 up to the month's last day (28..31).
        Arbitrary<LocalDate> monthEnds =
                any.map(d -> d.withDayOfMonth(28 + d.getDayOfMonth() % (d.lengthOfMonth() - 27)));
        return Arbitraries.frequencyOf(Tuple.of(1, any), Tuple.of(1, monthEnds));
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        // DST north and south, half-hour DST (Lord Howe), midnight gaps (Havana, Santiago), a skipped day (Apia).
        return Arbitraries.of(
                        "UTC", "Europe/Paris", "America/Los_Angeles", "Asia/Tokyo", "Australia/Lord_Howe",
                        "America/Havana", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Apia")
                .map(ZoneId::of);
    }

    @Provide
    Arbitrary<PlanInterval> longPlans() {
        return Arbitraries.of(PlanInterval.YEARLY, PlanInterval.SEMIANNUAL);
    }
}

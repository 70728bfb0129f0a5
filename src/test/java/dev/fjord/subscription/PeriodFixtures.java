package dev.fjord.subscription;

import dev.fjord.catalog.PlanInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Short spellings for the worked examples: dates as ISO strings, UTC unless a test is about zones. */
final class PeriodFixtures {

    static final ZoneId UTC = ZoneOffset.UTC;

    private PeriodFixtures() {
    }

    static LocalDate date(String iso) {
        return LocalDate.parse(iso);
    }

    /** Midday UTC on that date: unambiguously inside the day, whatever the boundaries. */
    static Instant noon(String isoDate) {
        return date(isoDate).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    static Instant instant(String iso) {
        return Instant.parse(iso);
    }

    /** The expected period covering these whole UTC days. */
    static BillingPeriod utc(String startDate, String endDate) {
        return BillingPeriod.of(date(startDate), date(endDate), UTC);
    }

    static BillingPeriod containing(PlanInterval interval, BillingTime time, String anchor, Instant at) {
        return BillingPeriods.containing(interval, time, date(anchor), UTC, at);
    }

    /** The subscription's first {@code count} periods, in UTC. */
    static List<BillingPeriod> walk(PlanInterval interval, BillingTime time, String anchor, int count) {
        return walk(interval, time, date(anchor), UTC, count);
    }

    static List<BillingPeriod> walk(PlanInterval interval, BillingTime time, LocalDate anchor, ZoneId zone, int count) {
        List<BillingPeriod> periods = new ArrayList<>();
        BillingPeriod period = BillingPeriods.containing(interval, time, anchor, zone, anchor.atStartOfDay(zone).toInstant());
        for (int i = 0; i < count; i++) {
            periods.add(period);
            period = BillingPeriods.next(interval, time, anchor, zone, period);
        }
        return periods;
    }
}

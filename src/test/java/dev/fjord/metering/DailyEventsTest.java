package dev.fjord.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A subscription's counted events per day of a timezone, from the stored events (the usage chart's series). */
class DailyEventsTest extends ApiTest {
    @Autowired
    Events events;

    @Test
    void countsEachDayInTheTimezoneWithEmptyDaysAsZero() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        Scenario s = new Scenario(api);
        s.customer("acme", null);
        String metric = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.10\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("t1", "sub", "calls", at("2026-03-02T10:00:00Z"), "{}");  // 11:00 in Oslo, 2 March
        s.event("t2", "sub", "calls", at("2026-03-02T22:30:00Z"), "{}");  // 23:30 in Oslo, still 2 March
        s.event("t3", "sub", "calls", at("2026-03-02T23:30:00Z"), "{}");  // 00:30 in Oslo, 3 March
        s.event("t4", "sub", "calls", at("2026-03-05T23:30:00Z"), "{}");  // 00:30 in Oslo, 6 March
        s.event("t5", "sub", "unknown", at("2026-03-02T12:00:00Z"), "{}"); // counted nowhere: left out
        s.event("t6", "sub", "calls", at("2026-03-06T00:30:00Z"), "{}");  // after the window's end: left out

        // the window 1 March 00:00Z – 5 March 23:59:59Z is 1 March 01:00 – 6 March 00:59:59 in Oslo (UTC+1): 6 days
        List<DailyEvents> days = events.perDay(organization(), subscriptionId(), Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-05T23:59:59Z"), ZoneId.of("Europe/Oslo"));

        assertThat(days).containsExactly(
                new DailyEvents(LocalDate.parse("2026-03-01"), 0),
                new DailyEvents(LocalDate.parse("2026-03-02"), 2),
                new DailyEvents(LocalDate.parse("2026-03-03"), 1),
                new DailyEvents(LocalDate.parse("2026-03-04"), 0),
                new DailyEvents(LocalDate.parse("2026-03-05"), 0),
                new DailyEvents(LocalDate.parse("2026-03-06"), 1));
    }

    @Test
    void aWindowLongerThanAYearKeepsItsLastDays() {
        // 1 January 2025 to 31 December 2026 is 730 days: the series keeps the last 366, from 31 December 2025
        List<DailyEvents> days = events.perDay(organization(), UUID.randomUUID(), Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2026-12-31T23:59:59Z"), ZoneId.of("UTC"));
        assertThat(days).hasSize(Events.MAX_DAYS);
        assertThat(days.get(0).day()).isEqualTo(LocalDate.parse("2025-12-31"));
        assertThat(days.get(365)).isEqualTo(new DailyEvents(LocalDate.parse("2026-12-31"), 0));
    }

    private OrganizationId organization() {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single());
    }

    private UUID subscriptionId() {
        return jdbc.sql("SELECT id FROM subscriptions WHERE external_id = 'sub' AND organization_id = ?")
                .param(organization().value()).query(UUID.class).single();
    }

    private static long at(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }
}

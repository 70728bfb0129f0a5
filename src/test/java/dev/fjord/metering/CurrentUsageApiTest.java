package dev.fjord.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every aggregation type through the HTTP API, priced with the standard model, in March 2026 (31 days, calendar
 * monthly plan, customer in UTC). The arithmetic of each figure is written above it.
 */
class CurrentUsageApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void marchCustomer() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.customer("acme", null);
    }

    @Test
    void countsEvents() {
        subscribe("calls", "count_agg", null, null, "\"0.10\"");
        s.event("t1", "sub", "calls", at("2026-03-02T10:00:00Z"), "{}");
        s.event("t2", "sub", "calls", at("2026-03-03T10:00:00Z"), "{}");
        s.event("t3", "sub", "calls", at("2026-03-14T10:00:00Z"), "{}");

        JsonNode usage = s.usage("acme", "sub");
        // 3 events × 0.10 EUR = 0.30 EUR = 30 cents
        assertThat(usage.get("amount_cents").longValue()).isEqualTo(30);
        assertThat(usage.get("total_amount_cents").longValue()).isEqualTo(30);
        JsonNode charge = usage.get("charges_usage").get(0);
        assertThat(charge.get("units").stringValue()).isEqualTo("3.0");
        assertThat(charge.get("events_count").intValue()).isEqualTo(3);
        assertThat(charge.get("billable_metric").get("aggregation_type").stringValue()).isEqualTo("count_agg");
        assertThat(usage.get("from_datetime").stringValue()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(usage.get("to_datetime").stringValue()).isEqualTo("2026-03-31T23:59:59Z");
        assertThat(usage.get("issuing_date").stringValue()).isEqualTo("2026-04-01");
        assertThat(usage.get("currency").stringValue()).isEqualTo("EUR");
    }

    @Test
    void sumsNumbersAndNumericStringsAndRoundsTheFeeOnce() {
        subscribe("gb", "sum_agg", "gb", null, "\"0.01\"");
        s.event("t1", "sub", "gb", at("2026-03-02T10:00:00Z"), "{\"gb\": 1.5}");
        s.event("t2", "sub", "gb", at("2026-03-03T10:00:00Z"), "{\"gb\": 2.25}");
        s.event("t3", "sub", "gb", at("2026-03-04T10:00:00Z"), "{\"gb\": \"3\"}");

        JsonNode usage = s.usage("acme", "sub");
        // 1.5 + 2.25 + 3 = 6.75 GB × 0.01 = 0.0675 EUR → 6.75 cents → 7 cents (HALF_UP, once)
        assertThat(usage.get("charges_usage").get(0).get("units").stringValue()).isEqualTo("6.75");
        assertThat(usage.get("amount_cents").longValue()).isEqualTo(7);
    }

    @Test
    void keepsTheMaximum() {
        subscribe("peak", "max_agg", "cpu", null, "\"1\"");
        s.event("t1", "sub", "peak", at("2026-03-02T10:00:00Z"), "{\"cpu\": 5}");
        s.event("t2", "sub", "peak", at("2026-03-03T10:00:00Z"), "{\"cpu\": 12}");
        s.event("t3", "sub", "peak", at("2026-03-04T10:00:00Z"), "{\"cpu\": 7}");
        // max(5, 12, 7) = 12 × 1.00 EUR = 1200 cents
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(1200);
    }

    @Test
    void keepsTheLatestValueByTimestampNotByArrival() {
        subscribe("level", "latest_agg", "v", null, "\"1\"");
        s.event("t1", "sub", "level", at("2026-03-10T00:00:00Z"), "{\"v\": 4}");
        s.event("t3", "sub", "level", at("2026-03-12T00:00:00Z"), "{\"v\": 9}");
        s.event("t2", "sub", "level", at("2026-03-11T00:00:00Z"), "{\"v\": 20}");
        // the newest timestamp (12 March) said 9, although 20 arrived last: 9 × 1.00 = 900 cents
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(900);
    }

    @Test
    void countsDistinctValues() {
        subscribe("users", "unique_count_agg", "user", null, "\"2\"");
        s.event("t1", "sub", "users", at("2026-03-02T10:00:00Z"), "{\"user\": \"a\"}");
        s.event("t2", "sub", "users", at("2026-03-02T11:00:00Z"), "{\"user\": \"b\"}");
        s.event("t3", "sub", "users", at("2026-03-02T12:00:00Z"), "{\"user\": \"a\"}");
        s.event("t4", "sub", "users", at("2026-03-02T13:00:00Z"), "{\"user\": \"c\"}");
        JsonNode charge = s.usage("acme", "sub").get("charges_usage").get(0);
        // {a, b, c} = 3 users × 2.00 EUR = 600 cents, from 4 events
        assertThat(charge.get("units").stringValue()).isEqualTo("3.0");
        assertThat(charge.get("events_count").intValue()).isEqualTo(4);
        assertThat(charge.get("amount_cents").longValue()).isEqualTo(600);
    }

    @Test
    void weightsEachChangeByTheShareOfThePeriodItLasted() {
        subscribe("seats", "weighted_sum_agg", "seats", null, "\"1\"");
        s.event("t1", "sub", "seats", at("2026-03-01T00:00:00Z"), "{\"seats\": 10}");
        s.event("t2", "sub", "seats", at("2026-03-16T12:00:00Z"), "{\"seats\": 20}");
        // March = 31 days. +10 seats for all 31 days = 10; +20 seats for the last 15.5 days = 20 × 15.5/31 = 10.
        // Weighted sum = 20 seats × 1.00 EUR = 2000 cents
        JsonNode usage = s.usage("acme", "sub");
        assertThat(usage.get("charges_usage").get(0).get("units").stringValue()).isEqualTo("20.0");
        assertThat(usage.get("amount_cents").longValue()).isEqualTo(2000);
    }

    @Test
    void recurringSumsCarryUnitsIntoTheNextPeriod() {
        subscribe("licenses", "sum_agg", "n", "\"recurring\": true", "\"1\"");
        s.event("t1", "sub", "licenses", at("2026-03-02T10:00:00Z"), "{\"n\": 5}");
        s.event("t2", "sub", "licenses", at("2026-03-20T10:00:00Z"), "{\"n\": 3}");
        clock.set(Instant.parse("2026-04-10T00:00:00Z"));
        s.event("t3", "sub", "licenses", at("2026-04-05T10:00:00Z"), "{\"n\": -2}");
        // March ends with 5 + 3 = 8 licenses; April: 8 carried − 2 = 6 × 1.00 EUR = 600 cents
        JsonNode usage = s.usage("acme", "sub");
        assertThat(usage.get("from_datetime").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(usage.get("charges_usage").get(0).get("units").stringValue()).isEqualTo("6.0");
        assertThat(usage.get("amount_cents").longValue()).isEqualTo(600);
    }

    @Test
    void recurringUniqueCountsRemoveValuesAddedInEarlierPeriods() {
        subscribe("members", "unique_count_agg", "member", "\"recurring\": true", "\"1\"");
        s.event("t1", "sub", "members", at("2026-03-02T10:00:00Z"), "{\"member\": \"a\"}");
        s.event("t2", "sub", "members", at("2026-03-03T10:00:00Z"), "{\"member\": \"b\"}");
        clock.set(Instant.parse("2026-04-10T00:00:00Z"));
        s.event("t3", "sub", "members", at("2026-04-02T10:00:00Z"), "{\"member\": \"a\", \"operation_type\": \"remove\"}");
        s.event("t4", "sub", "members", at("2026-04-03T10:00:00Z"), "{\"member\": \"b\"}");
        // March: {a, b}; April: a removed, b already counted → {b} = 1 member × 1.00 = 100 cents
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(100);
    }

    @Test
    void pricesEachFilterAndTheDefaultSeparately() {
        String metric = s.metric("api", "count_agg", null, "\"filters\": [{\"key\": \"region\", \"values\": [\"eu\", \"us\", \"asia\"]}]");
        s.plan("plan", "monthly", 0, "EUR", """
                [{"billable_metric_id": "%s", "charge_model": "standard", "properties": {"amount": "0.10"},
                  "filters": [{"invoice_display_name": "EU", "properties": {"amount": "0.20"}, "values": {"region": ["eu"]}},
                              {"invoice_display_name": "US", "properties": {"amount": "0.30"}, "values": {"region": ["us"]}}]}]"""
                .formatted(metric));
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("t1", "sub", "api", at("2026-03-02T10:00:00Z"), "{\"region\": \"eu\"}");
        s.event("t2", "sub", "api", at("2026-03-02T11:00:00Z"), "{\"region\": \"eu\"}");
        s.event("t3", "sub", "api", at("2026-03-02T12:00:00Z"), "{\"region\": \"us\"}");
        s.event("t4", "sub", "api", at("2026-03-02T13:00:00Z"), "{\"region\": \"asia\"}");
        s.event("t5", "sub", "api", at("2026-03-02T14:00:00Z"), "{}");

        JsonNode charge = s.usage("acme", "sub").get("charges_usage").get(0);
        // EU 2 × 0.20 = 40; US 1 × 0.30 = 30; no matching filter (asia, none) 2 × 0.10 = 20; total 90 cents
        assertThat(charge.get("amount_cents").longValue()).isEqualTo(90);
        assertThat(charge.get("units").stringValue()).isEqualTo("5.0");
        JsonNode filters = charge.get("filters");
        assertThat(filters).hasSize(3);
        assertThat(filters.get(0).get("invoice_display_name").stringValue()).isEqualTo("EU");
        assertThat(filters.get(0).get("amount_cents").longValue()).isEqualTo(40);
        assertThat(filters.get(0).get("values").toString()).isEqualTo("{\"region\":[\"eu\"]}");
        assertThat(filters.get(1).get("amount_cents").longValue()).isEqualTo(30);
        assertThat(filters.get(2).get("values").isNull()).isTrue();
        assertThat(filters.get(2).get("amount_cents").longValue()).isEqualTo(20);
    }

    @Test
    void groupsStandardChargesByEventProperties() {
        String metric = s.metric("storage", "sum_agg", "gb", null);
        s.plan("plan", "monthly", 0, "EUR", """
                [{"billable_metric_id": "%s", "charge_model": "standard",
                  "properties": {"amount": "1", "grouped_by": ["cloud"]}}]""".formatted(metric));
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("t1", "sub", "storage", at("2026-03-02T10:00:00Z"), "{\"gb\": 3, \"cloud\": \"aws\"}");
        s.event("t2", "sub", "storage", at("2026-03-02T11:00:00Z"), "{\"gb\": 2, \"cloud\": \"gcp\"}");
        s.event("t3", "sub", "storage", at("2026-03-02T12:00:00Z"), "{\"gb\": 1, \"cloud\": \"aws\"}");

        JsonNode charge = s.usage("acme", "sub").get("charges_usage").get(0);
        // aws 3 + 1 = 4 GB × 1.00 = 400; gcp 2 GB × 1.00 = 200; total 600 cents
        assertThat(charge.get("amount_cents").longValue()).isEqualTo(600);
        JsonNode groups = charge.get("grouped_usage");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("grouped_by").toString()).isEqualTo("{\"cloud\":\"aws\"}");
        assertThat(groups.get(0).get("amount_cents").longValue()).isEqualTo(400);
        assertThat(groups.get(1).get("grouped_by").toString()).isEqualTo("{\"cloud\":\"gcp\"}");
        assertThat(groups.get(1).get("units").stringValue()).isEqualTo("2.0");
    }

    @Test
    void aLateEventLandsInThePeriodOfItsTimestamp() {
        subscribe("calls", "count_agg", null, null, "\"1\"");
        clock.set(Instant.parse("2026-04-05T00:00:00Z"));
        s.event("late", "sub", "calls", at("2026-03-20T10:00:00Z"), "{}");
        // April (the current period) has no event; the late one belongs to March.
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isZero();
        clock.set(Instant.parse("2026-03-25T00:00:00Z"));
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(100);
    }

    @Test
    void rebuildingFromRawEventsGivesTheSameUsage() {
        subscribe("users", "unique_count_agg", "user", null, "\"2\"");
        for (int i = 0; i < 30; i++) {
            s.event("t" + i, "sub", "users", at("2026-03-02T10:00:00Z") + i, "{\"user\": \"u" + (i % 7) + "\"}");
        }
        JsonNode before = s.usage("acme", "sub");
        // 30 events over 7 distinct users: 7 × 2.00 = 1400 cents
        assertThat(before.get("amount_cents").longValue()).isEqualTo(1400);

        var rebuilt = api.post("/api/v1/events/rebuild_aggregates?external_subscription_id=sub", "{}");
        assertThat(rebuilt.status()).isEqualTo(200);
        assertThat(s.usage("acme", "sub")).isEqualTo(before);
    }

    @Test
    void unknownCustomerOrSubscriptionIsNotFound() {
        subscribe("calls", "count_agg", null, null, "\"1\"");
        assertThat(api.get("/api/v1/customers/acme/current_usage?external_subscription_id=nope").body()
                .get("code").stringValue()).isEqualTo("subscription_not_found");
        assertThat(api.get("/api/v1/customers/other/current_usage?external_subscription_id=sub").body()
                .get("code").stringValue()).isEqualTo("customer_not_found");
        assertThat(newOrganization("Globex").get("/api/v1/customers/acme/current_usage?external_subscription_id=sub")
                .status()).isEqualTo(404);
    }

    /** A metric, a monthly EUR plan pricing it with the standard model, and a subscription from 1 March. */
    private void subscribe(String code, String aggregation, String field, String metricExtra, String amount) {
        String metric = s.metric(code, aggregation, field, metricExtra);
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": " + amount + "}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
    }

    private static long at(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }
}

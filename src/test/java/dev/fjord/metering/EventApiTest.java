package dev.fjord.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/events} (spec §5.6): ingestion, idempotency, batches, reads. */
class EventApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void subscribedCustomer() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.customer("acme", null);
        String metric = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 0, "EUR",
                "[{\"billable_metric_id\": \"" + metric + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
    }

    @Test
    void storesAnEventAndAnswersLagosShape() {
        var response = api.post("/api/v1/events", """
                {"event": {"transaction_id": "tx-1", "external_subscription_id": "sub", "code": "calls",
                  "timestamp": 1773316800.25, "properties": {"region": "eu"}, "precise_total_amount_cents": "12.5"}}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode event = response.body().get("event");
        assertThat(event.get("transaction_id").stringValue()).isEqualTo("tx-1");
        assertThat(event.get("code").stringValue()).isEqualTo("calls");
        // 1773316800.25 Unix seconds = 2026-03-12T12:00:00.250Z
        assertThat(event.get("timestamp").stringValue()).isEqualTo("2026-03-12T12:00:00.250Z");
        assertThat(event.get("properties").toString()).isEqualTo("{\"region\":\"eu\"}");
        assertThat(event.get("precise_total_amount_cents").stringValue()).isEqualTo("12.5");
        assertThat(event.get("external_subscription_id").stringValue()).isEqualTo("sub");
        assertThat(event.get("lago_subscription_id").isNull()).isFalse();
        assertThat(event.get("lago_customer_id").isNull()).isFalse();
        assertThat(api.get("/api/v1/events/tx-1").body().get("event")).isEqualTo(event);
    }

    @Test
    void theTimestampDefaultsToReceptionAndAcceptsNumericStrings() {
        JsonNode now = s.event("t-now", "sub", "calls", 0, "{}");
        assertThat(now.get("timestamp").stringValue()).isEqualTo("1970-01-01T00:00:00.000Z");
        JsonNode received = api.post("/api/v1/events",
                "{\"event\": {\"transaction_id\": \"t-default\", \"external_subscription_id\": \"sub\", \"code\": \"calls\"}}")
                .body().get("event");
        assertThat(received.get("timestamp").stringValue()).isEqualTo("2026-03-15T12:00:00.000Z");
        JsonNode text = api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"t-text\","
                + " \"external_subscription_id\": \"sub\", \"code\": \"calls\", \"timestamp\": \"1773316800\"}}").body().get("event");
        assertThat(text.get("timestamp").stringValue()).isEqualTo("2026-03-12T12:00:00.000Z");
    }

    @Test
    void aRepeatedTransactionIdIsRejectedAndNeverCountedTwice() {
        s.event("tx-1", "sub", "calls", Instant.parse("2026-03-02T00:00:00Z").getEpochSecond(), "{}");
        var repeat = api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"tx-1\","
                + " \"external_subscription_id\": \"sub\", \"code\": \"calls\", \"timestamp\": 1772409600}}");

        assertThat(repeat.status()).isEqualTo(422);
        assertThat(repeat.body().get("error_details").toString()).isEqualTo("{\"transaction_id\":[\"value_already_exist\"]}");
        // 1 event × 1.00 = 100 cents, not 200
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(100);
    }

    @Test
    void invalidEventsAreRejectedWithEveryFieldError() {
        var response = api.post("/api/v1/events",
                "{\"event\": {\"timestamp\": \"yesterday\", \"properties\": [1], \"precise_total_amount_cents\": \"x\"}}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error_details").toString()).isEqualTo("{\"transaction_id\":[\"value_is_mandatory\"],"
                + "\"external_subscription_id\":[\"value_is_mandatory\"],\"code\":[\"value_is_mandatory\"],"
                + "\"timestamp\":[\"invalid_format\"],\"properties\":[\"value_is_invalid\"],"
                + "\"precise_total_amount_cents\":[\"value_is_invalid\"]}");
        assertThat(api.get("/api/v1/events").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void eventsForUnknownSubscriptionsOrMetricsAreKeptButCountNowhere() {
        s.event("lost-1", "no-such-sub", "calls", 1772409600, "{}");
        s.event("lost-2", "sub", "no_such_metric", 1772409600, "{}");

        assertThat(api.get("/api/v1/events/lost-1").body().get("event").get("lago_subscription_id").isNull()).isTrue();
        assertThat(api.get("/api/v1/events?external_subscription_id=sub").body().get("meta").get("total_count").intValue())
                .isEqualTo(1);
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isZero();
        JsonNode errors = api.get("/api/v1/event_errors").body();
        assertThat(errors.get("meta").get("total_count").intValue()).isEqualTo(2);
        assertThat(errors.get("event_errors").get(0).get("transaction_id").stringValue()).isIn("lost-1", "lost-2");
        assertThat(api.get("/api/v1/event_errors?external_subscription_id=no-such-sub").body().get("event_errors").get(0)
                .get("error_code").stringValue()).isEqualTo("unknown_subscription");
        assertThat(api.get("/api/v1/event_errors?external_subscription_id=sub").body().get("event_errors").get(0)
                .get("error_code").stringValue()).isEqualTo("invalid_code");
    }

    @Test
    void aBatchIsAllOrNothingWithPerIndexErrors() {
        var response = api.post("/api/v1/events/batch", "{\"events\": [" + event("b1") + ", {\"transaction_id\": \"b2\"}, "
                + event("b3") + "]}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error_details").toString()).isEqualTo(
                "{\"1\":{\"external_subscription_id\":[\"value_is_mandatory\"],\"code\":[\"value_is_mandatory\"]}}");
        assertThat(api.get("/api/v1/events").body().get("meta").get("total_count").intValue()).isZero();

        s.event("b3", "sub", "calls", 1772409600, "{}");
        var withRepeat = api.post("/api/v1/events/batch", "{\"events\": [" + event("b1") + ", " + event("b3") + "]}");
        assertThat(withRepeat.body().get("error_details").toString())
                .isEqualTo("{\"1\":{\"transaction_id\":[\"value_already_exist\"]}}");
        // Only the earlier b3 exists: the batch's b1 was rolled back with it.
        assertThat(api.get("/api/v1/events").body().get("meta").get("total_count").intValue()).isEqualTo(1);

        var ok = api.post("/api/v1/events/batch", "{\"events\": [" + event("b1") + ", " + event("b2") + "]}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("events")).hasSize(2);
    }

    @Test
    void batchesAreBounded() {
        assertThat(api.post("/api/v1/events/batch", "{\"events\": []}").body().get("error_details").toString())
                .isEqualTo("{\"events\":[\"no_events\"]}");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(event("m" + i));
        }
        assertThat(api.post("/api/v1/events/batch", "{\"events\": [" + String.join(",", many) + "]}").body()
                .get("error_details").toString()).isEqualTo("{\"events\":[\"too_many_events\"]}");
        assertThat(api.post("/api/v1/events/batch", "{\"event\": []}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/events").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void theSameBatchFromEightClientsAtOnceIsCountedOnce() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(event("c" + i));
        }
        String body = "{\"events\": [" + String.join(",", batch) + "]}";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> api.post("/api/v1/events/batch", body).status());
            }
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdown();
        }
        // One client wins, the seven others are told every event already exists.
        assertThat(statuses).containsOnly(200, 422);
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
        JsonNode usage = s.usage("acme", "sub");
        // 100 events × 1.00 EUR = 10000 cents, counted once
        assertThat(usage.get("charges_usage").get(0).get("events_count").intValue()).isEqualTo(100);
        assertThat(usage.get("amount_cents").longValue()).isEqualTo(10_000);
    }

    @Test
    void listsEventsNewestFirstWithFilters() {
        s.event("l1", "sub", "calls", 1772409600, "{}");
        s.event("l2", "sub", "calls", 1772496000, "{}");
        s.event("l3", "other", "calls", 1772496000, "{}");
        JsonNode list = api.get("/api/v1/events?external_subscription_id=sub&per_page=1").body();
        assertThat(list.get("events").get(0).get("transaction_id").stringValue()).isEqualTo("l2");
        assertThat(list.get("meta").get("total_count").intValue()).isEqualTo(2);
        assertThat(api.get("/api/v1/events/unknown").body().get("code").stringValue()).isEqualTo("event_not_found");
        assertThat(newOrganization("Globex").get("/api/v1/events/l1").status()).isEqualTo(404);
    }

    private static String event(String transactionId) {
        return "{\"transaction_id\": \"" + transactionId + "\", \"external_subscription_id\": \"sub\", \"code\": \"calls\","
                + " \"timestamp\": 1772409600}";
    }
}

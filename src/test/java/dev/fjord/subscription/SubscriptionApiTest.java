package dev.fjord.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/subscriptions} (spec §5.5). */
class SubscriptionApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.plan("basic", "monthly", 1900, "EUR", "[]");
        s.customer("acme", null);
    }

    @Test
    void aBackdatedSubscriptionIsActiveWithItsCurrentPeriod() {
        JsonNode sub = s.subscription("sub-1", "acme", "basic",
                "\"name\": \"Main\", \"subscription_at\": \"2026-02-10T08:00:00Z\"");

        assertThat(sub.get("status").stringValue()).isEqualTo("active");
        assertThat(sub.get("external_id").stringValue()).isEqualTo("sub-1");
        assertThat(sub.get("external_customer_id").stringValue()).isEqualTo("acme");
        assertThat(sub.get("plan_code").stringValue()).isEqualTo("basic");
        assertThat(sub.get("name").stringValue()).isEqualTo("Main");
        assertThat(sub.get("billing_time").stringValue()).isEqualTo("calendar");
        assertThat(sub.get("subscription_at").stringValue()).isEqualTo("2026-02-10T08:00:00Z");
        assertThat(sub.get("started_at").stringValue()).isEqualTo("2026-02-10T08:00:00Z");
        // calendar monthly: the current period is March 2026
        assertThat(sub.get("current_billing_period_started_at").stringValue()).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(sub.get("current_billing_period_ending_at").stringValue()).isEqualTo("2026-03-31T23:59:59Z");
        assertThat(sub.get("plan_amount_cents").longValue()).isEqualTo(1900);
        assertThat(sub.get("terminated_at").isNull()).isTrue();
        // The customer had no currency: it takes the plan's.
        assertThat(api.get("/api/v1/customers/acme").body().get("customer").get("currency").stringValue()).isEqualTo("EUR");
    }

    @Test
    void anniversaryPeriodsFollowTheSubscriptionDayInTheCustomersTimezone() {
        s.customer("paris", "\"timezone\": \"Europe/Paris\"");
        JsonNode sub = s.subscription("sub-a", "paris", "basic",
                "\"billing_time\": \"anniversary\", \"subscription_at\": \"2026-01-31T12:00:00Z\"");
        // Anchor 31 January (Paris): periods start 31 Jan, 28 Feb (capped), 31 Mar. On 15 March the period is
        // 28 Feb – 30 Mar, at Paris midnights: 27 Feb 23:00Z (UTC+1) to 31 Mar 00:00 Paris = 30 Mar 22:00Z (UTC+2
        // since the DST change of 29 March), shown as its last second.
        assertThat(sub.get("billing_time").stringValue()).isEqualTo("anniversary");
        assertThat(sub.get("current_billing_period_started_at").stringValue()).isEqualTo("2026-02-27T23:00:00Z");
        assertThat(sub.get("current_billing_period_ending_at").stringValue()).isEqualTo("2026-03-30T21:59:59Z");
    }

    @Test
    void aFutureSubscriptionIsPendingUntilItsDateComes() {
        JsonNode sub = s.subscription("sub-2", "acme", "basic", "\"subscription_at\": \"2026-04-01T00:00:00Z\"");
        assertThat(sub.get("status").stringValue()).isEqualTo("pending");
        assertThat(sub.get("started_at").isNull()).isTrue();
        assertThat(sub.get("current_billing_period_started_at").isNull()).isTrue();
        assertThat(api.get("/api/v1/subscriptions/sub-2").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/subscriptions/sub-2?status=pending").body().get("subscription").get("status")
                .stringValue()).isEqualTo("pending");

        clock.set(Instant.parse("2026-04-01T00:00:01Z"));
        JsonNode active = api.get("/api/v1/subscriptions/sub-2").body().get("subscription");
        assertThat(active.get("status").stringValue()).isEqualTo("active");
        assertThat(active.get("started_at").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
    }

    @Test
    void postingTheSameSubscriptionAgainAnswersIt() {
        JsonNode first = s.subscription("sub-1", "acme", "basic", null);
        JsonNode again = s.subscription("sub-1", "acme", "basic", null);
        assertThat(again.get("lago_id")).isEqualTo(first.get("lago_id"));
        assertThat(api.get("/api/v1/subscriptions").body().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void rejectsWhatCannotBeSubscribed() {
        assertThat(api.post("/api/v1/subscriptions", "{\"subscription\": {}}").body().get("error_details").toString())
                .isEqualTo("{\"external_customer_id\":[\"value_is_mandatory\"],\"plan_code\":[\"value_is_mandatory\"],"
                        + "\"external_id\":[\"value_is_mandatory\"]}");
        assertThat(api.post("/api/v1/subscriptions", body("nobody", "basic", "x")).body().get("code").stringValue())
                .isEqualTo("customer_not_found");
        assertThat(api.post("/api/v1/subscriptions", body("acme", "nothing", "x")).body().get("code").stringValue())
                .isEqualTo("plan_not_found");
        var badDate = api.post("/api/v1/subscriptions", "{\"subscription\": {\"external_customer_id\": \"acme\","
                + " \"plan_code\": \"basic\", \"external_id\": \"x\", \"subscription_at\": \"next tuesday\","
                + " \"billing_time\": \"lunar\"}}");
        assertThat(badDate.body().get("error_details").toString())
                .isEqualTo("{\"billing_time\":[\"value_is_invalid\"],\"subscription_at\":[\"invalid_date\"]}");

        s.plan("usd", "monthly", 1000, "USD", "[]");
        s.subscription("eur-sub", "acme", "basic", null);
        var mismatch = api.post("/api/v1/subscriptions", body("acme", "usd", "usd-sub"));
        assertThat(mismatch.body().get("error_details").toString()).isEqualTo("{\"currency\":[\"currencies_does_not_match\"]}");
        assertThat(api.get("/api/v1/subscriptions?external_customer_id=acme").body().get("meta").get("total_count")
                .intValue()).isEqualTo(1);
    }

    @Test
    void terminatingEndsTheSubscriptionNowAndCancelingAPendingOne() {
        s.subscription("sub-1", "acme", "basic", null);
        s.subscription("sub-2", "acme", "basic", "\"subscription_at\": \"2026-06-01T00:00:00Z\"");

        JsonNode terminated = api.delete("/api/v1/subscriptions/sub-1").body().get("subscription");
        assertThat(terminated.get("status").stringValue()).isEqualTo("terminated");
        assertThat(terminated.get("terminated_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        JsonNode canceled = api.delete("/api/v1/subscriptions/sub-2?status=pending").body().get("subscription");
        assertThat(canceled.get("status").stringValue()).isEqualTo("canceled");
        assertThat(api.delete("/api/v1/subscriptions/sub-1").body().get("code").stringValue())
                .isEqualTo("subscription_not_found");
        // The external id is free again once the subscription ended.
        assertThat(s.subscription("sub-1", "acme", "basic", null).get("status").stringValue()).isEqualTo("active");
    }

    @Test
    void updatesAndListsWithFilters() {
        s.subscription("sub-1", "acme", "basic", null);
        JsonNode updated = api.put("/api/v1/subscriptions/sub-1", "{\"subscription\": {\"name\": \"Renamed\","
                + " \"ending_at\": \"2026-12-31T00:00:00Z\", \"on_termination_invoice\": \"skip\"}}").body().get("subscription");
        assertThat(updated.get("name").stringValue()).isEqualTo("Renamed");
        assertThat(updated.get("ending_at").stringValue()).isEqualTo("2026-12-31T00:00:00Z");
        assertThat(updated.get("on_termination_invoice").stringValue()).isEqualTo("skip");
        assertThat(api.put("/api/v1/subscriptions/sub-1", "{\"subscription\": {\"subscription_at\": \"2026-01-01T00:00:00Z\"}}")
                .body().get("error_details").toString()).isEqualTo("{\"subscription_at\":[\"cannot_change_started_subscription\"]}");

        s.customer("globex", null);
        s.subscription("sub-2", "globex", "basic", null);
        assertThat(api.get("/api/v1/subscriptions?external_customer_id=globex").body().get("subscriptions").get(0)
                .get("external_id").stringValue()).isEqualTo("sub-2");
        assertThat(api.get("/api/v1/subscriptions?plan_code=basic").body().get("meta").get("total_count").intValue()).isEqualTo(2);
        assertThat(api.get("/api/v1/subscriptions?status[]=terminated").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(newOrganization("Other").get("/api/v1/subscriptions").body().get("meta").get("total_count").intValue()).isZero();
        // ending_at passes: the subscription terminates by itself.
        clock.set(Instant.parse("2027-01-02T00:00:00Z"));
        assertThat(api.get("/api/v1/subscriptions/sub-1?status=terminated").body().get("subscription").get("terminated_at")
                .stringValue()).isEqualTo("2026-12-31T00:00:00Z");
    }

    private static String body(String customer, String plan, String externalId) {
        return "{\"subscription\": {\"external_customer_id\": \"" + customer + "\", \"plan_code\": \"" + plan
                + "\", \"external_id\": \"" + externalId + "\"}}";
    }
}

package dev.fjord.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Plan changes, {@code ending_at} and pending subscriptions through the HTTP API with a moved clock: a monthly calendar
 * plan "basic" (10.00 EUR, calls at 0.50) and "pro" (30.00 EUR, calls at 0.30), no taxes, March 2026 (31 days).
 */
class PlanChangeScenarioTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("basic", "monthly", 1000, "EUR", charge(calls, "0.50"));
        s.plan("pro", "monthly", 3000, "EUR", charge(calls, "0.30"));
        s.customer("acme", null);
    }

    @Test
    void anUpgradeTerminatesTheOldPlanNowWithItsInvoiceAndStartsTheNewOneProrated() {
        JsonNode old = s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("c1", "sub", "calls", Instant.parse("2026-03-10T10:00:00Z").getEpochSecond(), "{}");
        s.event("c2", "sub", "calls", Instant.parse("2026-03-10T11:00:00Z").getEpochSecond(), "{}");

        JsonNode upgraded = s.subscription("sub", "acme", "pro", null);
        assertThat(upgraded.get("lago_id")).isNotEqualTo(old.get("lago_id"));
        assertThat(upgraded.get("status").stringValue()).isEqualTo("active");
        assertThat(upgraded.get("plan_code").stringValue()).isEqualTo("pro");
        assertThat(upgraded.get("previous_plan_code").stringValue()).isEqualTo("basic");
        assertThat(upgraded.get("next_plan_code").isNull()).isTrue();
        assertThat(upgraded.get("started_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(upgraded.get("subscription_at").stringValue()).isEqualTo("2026-03-01T00:00:00Z");
        JsonNode terminated = api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription");
        assertThat(terminated.get("lago_id")).isEqualTo(old.get("lago_id"));
        assertThat(terminated.get("terminated_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(terminated.get("next_plan_code").stringValue()).isEqualTo("pro");

        JsonNode invoices = subscriptionInvoices();
        assertThat(invoices.get("meta").get("total_count").intValue()).isEqualTo(1);
        // basic, 1 to 15 March = 15 days of 31: 1000 × 15 / 31 = 483.87 → 484; 2 calls × 0.50 = 100; total 584
        assertThat(invoices.get("invoices").get(0).get("total_amount_cents").longValue()).isEqualTo(584);

        // Events from now on count for the new subscription.
        for (int i = 0; i < 3; i++) {
            s.event("p" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        JsonNode march = api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body()
                .get("invoice");
        // pro, 15 to 31 March = 17 days of 31 (the upgrade day counts on both, as in Lago): 3000 × 17 / 31 = 1645.16
        // → 1645; 3 calls × 0.30 = 90; total 1735
        assertThat(march.get("fees_amount_cents").longValue()).isEqualTo(1735);
        assertThat(feeAmount(march, "subscription")).isEqualTo(1645);
        assertThat(feeAmount(march, "charge")).isEqualTo(90);

        // April is a whole period of pro: 3000.
        clock.set(Instant.parse("2026-05-01T01:00:00Z"));
        JsonNode april = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(api.get("/api/v1/invoices/" + april.get("lago_invoice_ids").get(0).stringValue()).body()
                .get("invoice").get("total_amount_cents").longValue()).isEqualTo(3000);
    }

    @Test
    void aDowngradeWaitsForThePeriodEndThenTheClockSwapsThePlans() {
        JsonNode current = s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        JsonNode answered = s.subscription("sub", "acme", "basic", null);
        // Lago answers the current subscription, which shows what comes next.
        assertThat(answered.get("lago_id")).isEqualTo(current.get("lago_id"));
        assertThat(answered.get("plan_code").stringValue()).isEqualTo("pro");
        assertThat(answered.get("next_plan_code").stringValue()).isEqualTo("basic");
        assertThat(answered.get("downgrade_plan_date").stringValue()).isEqualTo("2026-04-01");
        JsonNode pending = api.get("/api/v1/subscriptions/sub?status=pending").body().get("subscription");
        assertThat(pending.get("plan_code").stringValue()).isEqualTo("basic");
        assertThat(pending.get("previous_plan_code").stringValue()).isEqualTo("pro");
        assertThat(pending.get("started_at").isNull()).isTrue();
        assertThat(subscriptionInvoices().get("meta").get("total_count").intValue()).isZero();

        // Before the period ends nothing moves, whatever reads happen.
        clock.set(Instant.parse("2026-03-31T23:59:00Z"));
        assertThat(api.get("/api/v1/subscriptions/sub").body().get("subscription").get("plan_code").stringValue())
                .isEqualTo("pro");

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        api.post("/api/v1/billing_runs", "{\"billing_run\": {}}");
        JsonNode active = api.get("/api/v1/subscriptions/sub").body().get("subscription");
        assertThat(active.get("plan_code").stringValue()).isEqualTo("basic");
        assertThat(active.get("lago_id")).isEqualTo(pending.get("lago_id"));
        assertThat(active.get("started_at").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription")
                .get("terminated_at").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        JsonNode invoices = subscriptionInvoices();
        assertThat(invoices.get("meta").get("total_count").intValue()).isEqualTo(1);
        // pro is billed for its whole last period, March: 3000
        assertThat(invoices.get("invoices").get(0).get("total_amount_cents").longValue()).isEqualTo(3000);

        // basic started on its period's first day: April is billed in full, 1000.
        clock.set(Instant.parse("2026-05-01T01:00:00Z"));
        JsonNode april = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(april.get("invoices_count").intValue()).isEqualTo(1);
        assertThat(api.get("/api/v1/invoices/" + april.get("lago_invoice_ids").get(0).stringValue()).body()
                .get("invoice").get("total_amount_cents").longValue()).isEqualTo(1000);
    }

    @Test
    void anUpgradeCancelsAWaitingDowngradeAndAPendingSubscriptionJustTakesTheNewPlan() {
        s.plan("mini", "monthly", 500, "EUR", "[]");
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.subscription("sub", "acme", "mini", null);
        JsonNode upgraded = s.subscription("sub", "acme", "pro", null);
        assertThat(upgraded.get("plan_code").stringValue()).isEqualTo("pro");
        assertThat(api.get("/api/v1/subscriptions?status[]=canceled").body().get("subscriptions").get(0)
                .get("plan_code").stringValue()).isEqualTo("mini");

        JsonNode later = s.subscription("later", "acme", "basic", "\"subscription_at\": \"2026-06-01T00:00:00Z\"");
        JsonNode changed = s.subscription("later", "acme", "pro", null);
        assertThat(changed.get("lago_id")).isEqualTo(later.get("lago_id"));
        assertThat(changed.get("status").stringValue()).isEqualTo("pending");
        assertThat(changed.get("plan_code").stringValue()).isEqualTo("pro");
    }

    @Test
    void plansAreComparedByWhatTheyCostInAYear() {
        // weekly 3.00 = 156.00 a year, more than basic's 120.00: an upgrade, although 3.00 < 10.00
        s.plan("weekly", "weekly", 300, "EUR", "[]");
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        JsonNode changed = s.subscription("sub", "acme", "weekly", null);
        assertThat(changed.get("plan_code").stringValue()).isEqualTo("weekly");
        assertThat(changed.get("status").stringValue()).isEqualTo("active");
    }

    @Test
    void endingAtTerminatesTheSubscriptionAtThatInstantWithItsFinalInvoice() {
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\","
                + " \"ending_at\": \"2026-03-20T00:00:00Z\"");
        s.event("c1", "sub", "calls", Instant.parse("2026-03-16T10:00:00Z").getEpochSecond(), "{}");

        clock.set(Instant.parse("2026-03-20T00:05:00Z"));
        api.post("/api/v1/billing_runs", "{\"billing_run\": {}}");
        JsonNode ended = api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription");
        assertThat(ended.get("terminated_at").stringValue()).isEqualTo("2026-03-20T00:00:00Z");
        JsonNode invoices = subscriptionInvoices();
        assertThat(invoices.get("meta").get("total_count").intValue()).isEqualTo(1);
        // ending at midnight on 20 March uses 1 to 19 March = 19 days of 31: 1000 × 19 / 31 = 612.90 → 613;
        // 1 call × 0.50 = 50; total 663
        assertThat(invoices.get("invoices").get(0).get("total_amount_cents").longValue()).isEqualTo(663);
        // Nothing more at the month end.
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("invoices_count").intValue()).isZero();
        assertThat(subscriptionInvoices().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void anEndingOnThePeriodBoundaryBillsThatPeriodOnce() {
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\","
                + " \"ending_at\": \"2026-04-01T00:00:00Z\"");
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        api.post("/api/v1/billing_runs", "{\"billing_run\": {}}");
        JsonNode invoices = subscriptionInvoices();
        // the whole of March, once: 1000
        assertThat(invoices.get("meta").get("total_count").intValue()).isEqualTo(1);
        assertThat(invoices.get("invoices").get(0).get("total_amount_cents").longValue()).isEqualTo(1000);
    }

    @Test
    void aPendingSubscriptionStartsWhenItsDateComesAndIsBilledFromThere() {
        JsonNode pending = s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-22T00:00:00Z\"");
        assertThat(pending.get("status").stringValue()).isEqualTo("pending");
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(api.get("/api/v1/subscriptions/sub").body().get("subscription").get("started_at").stringValue())
                .isEqualTo("2026-03-22T00:00:00Z");
        // 22 to 31 March = 10 days of 31: 1000 × 10 / 31 = 322.58 → 323
        assertThat(api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body()
                .get("invoice").get("total_amount_cents").longValue()).isEqualTo(323);
    }

    @Test
    void aPlanChangeThatCannotBeMadeChangesNothing() {
        s.plan("usd", "monthly", 5000, "USD", "[]");
        s.customer("globex", null);
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        long subscriptions = count("subscriptions");
        long invoices = count("invoices");

        var unknownPlan = api.post("/api/v1/subscriptions", body("acme", "nothing", "sub"));
        assertThat(unknownPlan.status()).isEqualTo(404);
        assertThat(unknownPlan.body().get("code").stringValue()).isEqualTo("plan_not_found");
        var otherCurrency = api.post("/api/v1/subscriptions", body("acme", "usd", "sub"));
        assertThat(otherCurrency.status()).isEqualTo(422);
        assertThat(otherCurrency.body().get("error_details").toString())
                .isEqualTo("{\"currency\":[\"currencies_does_not_match\"]}");
        var someoneElses = api.post("/api/v1/subscriptions", body("globex", "pro", "sub"));
        assertThat(someoneElses.status()).isEqualTo(422);
        assertThat(someoneElses.body().get("error_details").toString())
                .isEqualTo("{\"external_id\":[\"value_already_exist\"]}");
        var pastEnd = api.post("/api/v1/subscriptions", "{\"subscription\": {\"external_customer_id\": \"acme\","
                + " \"plan_code\": \"pro\", \"external_id\": \"sub\", \"ending_at\": \"2026-03-10T00:00:00Z\"}}");
        assertThat(pastEnd.status()).isEqualTo(422);
        assertThat(pastEnd.body().get("error_details").toString()).isEqualTo("{\"ending_at\":[\"invalid_date\"]}");

        assertThat(count("subscriptions")).isEqualTo(subscriptions);
        assertThat(count("invoices")).isEqualTo(invoices);
        assertThat(api.get("/api/v1/subscriptions/sub").body().get("subscription").get("plan_code").stringValue())
                .isEqualTo("basic");
    }

    @Test
    void postingATerminatedExternalIdStartsAFreshSubscriptionAsLagoDoes() {
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        api.delete("/api/v1/subscriptions/sub");
        long invoices = count("invoices");
        JsonNode fresh = s.subscription("sub", "acme", "pro", null);
        assertThat(fresh.get("status").stringValue()).isEqualTo("active");
        assertThat(fresh.get("previous_plan_code").isNull()).isTrue();
        assertThat(fresh.get("started_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(count("invoices")).isEqualTo(invoices);
    }

    private JsonNode subscriptionInvoices() {
        return api.get("/api/v1/invoices?external_customer_id=acme&invoice_type=subscription").body();
    }

    private static long feeAmount(JsonNode invoice, String type) {
        long sum = 0;
        for (JsonNode fee : invoice.get("fees")) {
            if (fee.get("item").get("type").stringValue().equals(type)) {
                sum += fee.get("amount_cents").longValue();
            }
        }
        return sum;
    }

    private static String charge(String metricId, String amount) {
        return "[{\"billable_metric_id\": \"" + metricId + "\", \"charge_model\": \"standard\","
                + " \"properties\": {\"amount\": \"" + amount + "\"}}]";
    }

    private static String body(String customer, String plan, String externalId) {
        return "{\"subscription\": {\"external_customer_id\": \"" + customer + "\", \"plan_code\": \"" + plan
                + "\", \"external_id\": \"" + externalId + "\"}}";
    }
}

package dev.fjord.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Lago's {@code plan_overrides}: one subscription gets its own price for a plan (fee, charge properties, taxes),
 * billed from its own copy of the plan, while the plan the merchant lists stays as it was.
 */
class PlanOverridesScenarioTest extends ApiTest {
    private Scenario s;
    private String chargeId;
    private UUID organization;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\"}}");
        String calls = s.metric("calls", "count_agg", null, null);
        JsonNode plan = s.plan("basic", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"invoice_display_name\": \"API calls\", \"properties\": {\"amount\": \"0.50\"}}]");
        chargeId = plan.get("charges").get(0).get("lago_id").stringValue();
        organization = jdbc.sql("SELECT organization_id FROM plans WHERE id = ?")
                .param(UUID.fromString(plan.get("lago_id").stringValue())).query(UUID.class).single();
        s.customer("acme", null);
    }

    @Test
    void anOverriddenSubscriptionIsBilledAtItsOwnPricesAndThePlanStaysListedOnce() {
        var created = api.post("/api/v1/subscriptions", """
                {"subscription": {"external_id": "sub", "external_customer_id": "acme", "plan_code": "basic",
                  "subscription_at": "2026-03-01T00:00:00Z",
                  "plan_overrides": {"amount_cents": 500, "tax_codes": ["vat"],
                    "charges": [{"id": "%s", "properties": {"amount": "0.05"}}]}}}""".formatted(chargeId));
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        assertThat(created.body().get("subscription").get("plan_code").stringValue()).isEqualTo("basic");
        for (int i = 0; i < 10; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }
        // usage is priced with the override: 10 calls × 0.05 = 0.50 EUR
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(50);

        // the listed plan is unchanged and listed once
        JsonNode plans = api.get("/api/v1/plans").body();
        assertThat(plans.get("meta").get("total_count").intValue()).isEqualTo(1);
        JsonNode listed = plans.get("plans").get(0);
        assertThat(listed.get("amount_cents").longValue()).isEqualTo(1000);
        assertThat(listed.get("charges").get(0).get("properties").get("amount").stringValue()).isEqualTo("0.50");
        assertThat(listed.get("taxes")).isEmpty();

        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}").body()
                .get("billing_run");
        JsonNode invoice = api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body()
                .get("invoice");
        // fee 5.00 (override of 10.00) + 10 calls × 0.05 = 5.50 EUR; the override's 20% tax = 1.10; total 6.60
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(550);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(110);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(660);

        // posting the plan again (without overrides) is not a plan change: the same subscription answers
        var again = api.post("/api/v1/subscriptions", """
                {"subscription": {"external_id": "sub", "external_customer_id": "acme", "plan_code": "basic"}}""");
        assertThat(again.body().get("subscription").get("lago_id").stringValue())
                .isEqualTo(created.body().get("subscription").get("lago_id").stringValue());
    }

    @Test
    void badOverridesAreThePlansOwnErrorsAndWriteNothing() {
        var negative = api.post("/api/v1/subscriptions", """
                {"subscription": {"external_id": "sub", "external_customer_id": "acme", "plan_code": "basic",
                  "plan_overrides": {"amount_cents": -1}}}""");
        assertThat(negative.status()).isEqualTo(422);
        assertThat(negative.body().get("error_details").get("amount_cents").get(0).stringValue())
                .isEqualTo("value_is_out_of_range");

        var unknownCharge = api.post("/api/v1/subscriptions", """
                {"subscription": {"external_id": "sub", "external_customer_id": "acme", "plan_code": "basic",
                  "plan_overrides": {"charges": [{"id": "00000000-0000-0000-0000-000000000001",
                    "properties": {"amount": "1"}}]}}}""");
        assertThat(unknownCharge.status()).isEqualTo(404);
        assertThat(unknownCharge.body().get("code").stringValue()).isEqualTo("charge_not_found");

        var badProperties = api.post("/api/v1/subscriptions", """
                {"subscription": {"external_id": "sub", "external_customer_id": "acme", "plan_code": "basic",
                  "plan_overrides": {"charges": [{"id": "%s", "properties": {"amount": "lots"}}]}}}""".formatted(chargeId));
        assertThat(badProperties.status()).isEqualTo(422);
        assertThat(badProperties.body().get("error_details").has("properties")).isTrue();

        s.subscription("plain", "acme", "basic", null);
        var onUpdate = api.put("/api/v1/subscriptions/plain", """
                {"subscription": {"name": "x", "plan_overrides": {"amount_cents": 1}}}""");
        assertThat(onUpdate.status()).isEqualTo(422);
        assertThat(onUpdate.body().get("error_details").get("plan_overrides").get(0).stringValue())
                .isEqualTo("not_supported_on_update");
        assertThat(api.get("/api/v1/subscriptions/plain").body().get("subscription").get("name").isNull()).isTrue();

        assertThat(jdbc.sql("SELECT count(*) FROM plans WHERE organization_id = ?").param(organization)
                .query(Long.class).single()).isEqualTo(1);
        // the one subscription is the plain one, on the listed plan
        assertThat(jdbc.sql("SELECT count(*) FROM subscriptions WHERE organization_id = ?").param(organization)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void deletingThePlanEndsTheSubscriptionsOnItsOverrides() {
        api.post("/api/v1/subscriptions", """
                {"subscription": {"external_id": "sub", "external_customer_id": "acme", "plan_code": "basic",
                  "plan_overrides": {"amount_cents": 700}}}""");
        api.delete("/api/v1/plans/basic");

        JsonNode subscription = api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription");
        assertThat(subscription.get("status").stringValue()).isEqualTo("terminated");
    }
}

package dev.fjord.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Canceling a scheduled downgrade with Lago's {@code DELETE /subscriptions/{external_id}?status=pending}: the pending
 * subscription becomes canceled, nothing is billed for it, and the current one keeps its plan and renews on it. A
 * monthly calendar plan "pro" (30.00 EUR) and "basic" (10.00 EUR), no taxes, March 2026.
 */
class CancelScheduledChangeScenarioTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.plan("pro", "monthly", 3000, "EUR", "[]");
        s.plan("basic", "monthly", 1000, "EUR", "[]");
        s.customer("acme", null);
        // an endpoint, so that the organization records its webhooks
        api.post("/api/v1/webhook_endpoints", """
                {"webhook_endpoint": {"webhook_url": "https://hooks.example/fjord", "signature_algo": "hmac"}}""");
    }

    @Test
    void theCurrentSubscriptionRenewsOnItsOwnPlanOnceTheDowngradeIsCanceled() {
        JsonNode current = s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.subscription("sub", "acme", "basic", null); // basic costs less: waits for 1 April
        JsonNode pending = api.get("/api/v1/subscriptions/sub?status=pending").body().get("subscription");

        var canceled = api.delete("/api/v1/subscriptions/sub?status=pending");
        assertThat(canceled.status()).isEqualTo(200);
        JsonNode answered = canceled.body().get("subscription");
        assertThat(answered.get("lago_id")).isEqualTo(pending.get("lago_id"));
        assertThat(answered.get("status").stringValue()).isEqualTo("canceled");
        assertThat(answered.get("plan_code").stringValue()).isEqualTo("basic");
        assertThat(answered.get("canceled_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(answered.get("terminated_at").isNull()).isTrue();

        JsonNode still = api.get("/api/v1/subscriptions/sub").body().get("subscription");
        assertThat(still.get("lago_id")).isEqualTo(current.get("lago_id"));
        assertThat(still.get("plan_code").stringValue()).isEqualTo("pro");
        assertThat(still.get("next_plan_code").isNull()).isTrue();
        assertThat(still.get("downgrade_plan_date").isNull()).isTrue();
        assertThat(api.get("/api/v1/subscriptions/sub?status=pending").status()).isEqualTo(404);
        assertThat(subscriptionInvoices().get("meta").get("total_count").intValue()).isZero(); // nothing billed
        // Lago's TerminateService: subscription.terminated for the canceled pending one (status canceled), then
        // subscription.updated for the current one, which no longer shows a next plan
        JsonNode terminated = onlyWebhook("subscription.terminated").get("subscription");
        assertThat(terminated.get("lago_id")).isEqualTo(pending.get("lago_id"));
        assertThat(terminated.get("status").stringValue()).isEqualTo("canceled");
        JsonNode updated = onlyWebhook("subscription.updated").get("subscription");
        assertThat(updated.get("lago_id")).isEqualTo(current.get("lago_id"));
        assertThat(updated.get("next_plan_code").isNull()).isTrue();

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode march = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(march.get("invoices_count").intValue()).isEqualTo(1);
        // pro from 1 March, a whole calendar month: 3000; nothing of basic
        assertThat(invoice(march).get("total_amount_cents").longValue()).isEqualTo(3000);
        JsonNode april = api.get("/api/v1/subscriptions/sub").body().get("subscription");
        assertThat(april.get("lago_id")).isEqualTo(current.get("lago_id"));
        assertThat(april.get("plan_code").stringValue()).isEqualTo("pro");
        assertThat(april.get("current_billing_period_started_at").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(api.get("/api/v1/subscriptions/sub?status=terminated").status()).isEqualTo(404);

        clock.set(Instant.parse("2026-05-01T01:00:00Z"));
        JsonNode renewed = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        // April renewed on pro, not on basic: 3000 (basic would have been 1000)
        JsonNode aprilInvoice = invoice(renewed);
        assertThat(aprilInvoice.get("total_amount_cents").longValue()).isEqualTo(3000);
        JsonNode fee = aprilInvoice.get("fees").get(0);
        assertThat(fee.get("amount_cents").longValue()).isEqualTo(3000);
        assertThat(fee.get("lago_subscription_id")).isEqualTo(current.get("lago_id"));
    }

    @Test
    void withoutAPendingSubscriptionNothingIsCanceled() {
        s.subscription("sub", "acme", "pro", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        long subscriptions = count("subscriptions");
        long webhooks = count("webhooks");

        var none = api.delete("/api/v1/subscriptions/sub?status=pending");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body().get("status").intValue()).isEqualTo(404);
        assertThat(none.body().get("error").stringValue()).isEqualTo("Not Found");
        assertThat(none.body().get("code").stringValue()).isEqualTo("subscription_not_found");
        var unknown = api.delete("/api/v1/subscriptions/nobody?status=pending");
        assertThat(unknown.body().get("code").stringValue()).isEqualTo("subscription_not_found");
        var badStatus = api.delete("/api/v1/subscriptions/sub?status=terminated");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body().get("error_details").toString()).isEqualTo("{\"status\":[\"value_is_invalid\"]}");

        assertThat(count("subscriptions")).isEqualTo(subscriptions);
        assertThat(count("webhooks")).isEqualTo(webhooks);
        JsonNode active = api.get("/api/v1/subscriptions/sub").body().get("subscription");
        assertThat(active.get("status").stringValue()).isEqualTo("active");
        assertThat(active.get("terminated_at").isNull()).isTrue();
    }

    private JsonNode invoice(JsonNode billingRun) {
        return api.get("/api/v1/invoices/" + billingRun.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }

    private JsonNode subscriptionInvoices() {
        return api.get("/api/v1/invoices?external_customer_id=acme&invoice_type=subscription").body();
    }

    /** The organization's one recorded webhook of this type (its one endpoint gets one row per webhook). */
    private JsonNode onlyWebhook(String type) {
        UUID organization = jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single();
        List<JsonNode> found = jdbc.sql("SELECT payload FROM webhooks WHERE organization_id = ?")
                .param(organization).query(String.class).list().stream().map(ApiClient::parse)
                .filter(p -> p.get("webhook_type").stringValue().equals(type)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}

package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * State changes record their webhooks in their own transaction, with the object as the API shows it: the payload
 * under the object type is exactly what the matching GET answers right after the change.
 */
class WebhookWiringTest extends ApiTest {
    OrganizationId organization;
    Scenario scenario;

    @BeforeEach
    void endpoint() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        organization = WebhookTestSupport.organizationOf(jdbc, api);
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "jwt", null);
        scenario = new Scenario(api);
    }

    @Test
    void customersSendCreatedThenUpdatedWithTheCustomerObject() {
        scenario.customer("acme", "\"name\": \"Acme\"");
        scenario.customer("acme", "\"name\": \"Acme Inc\"");

        assertThat(types()).containsExactly("customer.created", "customer.updated");
        JsonNode last = payloads().get(1);
        assertThat(last.get("object_type").stringValue()).isEqualTo("customer");
        assertThat(last.get("organization_id").stringValue()).isEqualTo(organization.toString());
        assertThat(last.get("customer")).isEqualTo(api.get("/api/v1/customers/acme").body().get("customer"));
    }

    @Test
    void aRefusedChangeSendsNothing() {
        var refused = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"acme\", \"email\": 5}}");
        assertThat(refused.status()).isEqualTo(422);
        scenario.customer("acme", null);
        // 10 paid credits at 1.00 are 10.00 USD, above the wallet's maximum paid top-up of 5.00: the wallet, its
        // wallet.created webhook and the customer's currency all roll back together
        var wallet = api.post("/api/v1/wallets", """
                {"wallet": {"external_customer_id": "acme", "rate_amount": "1", "currency": "USD",
                  "paid_credits": "10", "paid_top_up_max_amount_cents": 500}}""");
        assertThat(wallet.status()).as(wallet.raw()).isEqualTo(422);

        assertThat(types()).containsExactly("customer.created");
    }

    @Test
    void subscriptionsSendStartedAndTerminatedWithTheTerminationInvoice() {
        scenario.customer("acme", null);
        scenario.plan("basic", "monthly", 1000, "EUR", "[]");
        scenario.subscription("sub-1", "acme", "basic", null);
        JsonNode started = api.get("/api/v1/subscriptions/sub-1").body().get("subscription");
        api.delete("/api/v1/subscriptions/sub-1");

        assertThat(types().subList(0, 3)).containsExactly("customer.created", "plan.created", "subscription.started");
        assertThat(payloads().get(2).get("subscription")).isEqualTo(started);
        // the termination and its final invoice follow the same event, in either order
        assertThat(types().subList(3, 5)).containsExactlyInAnyOrder("invoice.created", "subscription.terminated");
        assertThat(payload("subscription.terminated").get("subscription").get("status").stringValue())
                .isEqualTo("terminated");
        assertThat(payload("invoice.created").get("invoice").get("invoice_type").stringValue()).isEqualTo("subscription");
    }

    @Test
    void aSubscriptionReachingItsEndingAtSendsTerminated() {
        scenario.customer("acme", null);
        scenario.plan("basic", "monthly", 1000, "EUR", "[]");
        scenario.subscription("sub-1", "acme", "basic", "\"ending_at\": \"2026-03-20T00:00:00Z\"");
        clock.set(Instant.parse("2026-03-21T00:00:00Z"));

        api.get("/api/v1/subscriptions/sub-1?status=terminated");

        assertThat(types()).contains("subscription.terminated");
        assertThat(payload("subscription.terminated").get("subscription").get("terminated_at").stringValue())
                .isEqualTo("2026-03-20T00:00:00Z");
    }

    @Test
    void aPendingSubscriptionReachingItsDateSendsStartedOnce() {
        scenario.customer("acme", null);
        scenario.plan("basic", "monthly", 1000, "EUR", "[]");
        scenario.subscription("sub-1", "acme", "basic", "\"subscription_at\": \"2026-03-20T00:00:00Z\"");
        assertThat(types()).doesNotContain("subscription.started");

        clock.set(Instant.parse("2026-03-20T00:00:01Z"));
        JsonNode active = api.get("/api/v1/subscriptions/sub-1").body().get("subscription");
        api.get("/api/v1/subscriptions/sub-1"); // settled again: nothing new to send

        assertThat(types().stream().filter("subscription.started"::equals)).hasSize(1);
        assertThat(active.get("status").stringValue()).isEqualTo("active");
        assertThat(payload("subscription.started").get("subscription")).isEqualTo(active);
    }

    @Test
    void aFreeTrialEndingSendsTrialEndedOnceWithTrialEndedAt() {
        scenario.customer("acme", null);
        api.post("/api/v1/plans", """
                {"plan": {"name": "Trial", "code": "trial", "interval": "monthly", "amount_cents": 1000,
                  "amount_currency": "EUR", "trial_period": 5, "charges": []}}""");
        scenario.subscription("sub-1", "acme", "trial", null);
        // started 2026-03-15T12:00Z + 5 days of trial = 2026-03-20T12:00Z
        clock.set(Instant.parse("2026-03-20T11:59:59Z"));
        JsonNode during = api.get("/api/v1/subscriptions/sub-1").body().get("subscription");
        assertThat(during.get("trial_ended_at").isNull()).isTrue();
        assertThat(types()).doesNotContain("subscription.trial_ended");

        clock.set(Instant.parse("2026-03-20T12:00:00Z"));
        JsonNode after = api.get("/api/v1/subscriptions/sub-1").body().get("subscription");
        api.get("/api/v1/subscriptions/sub-1");

        assertThat(after.get("trial_ended_at").stringValue()).isEqualTo("2026-03-20T12:00:00Z");
        assertThat(types().stream().filter("subscription.trial_ended"::equals)).hasSize(1);
        assertThat(payload("subscription.trial_ended").get("subscription")).isEqualTo(after);
    }

    @Test
    void anUpdateSendsUpdatedAndCancelingAPendingSubscriptionSendsTerminated() {
        scenario.customer("acme", null);
        scenario.plan("basic", "monthly", 1000, "EUR", "[]");
        scenario.subscription("sub-1", "acme", "basic", null);
        var renamed = api.put("/api/v1/subscriptions/sub-1", "{\"subscription\": {\"name\": \"Main\"}}");
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        JsonNode updated = api.get("/api/v1/subscriptions/sub-1").body().get("subscription");
        scenario.subscription("sub-2", "acme", "basic", "\"subscription_at\": \"2026-04-01T00:00:00Z\"");
        // moving the start of a pending subscription is not an update in Lago: it starts (and says so) later
        var moved = api.put("/api/v1/subscriptions/sub-2?status=pending",
                "{\"subscription\": {\"subscription_at\": \"2026-04-02T00:00:00Z\"}}");
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        api.delete("/api/v1/subscriptions/sub-2?status=pending");

        // Lago's TerminateService sends subscription.terminated for a canceled pending subscription (subscription.canceled
        // is for payment-gated ones, which Fjord has not)
        assertThat(types()).containsExactly("customer.created", "plan.created", "subscription.started",
                "subscription.updated", "subscription.terminated");
        assertThat(payload("subscription.updated").get("subscription")).isEqualTo(updated);
        assertThat(updated.get("name").stringValue()).isEqualTo("Main");
        JsonNode canceled = payload("subscription.terminated").get("subscription");
        assertThat(canceled.get("external_id").stringValue()).isEqualTo("sub-2");
        assertThat(canceled.get("status").stringValue()).isEqualTo("canceled");
        assertThat(canceled.get("subscription_at").stringValue()).isEqualTo("2026-04-02T00:00:00Z");
    }

    @Test
    void catalogChangesSendTheirWebhooks() {
        scenario.metric("calls", "count_agg", null, null);
        api.put("/api/v1/billable_metrics/calls", "{\"billable_metric\": {\"name\": \"API calls\"}}");
        scenario.plan("basic", "monthly", 1000, "EUR", "[]");
        api.put("/api/v1/plans/basic", "{\"plan\": {\"name\": \"Basic\"}}");
        JsonNode plan = api.get("/api/v1/plans/basic").body().get("plan");
        api.delete("/api/v1/plans/basic");
        api.delete("/api/v1/billable_metrics/calls");

        assertThat(types()).containsExactly("billable_metric.created", "billable_metric.updated", "plan.created",
                "plan.updated", "plan.deleted", "billable_metric.deleted");
        assertThat(payloads().get(3).get("plan")).isEqualTo(plan);
        assertThat(payloads().get(1).get("billable_metric").get("name").stringValue()).isEqualTo("API calls");
    }

    @Test
    void walletsAndPaidCreditsSendWalletTransactionAndInvoiceWebhooks() {
        scenario.customer("acme", "\"currency\": \"USD\"");
        jdbc.sql("DELETE FROM webhooks WHERE organization_id = ?").param(organization.value()).update();
        // 10 granted credits settle at once; 20 paid credits wait for their credit invoice
        JsonNode wallet = api.post("/api/v1/wallets", """
                {"wallet": {"external_customer_id": "acme", "name": "Prepaid", "rate_amount": "1", "currency": "USD",
                  "paid_credits": "20", "granted_credits": "10"}}""").body().get("wallet");
        assertThat(types()).containsExactly("wallet.created", "wallet_transaction.created",
                "invoice.paid_credit_added", "wallet.updated", "wallet_transaction.created");
        assertThat(payloads().get(3).get("wallet")).isEqualTo(wallet);
        JsonNode granted = payloads().get(4).get("wallet_transaction");
        assertThat(granted.get("transaction_status").stringValue()).isEqualTo("granted");
        assertThat(granted.get("wallet")).isEqualTo(wallet);

        String invoiceId = payloads().get(2).get("invoice").get("lago_id").stringValue();
        jdbc.sql("DELETE FROM webhooks WHERE organization_id = ?").param(organization.value()).update();
        api.put("/api/v1/invoices/" + invoiceId, "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        assertThat(types()).containsExactly("wallet.updated", "wallet_transaction.updated",
                "invoice.payment_status_updated");
        assertThat(payloads().get(1).get("wallet_transaction").get("status").stringValue()).isEqualTo("settled");
        assertThat(payloads().get(2).get("invoice"))
                .isEqualTo(api.get("/api/v1/invoices/" + invoiceId).body().get("invoice"));

        jdbc.sql("DELETE FROM webhooks WHERE organization_id = ?").param(organization.value()).update();
        api.delete("/api/v1/wallets/" + wallet.get("lago_id").stringValue());
        api.delete("/api/v1/wallets/" + wallet.get("lago_id").stringValue());
        assertThat(types()).containsExactly("wallet.terminated");
    }

    @Test
    void oneOffInvoicesSendCreatedThenVoided() {
        scenario.customer("acme", "\"currency\": \"EUR\"");
        api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"Setup\", \"code\": \"setup\", \"amount_cents\": 5000, "
                + "\"amount_currency\": \"EUR\"}}");
        String invoiceId = api.post("/api/v1/invoices", """
                {"invoice": {"external_customer_id": "acme", "currency": "EUR", "fees": [{"add_on_code": "setup"}]}}""")
                .body().get("invoice").get("lago_id").stringValue();
        api.post("/api/v1/invoices/" + invoiceId + "/void", "");

        assertThat(types()).containsExactly("customer.created", "invoice.one_off_created", "invoice.voided");
        assertThat(payloads().get(2).get("invoice"))
                .isEqualTo(api.get("/api/v1/invoices/" + invoiceId).body().get("invoice"));
    }

    @Test
    void anOrganizationWithoutEndpointsRecordsNothing() {
        ApiClient other = newOrganization("No endpoints");
        new Scenario(other).customer("acme", null);
        assertThat(count("webhooks WHERE organization_id = '"
                + WebhookTestSupport.organizationOf(jdbc, other) + "'")).isZero();
    }

    private JsonNode payload(String webhookType) {
        return WebhookTestSupport.payload(payloads(), webhookType);
    }

    private List<String> types() {
        return WebhookTestSupport.types(payloads());
    }

    private List<JsonNode> payloads() {
        return WebhookTestSupport.payloads(jdbc, organization);
    }
}

package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code events.errors} (object {@code events_errors}): one webhook per ingestion request whose events counted
 * nowhere, their transaction ids under Lago's error keys, recorded in the request's transaction.
 */
class EventErrorsWebhookTest extends ApiTest {
    OrganizationId organization;
    Scenario s;

    @BeforeEach
    void subscribedCustomer() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        organization = WebhookTestSupport.organizationOf(jdbc, api);
        s = new Scenario(api);
        s.customer("acme", null);
        String bytes = s.metric("bytes", "sum_agg", "bytes", null);
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + bytes + "\", \"charge_model\": \"standard\","
                + " \"properties\": {\"amount\": \"1\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
    }

    @Test
    void aBatchWithErrorsSendsOneWebhookListingThemByLagosKeys() {
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "hmac", null);

        var response = api.post("/api/v1/events/batch", "{\"events\": [" + event("good", "bytes", "{\"bytes\": 3}")
                + ", " + event("unknown-code", "no_such_metric", "{\"bytes\": 3}")
                + ", " + event("no-bytes", "bytes", "{\"other\": 1}") + "]}");

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<JsonNode> webhooks = payloads();
        assertThat(webhooks).hasSize(1);
        JsonNode webhook = webhooks.get(0);
        assertThat(webhook.get("webhook_type").stringValue()).isEqualTo("events.errors");
        assertThat(webhook.get("object_type").stringValue()).isEqualTo("events_errors");
        assertThat(webhook.get("organization_id").stringValue()).isEqualTo(organization.toString());
        assertThat(webhook.get("events_errors").toString()).isEqualTo("{\"invalid_code\":[\"unknown-code\"],"
                + "\"missing_aggregation_property\":[\"no-bytes\"],\"missing_group_key\":[],\"invalid_filter_values\":[],"
                + "\"unknown_subscription\":[],\"before_subscription_start\":[]}");
        // the good event still counted: 3 bytes × 1.00 = 300 cents
        assertThat(s.usage("acme", "sub").get("amount_cents").longValue()).isEqualTo(300);
    }

    @Test
    void aSingleEventOfAnUnknownSubscriptionIsListedUnderFjordsOwnKey() {
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "jwt", List.of("events.errors"));

        s.event("lost", "no-such-sub", "bytes", clock.instant().getEpochSecond(), "{\"bytes\": 1}");

        assertThat(payloads()).hasSize(1);
        JsonNode errors = payloads().get(0).get("events_errors");
        assertThat(errors.get("unknown_subscription").toString()).isEqualTo("[\"lost\"]");
        assertThat(errors.get("invalid_code").isEmpty()).isTrue();
    }

    @Test
    void aCleanBatchSendsNothing() {
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "hmac", null);

        var response = api.post("/api/v1/events/batch", "{\"events\": [" + event("a", "bytes", "{\"bytes\": 1}")
                + ", " + event("b", "bytes", "{\"bytes\": 2}") + "]}");

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(payloads()).isEmpty();
    }

    @Test
    void anOrganizationWithoutEndpointsRecordsNothing() {
        var response = api.post("/api/v1/events/batch", "{\"events\": ["
                + event("unknown-code", "no_such_metric", "{}") + "]}");

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(payloads()).isEmpty();
        // the error itself is still stored and listed
        assertThat(api.get("/api/v1/event_errors").body().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void anEndpointThatDoesNotWantTheTypeGetsNothing() {
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "hmac", List.of("invoice.created"));

        s.event("unknown-code", "sub", "no_such_metric", clock.instant().getEpochSecond(), "{}");

        assertThat(payloads()).isEmpty();
    }

    @Test
    void aRejectedBatchSendsNothing() {
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "hmac", null);
        s.event("taken", "sub", "bytes", clock.instant().getEpochSecond(), "{\"bytes\": 1}");

        // the repeated transaction id rolls the whole batch back, its unknown code with it
        var response = api.post("/api/v1/events/batch", "{\"events\": [" + event("unknown-code", "no_such_metric", "{}")
                + ", " + event("taken", "bytes", "{\"bytes\": 1}") + "]}");

        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(payloads()).isEmpty();
    }

    private String event(String transactionId, String code, String properties) {
        return "{\"transaction_id\": \"" + transactionId + "\", \"external_subscription_id\": \"sub\", \"code\": \""
                + code + "\", \"timestamp\": " + clock.instant().getEpochSecond() + ", \"properties\": " + properties + "}";
    }

    private List<JsonNode> payloads() {
        return WebhookTestSupport.payloads(jdbc, organization);
    }
}

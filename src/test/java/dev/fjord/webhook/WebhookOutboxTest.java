package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The outbox: a webhook row exists if and only if the transaction that recorded it commits. */
class WebhookOutboxTest extends ApiTest {
    @Autowired
    Webhooks webhooks;
    @Autowired
    TransactionTemplate transaction;

    OrganizationId organization;

    @BeforeEach
    void endpoints() {
        organization = WebhookTestSupport.organizationOf(jdbc, api);
        WebhookTestSupport.createEndpoint(api, "https://a.example/hooks", "jwt", null);
        WebhookTestSupport.createEndpoint(api, "https://b.example/hooks", "hmac", List.of("customer.created"));
    }

    @Test
    void aCommittedChangeLeavesOneWebhookPerAcceptingEndpoint() {
        transaction.executeWithoutResult(status ->
                webhooks.record(organization, "customer.created", "customer", Map.of("external_id", "c-1")));
        transaction.executeWithoutResult(status ->
                webhooks.record(organization, "wallet.created", "wallet", Map.of("lago_id", "w-1")));

        // customer.created goes to both endpoints, wallet.created only to the one without an event_types filter
        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT w.webhook_type, e.webhook_url, w.status, w.attempts, w.payload
                FROM webhooks w JOIN webhook_endpoints e ON e.id = w.webhook_endpoint_id
                WHERE w.organization_id = ? ORDER BY w.webhook_type, e.webhook_url""")
                .param(organization.value()).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("webhook_type") + " " + r.get("webhook_url")).containsExactly(
                "customer.created https://a.example/hooks", "customer.created https://b.example/hooks",
                "wallet.created https://a.example/hooks");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("pending"));
        JsonNode payload = dev.fjord.support.ApiClient.parse((String) rows.get(0).get("payload"));
        assertThat(payload.toString()).isEqualTo("{\"webhook_type\":\"customer.created\",\"object_type\":\"customer\","
                + "\"organization_id\":\"" + organization + "\",\"customer\":{\"external_id\":\"c-1\"}}");
    }

    @Test
    void aRolledBackChangeLeavesNoWebhook() {
        transaction.executeWithoutResult(status -> {
            webhooks.record(organization, "customer.created", "customer", Map.of("external_id", "c-1"));
            status.setRollbackOnly();
        });

        assertThat(webhookCount()).isZero();
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> webhooks.record(organization, "customer.created", "customer", Map.of()))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(webhookCount()).isZero();
    }

    private long webhookCount() {
        return jdbc.sql("SELECT count(*) FROM webhooks WHERE organization_id = ?").param(organization.value())
                .query(Long.class).single();
    }
}

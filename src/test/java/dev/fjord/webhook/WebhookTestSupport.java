package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Helpers of the webhook tests. */
final class WebhookTestSupport {
    private WebhookTestSupport() {}

    static OrganizationId organizationOf(JdbcClient jdbc, ApiClient api) {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single());
    }

    /** Creates an endpoint through the API and answers its id. */
    static String createEndpoint(ApiClient api, String url, String algo, List<String> eventTypes) {
        String types = eventTypes == null ? "null"
                : "[" + String.join(",", eventTypes.stream().map(t -> "\"" + t + "\"").toList()) + "]";
        var response = api.post("/api/v1/webhook_endpoints", """
                {"webhook_endpoint": {"webhook_url": "%s", "signature_algo": "%s", "event_types": %s}}"""
                .formatted(url, algo, types));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("webhook_endpoint").get("lago_id").stringValue();
    }

    /** The bodies of the organization's recorded webhooks, oldest first. */
    static List<JsonNode> payloads(JdbcClient jdbc, OrganizationId organization) {
        return jdbc.sql("SELECT payload FROM webhooks WHERE organization_id = ? ORDER BY id")
                .param(organization.value()).query(String.class).list().stream().map(ApiClient::parse).toList();
    }

    static List<String> types(List<JsonNode> payloads) {
        return payloads.stream().map(p -> p.get("webhook_type").stringValue()).toList();
    }

    /** The first recorded webhook of this type. */
    static JsonNode payload(List<JsonNode> payloads, String webhookType) {
        return payloads.stream().filter(p -> p.get("webhook_type").stringValue().equals(webhookType)).findFirst()
                .orElseThrow();
    }
}

package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/webhook_endpoints}: Lago's shape, its limit of 10, unique URLs, errors in the envelope. */
class WebhookEndpointApiTest extends ApiTest {

    @Test
    void createsShowsUpdatesListsAndDeletesAnEndpoint() {
        var created = api.post("/api/v1/webhook_endpoints", """
                {"webhook_endpoint": {"webhook_url": "https://hooks.example/lago", "signature_algo": "hmac",
                 "name": "prod", "event_types": ["invoice.voided", "customer.created"]}}""");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        JsonNode endpoint = created.body().get("webhook_endpoint");
        String id = endpoint.get("lago_id").stringValue();
        assertThat(endpoint.get("webhook_url").stringValue()).isEqualTo("https://hooks.example/lago");
        assertThat(endpoint.get("signature_algo").stringValue()).isEqualTo("hmac");
        assertThat(endpoint.get("name").stringValue()).isEqualTo("prod");
        assertThat(endpoint.get("event_types").toString()).isEqualTo("[\"invoice.voided\",\"customer.created\"]");
        assertThat(endpoint.get("lago_organization_id").stringValue()).isNotBlank();
        assertThat(endpoint.get("created_at").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

        var updated = api.put("/api/v1/webhook_endpoints/" + id, """
                {"webhook_endpoint": {"webhook_url": "https://hooks.example/v2", "event_types": null}}""");
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("webhook_endpoint").get("webhook_url").stringValue())
                .isEqualTo("https://hooks.example/v2");
        assertThat(updated.body().get("webhook_endpoint").get("event_types").isNull()).isTrue();
        assertThat(updated.body().get("webhook_endpoint").get("signature_algo").stringValue()).isEqualTo("hmac");

        assertThat(api.get("/api/v1/webhook_endpoints/" + id).body().get("webhook_endpoint").get("name").stringValue())
                .isEqualTo("prod");
        var list = api.get("/api/v1/webhook_endpoints");
        assertThat(list.body().get("webhook_endpoints")).hasSize(1);
        assertThat(list.body().get("meta").get("total_count").asLong()).isEqualTo(1);

        assertThat(api.delete("/api/v1/webhook_endpoints/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/webhook_endpoints/" + id).body().get("code").stringValue())
                .isEqualTo("webhook_endpoint_not_found");
    }

    @Test
    void signatureAlgoDefaultsToJwt() {
        var created = api.post("/api/v1/webhook_endpoints",
                "{\"webhook_endpoint\": {\"webhook_url\": \"https://hooks.example/a\"}}");
        assertThat(created.body().get("webhook_endpoint").get("signature_algo").stringValue()).isEqualTo("jwt");
        assertThat(created.body().get("webhook_endpoint").get("event_types").isNull()).isTrue();
    }

    @Test
    void anOrganizationHasAtMostTenEndpoints() {
        for (int i = 0; i < 10; i++) {
            WebhookTestSupport.createEndpoint(api, "https://hooks.example/" + i, "jwt", null);
        }
        var refused = api.post("/api/v1/webhook_endpoints",
                "{\"webhook_endpoint\": {\"webhook_url\": \"https://hooks.example/11\"}}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("error_details").toString()).isEqualTo("{\"base\":[\"exceeded_limit\"]}");
        assertThat(api.get("/api/v1/webhook_endpoints").body().get("meta").get("total_count").asLong()).isEqualTo(10);
    }

    @Test
    void aUrlIsUniqueWithinAnOrganizationOnly() {
        String first = WebhookTestSupport.createEndpoint(api, "https://hooks.example/x", "jwt", null);
        String second = WebhookTestSupport.createEndpoint(api, "https://hooks.example/y", "jwt", null);

        var duplicate = api.post("/api/v1/webhook_endpoints",
                "{\"webhook_endpoint\": {\"webhook_url\": \"https://hooks.example/x\"}}");
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body().get("error_details").toString())
                .isEqualTo("{\"webhook_url\":[\"value_already_exist\"]}");
        var renamed = api.put("/api/v1/webhook_endpoints/" + second,
                "{\"webhook_endpoint\": {\"webhook_url\": \"https://hooks.example/x\"}}");
        assertThat(renamed.status()).isEqualTo(422);
        // the same URL in another organization, and an update to the endpoint's own URL, are fine
        WebhookTestSupport.createEndpoint(newOrganization("Other"), "https://hooks.example/x", "jwt", null);
        assertThat(api.put("/api/v1/webhook_endpoints/" + first,
                "{\"webhook_endpoint\": {\"webhook_url\": \"https://hooks.example/x\"}}").status()).isEqualTo(200);
    }

    @Test
    void badInputIsOne422AndWritesNothing() {
        var refused = api.post("/api/v1/webhook_endpoints", """
                {"webhook_endpoint": {"webhook_url": "ftp://nope", "signature_algo": "rsa",
                 "event_types": ["wallet.exploded"]}}""");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("error_details").toString()).isEqualTo(
                "{\"webhook_url\":[\"url_is_invalid\"],\"signature_algo\":[\"value_is_invalid\"],"
                        + "\"event_types\":[\"value_is_invalid\"]}");
        assertThat(api.post("/api/v1/webhook_endpoints", "{\"webhook_endpoint\": {}}").body()
                .get("error_details").toString()).isEqualTo("{\"webhook_url\":[\"value_is_mandatory\"]}");
        assertThat(api.post("/api/v1/webhook_endpoints", "{}").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/webhook_endpoints/not-an-id").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhook_endpoints").body().get("meta").get("total_count").asLong()).isZero();
    }

    @Test
    void anotherOrganizationsEndpointIsNotFound() {
        String id = WebhookTestSupport.createEndpoint(api, "https://hooks.example/x", "jwt", null);
        var other = newOrganization("Other");
        assertThat(other.get("/api/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/webhook_endpoints/" + id).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/webhook_endpoints/" + id).status()).isEqualTo(200);
    }
}

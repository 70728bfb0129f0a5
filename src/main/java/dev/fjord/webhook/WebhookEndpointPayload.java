package dev.fjord.webhook;

import dev.fjord.api.JsonInput;
import dev.fjord.shared.Changes;
import dev.fjord.webhook.internal.WebhookEndpointInputReader;
import tools.jackson.databind.JsonNode;

/**
 * Lago's webhook endpoint payload ({@code {"webhook_endpoint": {...}}}) read and validated exactly as
 * {@code /api/v1/webhook_endpoints} reads it: the web UI's endpoint form sends the same payload.
 */
public final class WebhookEndpointPayload {
    static final String ROOT = "webhook_endpoint";

    private WebhookEndpointPayload() {}

    public static Changes create(JsonNode body) {
        return WebhookEndpointInputReader.read(JsonInput.root(body, ROOT), true);
    }

    public static Changes update(JsonNode body) {
        return WebhookEndpointInputReader.read(JsonInput.root(body, ROOT), false);
    }
}

package dev.fjord.webhook;

import dev.fjord.api.JsonFormats;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A URL of an organization that receives its webhooks; {@code eventTypes} null means every type. */
public record WebhookEndpoint(UUID id, UUID organizationId, String webhookUrl, String signatureAlgo, String name,
        List<String> eventTypes, Instant createdAt) {

    /** Lago's {@code webhook_endpoint} object. */
    public record Json(String lagoId, String lagoOrganizationId, String webhookUrl, String signatureAlgo, String name,
            List<String> eventTypes, String createdAt) {}

    public Json json() {
        return new Json(id.toString(), organizationId.toString(), webhookUrl, signatureAlgo, name, eventTypes,
                JsonFormats.timestamp(createdAt));
    }
}

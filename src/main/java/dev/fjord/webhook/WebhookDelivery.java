package dev.fjord.webhook;

import dev.fjord.api.JsonFormats;
import java.time.Instant;
import java.util.UUID;

/** A webhook to one endpoint and where its delivery stands. */
public record WebhookDelivery(UUID id, UUID endpointId, String webhookUrl, String webhookType, String objectType,
        String status, int attempts, int attemptLimit, Integer httpStatus, String response, Instant lastAttemptAt,
        Instant nextAttemptAt, Instant createdAt, Instant updatedAt, String payload) {

    /** Fjord's {@code webhook} object (Lago has no public API for it); {@code payload} only when asked for. */
    public record Json(String lagoId, String lagoWebhookEndpointId, String webhookUrl, String webhookType,
            String objectType, String status, int attempts, int maxAttempts, Integer httpStatus, String response,
            String lastAttemptAt, String nextAttemptAt, String createdAt, String updatedAt) {}

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    public Json json() {
        return new Json(id.toString(), endpointId.toString(), webhookUrl, webhookType, objectType, status, attempts,
                attemptLimit, httpStatus, response, JsonFormats.timestamp(lastAttemptAt),
                JsonFormats.timestamp(nextAttemptAt), JsonFormats.timestamp(createdAt),
                JsonFormats.timestamp(updatedAt));
    }
}

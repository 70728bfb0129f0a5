package dev.fjord.subscription;

import dev.fjord.api.JsonInput;
import dev.fjord.subscription.internal.SubscriptionInputReader;
import tools.jackson.databind.JsonNode;

/**
 * Lago's subscription payload ({@code {"subscription": {...}}}) read and validated exactly as
 * {@code POST /api/v1/subscriptions} reads it: the web UI's subscribe form sends the same payload.
 */
public final class SubscriptionPayload {
    private SubscriptionPayload() {}

    public static SubscriptionInput create(JsonNode body) {
        return SubscriptionInputReader.create(JsonInput.root(body, "subscription"));
    }
}

package dev.fjord.subscription;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** {@code POST /subscriptions}: who subscribes to which plan, from when, billed how. */
public record SubscriptionInput(String externalCustomerId, String planCode, String externalId, String name,
        BillingTime billingTime, Instant subscriptionAt, Instant endingAt, JsonNode planOverrides) {}

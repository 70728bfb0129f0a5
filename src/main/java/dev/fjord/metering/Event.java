package dev.fjord.metering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored event. {@code subscriptionId} is null when no active subscription had its external id; {@code errorCode}
 * says why an event counted nowhere ({@code unknown_subscription}, {@code invalid_code}, ...), null when it counted.
 */
public record Event(UUID id, String transactionId, String externalSubscriptionId, String code, Instant timestamp,
        ObjectNode properties, BigDecimal preciseTotalAmountCents, UUID subscriptionId, UUID customerId,
        String errorCode, Instant createdAt) {}

package dev.fjord.metering;

import java.math.BigDecimal;
import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/** One usage event as sent ({@code timestamp} already defaulted to reception time). */
public record EventInput(String transactionId, String externalSubscriptionId, String code, Instant timestamp,
        ObjectNode properties, BigDecimal preciseTotalAmountCents) {}

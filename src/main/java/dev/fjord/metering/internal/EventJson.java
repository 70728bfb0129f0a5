package dev.fjord.metering.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.metering.Event;
import tools.jackson.databind.node.ObjectNode;

/** Lago's {@code event} object. */
record EventJson(
        String lagoId,
        String transactionId,
        String lagoCustomerId,
        String code,
        String timestamp,
        String preciseTotalAmountCents,
        ObjectNode properties,
        String lagoSubscriptionId,
        String externalSubscriptionId,
        String createdAt) {

    static EventJson of(Event e) {
        return new EventJson(e.id().toString(), e.transactionId(),
                e.customerId() == null ? null : e.customerId().toString(), e.code(),
                JsonFormats.timestampMillis(e.timestamp()),
                e.preciseTotalAmountCents() == null ? null : e.preciseTotalAmountCents().toPlainString(),
                e.properties(), e.subscriptionId() == null ? null : e.subscriptionId().toString(),
                e.externalSubscriptionId(), JsonFormats.timestamp(e.createdAt()));
    }
}

package dev.fjord.metering.internal;

import dev.fjord.api.JsonInput;
import dev.fjord.metering.EventInput;
import dev.fjord.shared.Limits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** One Lago event object → an {@link EventInput}, errors left in the {@link JsonInput}. */
final class EventInputReader {
    /** Unix seconds accepted: 1970 to the year 9999, beyond which a timestamp is a bug, not usage. */
    private static final BigDecimal MAX_UNIX_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private EventInputReader() {}

    static EventInput read(JsonInput in) {
        String transactionId = mandatory(in, "transaction_id");
        String subscription = mandatory(in, "external_subscription_id");
        String code = mandatory(in, "code");
        Instant timestamp = timestamp(in, in.rawObject("timestamp"));
        JsonNode properties = in.rawObject("properties");
        if (properties != null && !properties.isObject()) {
            in.error("properties", "value_is_invalid");
        }
        BigDecimal precise = decimal(in, "precise_total_amount_cents");
        return new EventInput(transactionId, subscription, code, timestamp,
                properties == null || !properties.isObject() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) properties,
                precise);
    }

    private static String mandatory(JsonInput in, String field) {
        String value = in.string(field, Limits.MAX_TEXT_LENGTH);
        if (value == null && !in.hasError(field)) {
            in.error(field, "value_is_mandatory");
        }
        return value;
    }

    /** Unix seconds as an integer, a float (fractions are milliseconds) or a numeric string; absent = reception. */
    private static Instant timestamp(JsonInput in, JsonNode node) {
        if (node == null) {
            return null;
        }
        BigDecimal seconds = UsageAggregator.number(node);
        if (seconds == null || seconds.signum() < 0 || seconds.compareTo(MAX_UNIX_SECONDS) > 0) {
            in.error("timestamp", "invalid_format");
            return null;
        }
        BigDecimal millis = seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP);
        return Instant.ofEpochMilli(millis.longValueExact());
    }

    private static BigDecimal decimal(JsonInput in, String field) {
        JsonNode node = in.rawObject(field);
        if (node == null) {
            return null;
        }
        BigDecimal value = UsageAggregator.number(node);
        if (value == null || value.abs().compareTo(BigDecimal.TEN.pow(20)) > 0) {
            in.error(field, "value_is_invalid");
        }
        return value;
    }
}

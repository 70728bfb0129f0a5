package dev.fjord.subscription.internal;

import dev.fjord.api.JsonInput;
import dev.fjord.shared.Limits;
import dev.fjord.subscription.BillingTime;
import dev.fjord.subscription.SubscriptionInput;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Lago's subscription payload, read with every error collected. */
public final class SubscriptionInputReader {
    static final List<String> BILLING_TIMES = List.of("calendar", "anniversary");

    private SubscriptionInputReader() {}

    /** {@code POST /subscriptions}. */
    public static SubscriptionInput create(JsonInput in) {
        String customer = mandatory(in, "external_customer_id");
        String planCode = mandatory(in, "plan_code");
        String externalId = mandatory(in, "external_id");
        String name = in.string("name", Limits.MAX_TEXT_LENGTH);
        String billingTime = in.oneOf("billing_time", BILLING_TIMES);
        Instant subscriptionAt = timestamp(in, "subscription_at");
        Instant endingAt = timestamp(in, "ending_at");
        // read and checked by the catalog as a plan, once the plan it overrides is known
        JsonNode planOverrides = in.rawObject("plan_overrides");
        in.validate();
        return new SubscriptionInput(customer, planCode, externalId, name,
                billingTime == null ? null : BillingTime.fromCode(billingTime).orElseThrow(), subscriptionAt, endingAt,
                planOverrides);
    }

    /** ISO-8601 with an offset, as Lago's clients send ({@code 2022-08-08T00:00:00Z}). */
    static Instant timestamp(JsonInput in, String field) {
        String text = in.string(field, 64);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            in.error(field, "invalid_date");
            return null;
        }
    }

    private static String mandatory(JsonInput in, String field) {
        String value = in.string(field, Limits.MAX_TEXT_LENGTH);
        if (value == null && !in.hasError(field)) {
            in.error(field, "value_is_mandatory");
        }
        return value;
    }
}

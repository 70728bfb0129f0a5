package dev.fjord.coupon.internal;

import static dev.fjord.shared.Limits.MAX_AMOUNT_CENTS;
import static dev.fjord.shared.Limits.MAX_CODES_PER_REQUEST;
import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.coupon.CouponInput;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lago's coupon payload → a {@link CouponInput}, every field error collected into one 422. */
public final class CouponInputReader {
    static final List<String> COUPON_TYPES = List.of("fixed_amount", "percentage");
    static final List<String> FREQUENCIES = List.of("once", "recurring", "forever");
    static final List<String> EXPIRATIONS = List.of("no_expiration", "time_limit");
    /** Billing periods a coupon can last: 1000 is 19 years of weekly invoices, 83 years of monthly ones. */
    static final int MAX_FREQUENCY_DURATION = 1_000;
    /** A percentage off: more than 0, at most 100, at most 5 decimals (Lago's column scale). */
    static final BigDecimal MAX_PERCENTAGE = BigDecimal.valueOf(100);
    static final int PERCENTAGE_SCALE = 5;

    private CouponInputReader() {}

    /**
     * On create, name, code, coupon_type, frequency and expiration are mandatory and the rules across fields are
     * checked here; on update they are checked against the stored coupon by {@code Coupons}.
     */
    public static CouponInput read(JsonInput in, boolean creating, Instant now) {
        Changes changes = new Changes();
        String name = in.string("name", MAX_TEXT_LENGTH);
        String code = in.string("code", MAX_TEXT_LENGTH);
        String couponType = in.oneOf("coupon_type", COUPON_TYPES);
        String frequency = in.oneOf("frequency", FREQUENCIES);
        String expiration = in.oneOf("expiration", EXPIRATIONS);
        if (creating) {
            in.require("name", name);
            in.require("code", code);
            in.require("coupon_type", couponType);
            in.require("frequency", frequency);
            in.require("expiration", expiration);
        }
        in.setRequiredIfSent(changes, "name", name);
        in.setRequiredIfSent(changes, "code", code);
        in.setRequiredIfSent(changes, "coupon_type", couponType);
        in.setRequiredIfSent(changes, "frequency", frequency);
        in.setRequiredIfSent(changes, "expiration", expiration);
        in.setRequiredIfSent(changes, "reusable", in.bool("reusable"));
        in.setIfSent(changes, "description", in.string("description", MAX_LONG_TEXT_LENGTH));
        // Lago: amount_cents greater than 0.
        in.setIfSent(changes, "amount_cents", in.longInteger("amount_cents", 1, MAX_AMOUNT_CENTS));
        in.setIfSent(changes, "amount_currency",
                in.string("amount_currency", 3, Formats::isCurrency, "value_is_invalid"));
        in.setIfSent(changes, "percentage_rate",
                in.decimal("percentage_rate", BigDecimal.ZERO, true, MAX_PERCENTAGE, PERCENTAGE_SCALE));
        in.setIfSent(changes, "frequency_duration", in.integer("frequency_duration", 1, MAX_FREQUENCY_DURATION));
        in.setIfSent(changes, "expiration_at", expirationAt(in, now));
        List<String> planCodes = null;
        List<String> billableMetricCodes = null;
        JsonInput appliesTo = in.object("applies_to");
        if (appliesTo != null) {
            planCodes = appliesTo.stringList("plan_codes", MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
            billableMetricCodes = appliesTo.stringList("billable_metric_codes", MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
        }
        if (creating) {
            Map<String, Object> state = new HashMap<>(changes.values());
            CouponRules.check(state).forEach((field, codes) -> {
                if (!in.hasError(field)) {
                    codes.forEach(error -> in.error(field, error));
                }
            });
        }
        in.validate();
        return new CouponInput(changes, planCodes, billableMetricCodes);
    }

    /** Lago's rule: an expiration date must parse and lie in the future, else {@code invalid_date}. */
    private static Timestamp expirationAt(JsonInput in, Instant now) {
        Instant at = in.timestamp("expiration_at", "invalid_date");
        if (at == null) {
            return null;
        }
        if (!at.isAfter(now)) {
            in.error("expiration_at", "invalid_date");
            return null;
        }
        return Timestamp.from(at);
    }
}

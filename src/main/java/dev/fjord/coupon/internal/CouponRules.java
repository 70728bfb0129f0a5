package dev.fjord.coupon.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules across a coupon's fields (Lago's model validations), checked on the coupon as it would be stored: the
 * sent fields over the stored ones on update, over the defaults on create.
 */
public final class CouponRules {
    private CouponRules() {}

    /** Field → codes for each rule the coupon {@code state} (column → value) breaks; empty when it is valid. */
    public static Map<String, List<String>> check(Map<String, Object> state) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if ("fixed_amount".equals(state.get("coupon_type"))) {
            mandatory(state, errors, "amount_cents");
            mandatory(state, errors, "amount_currency");
        }
        if ("percentage".equals(state.get("coupon_type"))) {
            mandatory(state, errors, "percentage_rate");
        }
        if ("recurring".equals(state.get("frequency"))) {
            mandatory(state, errors, "frequency_duration");
        }
        // Lago accepts a time limit without a date; Fjord asks for the date (a limit without one never applies).
        if ("time_limit".equals(state.get("expiration"))) {
            mandatory(state, errors, "expiration_at");
        }
        return errors;
    }

    private static void mandatory(Map<String, Object> state, Map<String, List<String>> errors, String field) {
        if (state.get(field) == null) {
            errors.put(field, List.of("value_is_mandatory"));
        }
    }
}

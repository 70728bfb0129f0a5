package dev.fjord.coupon.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fjord.api.JsonFormats;
import dev.fjord.coupon.AppliedCoupon;
import java.util.List;

/**
 * Lago's {@code applied_coupon} object, fields in Lago's order. Lists add {@code credits} (the invoice credits the
 * application produced, oldest first); single answers do not carry the key, as in Lago.
 */
record AppliedCouponJson(
        String lagoId,
        String lagoCouponId,
        String couponCode,
        String couponName,
        String couponDescription,
        String couponStatus,
        String couponDeletedAt,
        String lagoCustomerId,
        String externalCustomerId,
        String status,
        Long amountCents,
        Long amountCentsRemaining,
        String amountCurrency,
        String percentageRate,
        String frequency,
        Integer frequencyDuration,
        Integer frequencyDurationRemaining,
        String expirationAt,
        String createdAt,
        String terminatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> credits) {

    static AppliedCouponJson of(AppliedCoupon a) {
        return of(a, null);
    }

    static AppliedCouponJson inList(AppliedCoupon a, List<AppliedCouponCreditJson> credits) {
        return of(a, List.copyOf(credits));
    }

    private static AppliedCouponJson of(AppliedCoupon a, List<Object> credits) {
        return new AppliedCouponJson(a.id().toString(), a.coupon().id().toString(), a.coupon().code(),
                a.coupon().name(), a.coupon().description(), a.coupon().status(),
                JsonFormats.timestamp(a.coupon().deletedAt()), a.customerId().toString(), a.externalCustomerId(),
                a.status(), a.amountCents(), a.amountCentsRemaining(), a.amountCurrency(),
                JsonFormats.decimal(a.percentageRate()), a.frequency(), a.frequencyDuration(),
                a.frequencyDurationRemaining(), JsonFormats.timestamp(a.coupon().expirationAt()),
                JsonFormats.timestamp(a.createdAt()), JsonFormats.timestamp(a.terminatedAt()), credits);
    }
}

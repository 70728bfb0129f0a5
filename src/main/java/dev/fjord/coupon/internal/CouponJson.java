package dev.fjord.coupon.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.coupon.Coupon;
import java.util.List;

/** Lago's {@code coupon} object, fields in Lago's order, every one present; the rate is a decimal string. */
record CouponJson(
        String lagoId,
        String name,
        String code,
        String description,
        String couponType,
        Long amountCents,
        String amountCurrency,
        String percentageRate,
        String frequency,
        Integer frequencyDuration,
        boolean reusable,
        boolean limitedPlans,
        boolean limitedBillableMetrics,
        List<String> planCodes,
        List<String> billableMetricCodes,
        String createdAt,
        String expiration,
        String expirationAt,
        String terminatedAt) {

    static CouponJson of(Coupon c) {
        return new CouponJson(c.id().toString(), c.name(), c.code(), c.description(), c.couponType(),
                c.amountCents(), c.amountCurrency(), JsonFormats.decimal(c.percentageRate()), c.frequency(),
                c.frequencyDuration(), c.reusable(), c.limitedPlans(), c.limitedBillableMetrics(), c.planCodes(),
                c.billableMetricCodes(), JsonFormats.timestamp(c.createdAt()), c.expiration(),
                JsonFormats.timestamp(c.expirationAt()), JsonFormats.timestamp(c.terminatedAt()));
    }
}

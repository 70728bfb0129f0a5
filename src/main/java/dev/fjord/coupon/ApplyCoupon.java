package dev.fjord.coupon;

import java.math.BigDecimal;

/** {@code POST /applied_coupons}: which coupon to which customer, and the optional overrides of its values. */
public record ApplyCoupon(
        String externalCustomerId,
        String couponCode,
        String frequency,
        Integer frequencyDuration,
        Long amountCents,
        String amountCurrency,
        BigDecimal percentageRate) {}

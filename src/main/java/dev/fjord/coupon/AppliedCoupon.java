package dev.fjord.coupon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A coupon applied to a customer, with the values it applies (the coupon's, or the overrides sent when applying).
 * {@code amountCentsRemaining} is what is left of a fixed amount used once; null for percentages and for coupons
 * applied over several periods, as in Lago.
 */
public record AppliedCoupon(
        UUID id,
        Coupon coupon,
        UUID customerId,
        String externalCustomerId,
        String status,
        Long amountCents,
        Long amountCentsRemaining,
        String amountCurrency,
        BigDecimal percentageRate,
        String frequency,
        Integer frequencyDuration,
        Integer frequencyDurationRemaining,
        Instant createdAt,
        Instant terminatedAt) {}

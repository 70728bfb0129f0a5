package dev.fjord.coupon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A discount an organization offers: a fixed amount or a percentage, applied once, for a number of billing periods
 * or forever. {@code terminatedAt} is the effective end: set when the coupon was terminated, or its
 * {@code expirationAt} once a time-limited coupon has expired.
 */
public record Coupon(
        UUID id,
        String name,
        String code,
        String description,
        String couponType,
        Long amountCents,
        String amountCurrency,
        BigDecimal percentageRate,
        String frequency,
        Integer frequencyDuration,
        boolean reusable,
        boolean limitedPlans,
        boolean limitedBillableMetrics,
        List<String> planCodes,
        List<String> billableMetricCodes,
        String expiration,
        Instant expirationAt,
        Instant terminatedAt,
        Instant createdAt,
        Instant deletedAt) {

    public static final String FIXED_AMOUNT = "fixed_amount";
    public static final String PERCENTAGE = "percentage";
    public static final String TIME_LIMIT = "time_limit";

    /** {@code active} or {@code terminated}, Lago's coupon statuses. */
    public String status() {
        return terminatedAt == null ? "active" : "terminated";
    }

    public boolean isActive() {
        return terminatedAt == null;
    }

    public boolean isFixedAmount() {
        return FIXED_AMOUNT.equals(couponType);
    }

    /**
     * This coupon as of {@code now}: a time-limited coupon past its expiration is terminated at its expiration_at
     * (Lago's hourly job terminates it within the hour; here it is exact).
     */
    public Coupon asOf(Instant now) {
        if (terminatedAt != null || !TIME_LIMIT.equals(expiration) || expirationAt == null
                || !expirationAt.isBefore(now)) {
            return this;
        }
        return new Coupon(id, name, code, description, couponType, amountCents, amountCurrency, percentageRate,
                frequency, frequencyDuration, reusable, limitedPlans, limitedBillableMetrics, planCodes,
                billableMetricCodes, expiration, expirationAt, expirationAt, createdAt, deletedAt);
    }
}

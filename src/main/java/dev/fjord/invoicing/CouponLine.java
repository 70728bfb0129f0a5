package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An active applied coupon of the customer, as {@link InvoiceCalculator} needs it.
 *
 * @param couponType {@code fixed_amount} or {@code percentage}
 * @param remainingAmountCents fixed coupons: what this invoice may use (Lago: the remaining amount of a {@code once}
 *     coupon, the full amount of a {@code recurring} or {@code forever} one); null for percentage coupons
 * @param percentageRate percentage coupons: the rate in percent (Lago does not bound it: 150 is capped at the base)
 * @param currency the currency of a fixed coupon; a fixed coupon in another currency than the invoice is skipped
 * @param limitedToPlanIds plans the coupon is limited to (with their overrides), empty = not limited to plans
 * @param limitedToMetricIds billable metrics the coupon is limited to, empty = not limited to metrics
 * @param appliedAt when it was applied to the customer: orders coupons of the same kind of limitation
 */
public record CouponLine(UUID appliedCouponId, String couponType, Long remainingAmountCents, BigDecimal percentageRate,
        String currency, Set<UUID> limitedToPlanIds, Set<UUID> limitedToMetricIds, Instant appliedAt) {

    public static final String FIXED_AMOUNT = "fixed_amount";
    public static final String PERCENTAGE = "percentage";

    public CouponLine {
        Objects.requireNonNull(appliedCouponId, "appliedCouponId");
        Objects.requireNonNull(appliedAt, "appliedAt");
        limitedToPlanIds = limitedToPlanIds == null ? Set.of() : Set.copyOf(limitedToPlanIds);
        limitedToMetricIds = limitedToMetricIds == null ? Set.of() : Set.copyOf(limitedToMetricIds);
        if (PERCENTAGE.equals(couponType)) {
            if (percentageRate == null || percentageRate.signum() < 0) {
                throw new IllegalArgumentException("a percentage coupon needs a rate >= 0: " + percentageRate);
            }
        } else if (FIXED_AMOUNT.equals(couponType)) {
            if (remainingAmountCents == null || remainingAmountCents < 0 || currency == null) {
                throw new IllegalArgumentException("a fixed coupon needs a remaining amount >= 0 and a currency");
            }
        } else {
            throw new IllegalArgumentException("unknown coupon type: " + couponType);
        }
    }

    public boolean percentage() {
        return PERCENTAGE.equals(couponType);
    }

    public boolean limitedToMetrics() {
        return !limitedToMetricIds.isEmpty();
    }

    public boolean limitedToPlans() {
        return !limitedToPlanIds.isEmpty();
    }
}

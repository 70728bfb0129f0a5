package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An active applied coupon of the customer. couponType fixed_amount|percentage; remainingAmountCents for fixed (what is left to use), percentageRate for percentage; limitedToPlanIds / limitedToMetricIds empty = unrestricted; appliedAt for ordering. currency of a fixed coupon. */
public record CouponLine(UUID appliedCouponId, String couponType, Long remainingAmountCents, BigDecimal percentageRate, String currency, Set<UUID> limitedToPlanIds, Set<UUID> limitedToMetricIds, Instant appliedAt) {}

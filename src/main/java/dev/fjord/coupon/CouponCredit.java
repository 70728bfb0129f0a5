package dev.fjord.coupon;

import java.time.Instant;
import java.util.UUID;

/** What one applied coupon took off one invoice, with the coupon it comes from (Lago's coupon {@code credit}). */
public record CouponCredit(UUID id, UUID invoiceId, long amountCents, Instant createdAt, UUID couponId,
        String couponCode, String couponName, String couponDescription) {}

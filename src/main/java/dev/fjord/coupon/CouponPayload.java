package dev.fjord.coupon;

import dev.fjord.api.JsonInput;
import dev.fjord.coupon.internal.CouponInputReader;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * Lago's coupon payload ({@code {"coupon": {...}}}) read and validated exactly as {@code POST/PUT /api/v1/coupons}
 * read it: the web UI's coupon form sends the same payload. {@code now} dates the expiration check.
 */
public final class CouponPayload {
    private CouponPayload() {}

    public static CouponInput read(JsonNode body, boolean creating, Instant now) {
        return CouponInputReader.read(JsonInput.root(body, "coupon"), creating, now);
    }
}

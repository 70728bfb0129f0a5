package dev.fjord.invoicing.internal.amounts;

import dev.fjord.invoicing.CouponLine;
import dev.fjord.shared.Money;
import java.math.BigDecimal;

/** What one coupon takes off a base (Lago's {@code AppliedCoupons::AmountService}), in whole minor units. */
final class CouponAmount {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CouponAmount() {}

    /**
     * Percentage: {@code base × rate / 100} HALF_UP, or the whole base when that reaches it. Fixed: the remaining
     * amount, or the whole base when the coupon is larger. The base of a limited coupon can have a fraction of a
     * minor unit; Lago stores the coupon in an integer column, which truncates it.
     */
    static long of(CouponLine coupon, BigDecimal base) {
        long wholeBase = Money.truncate(base);
        if (coupon.percentage()) {
            BigDecimal discount = base.multiply(coupon.percentageRate()).divide(HUNDRED);
            // Capping the rounded value too keeps a 99.9 % discount of 10.6 cents from becoming 11.
            return discount.compareTo(base) >= 0 ? wholeBase : Math.min(Money.round(discount), wholeBase);
        }
        long remaining = coupon.remainingAmountCents();
        return BigDecimal.valueOf(remaining).compareTo(base) > 0 ? wholeBase : remaining;
    }
}

package dev.fjord.invoicing.internal.amounts;

import dev.fjord.invoicing.CouponLine;
import dev.fjord.invoicing.FeeLine;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Coupons, before tax (Lago's {@code Credits::AppliedCouponsService} and {@code AppliedCouponService}): each coupon in
 * Lago's order takes its amount off the invoice sub-total and spreads it pro rata over the fees it targets.
 */
public final class CouponAllocation {
    /** Lago: coupons limited to billable metrics, then limited to plans, then the others; oldest first. */
    static final Comparator<CouponLine> LAGO_ORDER = Comparator
            .comparing((CouponLine c) -> !c.limitedToMetrics())
            .thenComparing(c -> !c.limitedToPlans())
            .thenComparing(CouponLine::appliedAt)
            .thenComparing(CouponLine::appliedCouponId); // only to make equal timestamps deterministic

    private CouponAllocation() {}

    /**
     * @param amounts per applied coupon, in application order, the whole minor units it takes
     * @param preciseCoupons per fee key, its share of all coupons (5 decimals, never above the fee amount)
     */
    public record Result(long couponsAmountCents, Map<UUID, Long> amounts, Map<UUID, BigDecimal> preciseCoupons) {}

    /**
     * @param subTotalCents the invoice sub-total before coupons (fees minus progressive-billing credits, which come
     *     first); unrestricted coupons are computed on it
     */
    public static Result apply(String currency, List<FeeLine> fees, List<CouponLine> coupons, long subTotalCents) {
        Map<UUID, BigDecimal> preciseCoupons = new LinkedHashMap<>();
        fees.forEach(fee -> preciseCoupons.put(fee.key(), BigDecimal.ZERO.setScale(Money.PRECISE_SCALE)));
        Map<UUID, Long> amounts = new LinkedHashMap<>();
        long feesAmountCents = fees.stream().mapToLong(FeeLine::amountCents).sum();
        long subTotal = subTotalCents;
        if (feesAmountCents > 0) { // Lago creates no coupon credit on an invoice whose fees are 0
            for (CouponLine coupon : coupons.stream().sorted(LAGO_ORDER).toList()) {
                if (subTotal <= 0) {
                    break; // nothing left to discount: the remaining coupons stay untouched for later invoices
                }
                if (!coupon.percentage() && !coupon.currency().equals(currency)) {
                    continue;
                }
                List<FeeLine> targeted = targetedFees(coupon, fees);
                if (targeted.isEmpty()) {
                    continue;
                }
                long amount = take(coupon, targeted, preciseCoupons, subTotal);
                amounts.put(coupon.appliedCouponId(), amount);
                subTotal -= amount;
            }
        }
        long total = amounts.values().stream().mapToLong(Long::longValue).sum();
        return new Result(total, Collections.unmodifiableMap(amounts), Collections.unmodifiableMap(preciseCoupons));
    }

    /** Lago's targets: the charges of the metrics, else the fees of the plans' subscriptions, else every fee. */
    static List<FeeLine> targetedFees(CouponLine coupon, List<FeeLine> fees) {
        if (coupon.limitedToMetrics()) {
            return fees.stream().filter(f -> f.billableMetricId() != null
                    && coupon.limitedToMetricIds().contains(f.billableMetricId())).toList();
        }
        if (coupon.limitedToPlans()) {
            return fees.stream().filter(f -> f.planId() != null && coupon.limitedToPlanIds().contains(f.planId()))
                    .toList();
        }
        return fees;
    }

    /** Applies one coupon: its amount, then each targeted fee's share of it. Returns the amount. */
    private static long take(CouponLine coupon, List<FeeLine> targeted, Map<UUID, BigDecimal> preciseCoupons,
            long subTotal) {
        // Lago's base: a limited coupon discounts what is left of its fees (precise, may have a fraction), an
        // unrestricted one the invoice sub-total.
        BigDecimal base = coupon.limitedToMetrics() || coupon.limitedToPlans()
                ? targeted.stream().map(f -> leftOf(f, preciseCoupons)).reduce(BigDecimal.ZERO, BigDecimal::add)
                : BigDecimal.valueOf(subTotal);
        // Never more than the sub-total: Lago does not check it, but rounding a fractional base could otherwise
        // push the sub-total below 0 by a cent.
        long amount = Math.min(CouponAmount.of(coupon, base), subTotal);
        // Spread what is recorded: Lago spreads a limited coupon's fractional base but records it truncated, which
        // leaves the fees a fraction of a cent short of the invoice sub-total (and of what wallets may pay).
        if (base.signum() > 0) {
            for (FeeLine fee : targeted) {
                BigDecimal share = Money.preciseShare(amount, leftOf(fee, preciseCoupons), base);
                BigDecimal feeAmount = BigDecimal.valueOf(fee.amountCents()).setScale(Money.PRECISE_SCALE);
                preciseCoupons.merge(fee.key(), share, (a, b) -> a.add(b).min(feeAmount)); // Lago caps at the fee
            }
        }
        return amount;
    }

    /** What a fee still costs after the coupons already spread on it. */
    private static BigDecimal leftOf(FeeLine fee, Map<UUID, BigDecimal> preciseCoupons) {
        return BigDecimal.valueOf(fee.amountCents()).subtract(preciseCoupons.get(fee.key()));
    }
}

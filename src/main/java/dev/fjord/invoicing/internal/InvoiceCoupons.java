package dev.fjord.invoicing.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Plan;
import dev.fjord.coupon.AppliedCoupon;
import dev.fjord.coupon.Coupon;
import dev.fjord.invoicing.CouponLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The customer's applied coupons as the invoice engine sees them: a coupon limited to plans or metrics that are not
 * on this invoice is left out; otherwise its limits become the ids it targets here.
 */
final class InvoiceCoupons {
    private InvoiceCoupons() {}

    static List<CouponLine> lines(List<AppliedCoupon> applied, List<Plan> plans, Map<UUID, BillableMetric> metrics,
            String currency) {
        List<CouponLine> lines = new ArrayList<>();
        for (AppliedCoupon a : applied) {
            Coupon coupon = a.coupon();
            Set<UUID> planIds = Set.of();
            Set<UUID> metricIds = Set.of();
            if (coupon.limitedPlans()) {
                planIds = plans.stream().filter(p -> coupon.planCodes().contains(p.code())).map(Plan::id)
                        .collect(Collectors.toSet());
                if (planIds.isEmpty()) {
                    continue;
                }
            }
            if (coupon.limitedBillableMetrics()) {
                metricIds = metrics.values().stream().filter(m -> coupon.billableMetricCodes().contains(m.code()))
                        .map(BillableMetric::id).collect(Collectors.toSet());
                if (metricIds.isEmpty()) {
                    continue;
                }
            }
            boolean fixed = coupon.isFixedAmount();
            Long remaining = !fixed ? null : a.amountCentsRemaining() != null ? a.amountCentsRemaining() : a.amountCents();
            lines.add(new CouponLine(a.id(), coupon.couponType(), remaining, fixed ? null : a.percentageRate(),
                    fixed ? a.amountCurrency() : currency, planIds, metricIds, a.createdAt()));
        }
        return lines;
    }
}

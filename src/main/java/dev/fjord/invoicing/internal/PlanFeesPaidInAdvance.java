package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.invoicing.UnusedPlanFee;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.Subscription;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds what a termination leaves unused of the plan fee paid in advance for the period it ends: the subscription's
 * fee of that very period, on a finalized invoice, priced by {@link SubscriptionFees#unused}.
 */
@Component
public class PlanFeesPaidInAdvance {
    private final Plans plans;
    private final JdbcClient jdbc;

    PlanFeesPaidInAdvance(Plans plans, JdbcClient jdbc) {
        this.plans = plans;
        this.jdbc = jdbc;
    }

    public Optional<UnusedPlanFee> unusedAt(OrganizationId organization, Subscription subscription, Instant terminatedAt,
            boolean upgrade) {
        Plan plan = plans.getById(organization, subscription.planId());
        if (!plan.payInAdvance() || subscription.startedAt() == null) {
            return Optional.empty();
        }
        BillingPeriod period = PlanPeriods.planPeriodContaining(plan, subscription, terminatedAt.minusNanos(1));
        SubscriptionFees.Prorated unused = SubscriptionFees.unused(plan, subscription, period, terminatedAt, upgrade);
        return paidFee(organization, subscription.id(), period)
                .filter(fee -> fee.amountCents() > 0 && unused.amountCents() > 0)
                // the fee of a period the subscription started in is prorated already: never give back more
                .map(fee -> new UnusedPlanFee(fee.invoiceId(), fee.id(), Math.min(unused.amountCents(), fee.amountCents()),
                        unused.billableDays(), unused.periodDays()));
    }

    private record PaidFee(UUID id, UUID invoiceId, long amountCents) {}

    private Optional<PaidFee> paidFee(OrganizationId organization, UUID subscriptionId, BillingPeriod period) {
        return jdbc.sql("""
                SELECT f.id, f.invoice_id, f.amount_cents FROM fees f JOIN invoices i ON i.id = f.invoice_id
                WHERE f.organization_id = ? AND f.subscription_id = ? AND f.fee_type = 'subscription'
                  AND f.from_datetime = ? AND i.status = 'finalized'
                ORDER BY f.created_at DESC, f.id DESC LIMIT 1""")
                .params(organization.value(), subscriptionId, Timestamp.from(period.start()))
                .query((rs, n) -> new PaidFee(rs.getObject("id", UUID.class), rs.getObject("invoice_id", UUID.class),
                        rs.getLong("amount_cents")))
                .optional();
    }
}

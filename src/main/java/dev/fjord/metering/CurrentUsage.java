package dev.fjord.metering;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import dev.fjord.metering.internal.UsagePricing;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Current usage read from the incremental aggregates (never from raw events), so an event's effect shows in the next
 * read after its 200, whatever the number of events.
 */
@Service
public class CurrentUsage {
    private final Subscriptions subscriptions;
    private final Plans plans;
    private final UsagePricing pricing;
    private final Taxes taxes;
    private final Clock clock;

    CurrentUsage(Subscriptions subscriptions, Plans plans, UsagePricing pricing, Taxes taxes, Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.pricing = pricing;
        this.taxes = taxes;
        this.clock = clock;
    }

    /**
     * The usage of the subscription's current charge period. With {@code applyTaxes}, each fee (one per charge
     * bucket) is taxed at the sum of its taxes' rates (charge → plan → customer → organization, Lago's
     * precedence), rounded per fee.
     */
    public UsageReport of(OrganizationId organization, String externalCustomerId, String externalSubscriptionId,
            boolean applyTaxes) {
        Subscription subscription = subscriptions.get(organization, externalSubscriptionId, SubscriptionStatus.ACTIVE);
        if (!subscription.externalCustomerId().equals(externalCustomerId)) {
            throw BillingError.notFound("customer");
        }
        Plan plan = plans.getById(organization, subscription.planId());
        Map<UUID, BillableMetric> metrics = plans.metricsOf(organization, plan);
        BillingPeriod period = BillingPeriods.chargePeriodContaining(plan.interval(), plan.billChargesMonthly(),
                subscription.billingTime(), subscription.anchorDate(), subscription.zone(), clock.instant());
        List<UsageReport.ChargeUsage> charges = new ArrayList<>();
        long amountCents = 0;
        long taxesCents = 0;
        for (Charge charge : plan.charges()) {
            BillableMetric metric = metrics.get(charge.billableMetricId());
            if (metric == null || metric.deletedAt() != null) {
                continue;
            }
            UsageReport.ChargeUsage usage = pricing.price(organization, subscription, charge, metric, period,
                    plan.amountCurrency());
            charges.add(usage);
            amountCents += usage.amountCents();
            if (applyTaxes && usage.amountCents() != 0) {
                BigDecimal rate = taxes.forFee(organization, plan.id(), charge.id(), subscription.customerId()).stream()
                        .map(Tax::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
                for (UsageReport.Bucket bucket : usage.buckets()) {
                    taxesCents += Money.percentOf(bucket.amountCents(), rate);
                }
            }
        }
        return new UsageReport(period.start(), period.endExclusive().minusSeconds(1), period.endDate().plusDays(1),
                plan.amountCurrency(), amountCents, taxesCents, charges);
    }
}

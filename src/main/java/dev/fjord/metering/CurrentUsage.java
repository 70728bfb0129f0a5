package dev.fjord.metering;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.metering.internal.AggregateRepository;
import dev.fjord.metering.internal.UsagePricing;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionQuery;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Current usage read from the incremental aggregates (never from raw events), so an event's effect shows in the next
 * read after its 200, whatever the number of events. Each fee (one per charge bucket) is taxed at the sum of its
 * taxes' rates (charge → plan → customer → organization, Lago's precedence), rounded per fee.
 */
@Service
public class CurrentUsage {
    /** Subscriptions to price per customer at most, for the customer-wide reads (ongoing balance). */
    private static final int MAX_SUBSCRIPTIONS_PER_CUSTOMER = 1_000;

    private final Subscriptions subscriptions;
    private final Plans plans;
    private final Taxes taxes;
    private final UsagePricing pricing;
    private final AggregateRepository aggregates;
    private final Clock clock;
    /** How long a customer's pricing context (subscriptions, plans, taxes) is reused by the customer-wide reads. */
    private final Duration contextTtl;
    private final Map<CustomerKey, CachedContext> contexts = new ConcurrentHashMap<>();

    CurrentUsage(Subscriptions subscriptions, Plans plans, Taxes taxes, UsagePricing pricing,
            AggregateRepository aggregates, Clock clock,
            @Value("${fjord.usage.context-ttl:PT2S}") Duration contextTtl) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.taxes = taxes;
        this.pricing = pricing;
        this.aggregates = aggregates;
        this.clock = clock;
        this.contextTtl = contextTtl;
    }

    /** What prices a subscription's usage: its plan, the metrics charged and each charge's total tax rate. */
    private record PricedSubscription(Subscription subscription, Plan plan, Map<UUID, BillableMetric> metrics,
            Map<UUID, BigDecimal> taxRates) {}

    private record CustomerKey(OrganizationId organization, String externalCustomerId) {}

    private record CachedContext(List<PricedSubscription> subscriptions, Instant builtAt) {}

    /** The usage of one subscription's current charge period, everything read fresh. */
    public UsageReport of(OrganizationId organization, String externalCustomerId, String externalSubscriptionId,
            boolean applyTaxes) {
        Subscription subscription = subscriptions.get(organization, externalSubscriptionId, SubscriptionStatus.ACTIVE);
        if (!subscription.externalCustomerId().equals(externalCustomerId)) {
            throw BillingError.notFound("customer");
        }
        PricedSubscription priced = priced(organization, subscription);
        Instant now = clock.instant();
        BillingPeriod period = period(priced, now);
        Map<UUID, List<AggregateRepository.Aggregate>> rows = aggregates
                .upTo(organization, List.of(subscription.id()), period.start()).getOrDefault(subscription.id(), Map.of());
        return report(priced, period, rows, applyTaxes);
    }

    /**
     * The usage of a subscription for a given charge period (a period that ended, when billing it): the same pricing
     * as current usage, from the aggregates of that period (and earlier ones for recurring metrics). Taxes are left to
     * the invoice, which rounds them once.
     */
    public UsageReport forPeriod(OrganizationId organization, Subscription subscription, BillingPeriod period) {
        Plan plan = plans.getById(organization, subscription.planId());
        return forPeriod(organization, subscription, plan, plans.metricsOf(organization, plan), period);
    }

    /** {@link #forPeriod} with the plan and its metrics already loaded (a billing run reuses them across subscriptions). */
    public UsageReport forPeriod(OrganizationId organization, Subscription subscription, Plan plan,
            Map<UUID, BillableMetric> metrics, BillingPeriod period) {
        PricedSubscription priced = new PricedSubscription(subscription, plan, metrics, Map.of());
        Map<UUID, List<AggregateRepository.Aggregate>> rows = aggregates
                .upTo(organization, List.of(subscription.id()), period.start()).getOrDefault(subscription.id(), Map.of());
        return report(priced, period, rows, false);
    }

    /**
     * The current usage of a customer's active subscriptions, and until when it holds if no event arrives: the end of
     * the earliest current charge period, or of the pricing context's reuse, whichever comes first.
     */
    public record CustomerUsage(List<UsageReport> reports, Instant validUntil) {}

    /**
     * The current usage of every active subscription of a customer, with one query for all their aggregates. The
     * pricing context (which subscriptions, plans and taxes) is reused for {@code fjord.usage.context-ttl}
     * (2 s by default): events and top-ups count at once, a new subscription or plan change within that delay.
     */
    public CustomerUsage ofCustomer(OrganizationId organization, String externalCustomerId) {
        Instant now = clock.instant();
        CachedContext context = context(organization, externalCustomerId, now);
        Map<PricedSubscription, BillingPeriod> periods = new HashMap<>();
        Instant latestStart = Instant.MIN;
        Instant validUntil = context.builtAt().plus(contextTtl);
        for (PricedSubscription priced : context.subscriptions()) {
            BillingPeriod period = period(priced, now);
            periods.put(priced, period);
            latestStart = period.start().isAfter(latestStart) ? period.start() : latestStart;
            validUntil = period.endExclusive().isBefore(validUntil) ? period.endExclusive() : validUntil;
        }
        List<UUID> ids = context.subscriptions().stream().map(p -> p.subscription().id()).toList();
        Map<UUID, Map<UUID, List<AggregateRepository.Aggregate>>> rows = ids.isEmpty() ? Map.of()
                : aggregates.upTo(organization, ids, latestStart);
        List<UsageReport> reports = new ArrayList<>();
        for (PricedSubscription priced : context.subscriptions()) {
            reports.add(report(priced, periods.get(priced), rows.getOrDefault(priced.subscription().id(), Map.of()), true));
        }
        return new CustomerUsage(reports, validUntil);
    }

    private CachedContext context(OrganizationId organization, String externalCustomerId, Instant now) {
        CustomerKey key = new CustomerKey(organization, externalCustomerId);
        CachedContext cached = contexts.get(key);
        // The cache follows the application clock both ways, so tests that move time see fresh contexts.
        if (cached != null && !now.isBefore(cached.builtAt()) && now.isBefore(cached.builtAt().plus(contextTtl))) {
            return cached;
        }
        List<PricedSubscription> fresh = new ArrayList<>();
        SubscriptionQuery active = new SubscriptionQuery(externalCustomerId, null, List.of(SubscriptionStatus.ACTIVE));
        for (Subscription subscription : subscriptions.list(organization, active, MAX_SUBSCRIPTIONS_PER_CUSTOMER, 0)) {
            fresh.add(priced(organization, subscription));
        }
        CachedContext built = new CachedContext(fresh, now);
        contexts.put(key, built);
        return built;
    }

    private PricedSubscription priced(OrganizationId organization, Subscription subscription) {
        Plan plan = plans.getById(organization, subscription.planId());
        Map<UUID, BigDecimal> rates = new HashMap<>();
        for (Charge charge : plan.charges()) {
            rates.put(charge.id(), taxes.forFee(organization, plan.id(), charge.id(), subscription.customerId()).stream()
                    .map(Tax::rate).reduce(BigDecimal.ZERO, BigDecimal::add));
        }
        return new PricedSubscription(subscription, plan, plans.metricsOf(organization, plan), rates);
    }

    private static BillingPeriod period(PricedSubscription priced, Instant now) {
        Subscription s = priced.subscription();
        return BillingPeriods.chargePeriodContaining(priced.plan().interval(), priced.plan().billChargesMonthly(),
                s.billingTime(), s.anchorDate(), s.zone(), now);
    }

    private UsageReport report(PricedSubscription priced, BillingPeriod period,
            Map<UUID, List<AggregateRepository.Aggregate>> rows, boolean applyTaxes) {
        Plan plan = priced.plan();
        List<UsageReport.ChargeUsage> charges = new ArrayList<>();
        long amountCents = 0;
        long taxesCents = 0;
        long inAdvanceTaxesCents = 0;
        for (Charge charge : plan.charges()) {
            BillableMetric metric = priced.metrics().get(charge.billableMetricId());
            if (metric == null || metric.deletedAt() != null) {
                continue;
            }
            UsageReport.ChargeUsage usage = pricing.price(charge, metric, period, plan.amountCurrency(),
                    rows.getOrDefault(charge.id(), List.of()));
            charges.add(usage);
            amountCents += usage.amountCents();
            if (applyTaxes) {
                BigDecimal rate = priced.taxRates().getOrDefault(charge.id(), BigDecimal.ZERO);
                for (UsageReport.Bucket bucket : usage.buckets()) {
                    long tax = Money.percentOf(bucket.amountCents(), rate);
                    taxesCents += tax;
                    inAdvanceTaxesCents += charge.payInAdvance() ? tax : 0;
                }
            }
        }
        return new UsageReport(period.start(), period.endExclusive().minusSeconds(1), period.endDate().plusDays(1),
                plan.amountCurrency(), amountCents, taxesCents, charges, inAdvanceTaxesCents);
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.CouponLine;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.InvoiceComputation;
import dev.fjord.metering.CurrentUsage;
import dev.fjord.metering.UsageReport;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.Subscription;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices what is due of a customer's subscriptions on one invoice, in one transaction: claim each part (the unique
 * key makes billing exactly-once), compute the plan fees (prorated, in arrears or in advance), one fee per charge
 * bucket from the period's aggregates, then coupons, taxes and prepaid credits last (spec §4.2). During the
 * customer's grace period the invoice is a draft instead (see {@link DraftInvoices}); its claims are taken all the same.
 */
@Component
public class BillSubscriptionPeriod {
    static final String ARREARS = "arrears";
    static final String ADVANCE_FEE = "advance_fee";

    private final JdbcClient jdbc;
    private final Plans plans;
    private final Taxes taxes;
    private final Customers customers;
    private final Organizations organizations;
    private final CurrentUsage usage;
    private final SubscriptionInvoices issuer;
    private final Clock clock;

    BillSubscriptionPeriod(JdbcClient jdbc, Plans plans, Taxes taxes, Customers customers, Organizations organizations,
            CurrentUsage usage, SubscriptionInvoices issuer, Clock clock) {
        this.jdbc = jdbc;
        this.plans = plans;
        this.taxes = taxes;
        this.customers = customers;
        this.organizations = organizations;
        this.usage = usage;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** A fresh catalog view for one billing run of an organization. */
    public BillingCatalog catalog(OrganizationId organization) {
        return new BillingCatalog(organization, plans, taxes, organizations);
    }

    /**
     * What one invoice bills of one subscription. {@code period}: a charge period that ended (or was cut by the
     * termination at {@code endedAt}), billed for its usage and, when it closes a plan period of a plan in arrears,
     * the plan fee. {@code advance}: a plan period whose fee is paid in advance. Either may be null.
     */
    public record BilledPeriod(Subscription subscription, BillingPeriod period, Instant endedAt, BillingPeriod advance) {

        /** A charge period that ended (or was cut at {@code endedAt}), nothing in advance. */
        public BilledPeriod(Subscription subscription, BillingPeriod period, Instant endedAt) {
            this(subscription, period, endedAt, null);
        }
    }

    /** An invoice's fees (taxes and coupon shares filled in) and amounts, computed but not written. */
    public record Computed(String currency, List<Fee> fees, InvoiceComputation amounts) {}

    /**
     * Invoices the periods — all of one customer, currency and billing day, as Lago groups them — on one invoice.
     * Parts already billed are skipped; answers the invoice, or empty when nothing was left to bill.
     */
    @Transactional
    public Optional<UUID> bill(BillingCatalog catalog, List<BilledPeriod> periods) {
        OrganizationId organization = catalog.organization();
        // Lock in a fixed order so concurrent runs over the same customers cannot deadlock.
        List<BilledPeriod> due = periods.stream()
                .sorted(Comparator.comparing(p -> p.subscription().id()))
                .map(this::unclaimed)
                .flatMap(Optional::stream)
                .toList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Customer customer = customers.getRowById(organization, due.get(0).subscription().customerId());
        Instant now = clock.instant();
        SubscriptionInvoices.Draft draft = draft(catalog, customer, Ids.newId(), due, now);
        UUID invoiceId = issuer.issueOrDraft(catalog, customer, draft);
        for (BilledPeriod billed : due) {
            recordClaims(organization, invoiceId, billed, now);
        }
        return Optional.of(invoiceId);
    }

    /**
     * The fees of these periods of one customer's subscriptions (same currency) and the invoice amounts, without
     * writing anything: the customer's active coupons and {@code extraCoupons} come off before tax; the customer's
     * wallets pay last when {@code consumesCredits}. Draft refreshes and previews use it.
     */
    public Computed compute(BillingCatalog catalog, Customer customer, UUID invoiceId, List<BilledPeriod> periods,
            List<CouponLine> extraCoupons, boolean consumesCredits, Instant now) {
        SubscriptionInvoices.Draft draft = draft(catalog, customer, invoiceId, periods, now);
        InvoiceComputation amounts = issuer.amounts(catalog, customer, draft, extraCoupons, consumesCredits);
        return new Computed(draft.currency, SubscriptionInvoices.taxedFees(draft, amounts), amounts);
    }

    /** The fees of these periods for invoice {@code invoiceId}, as billed at {@code now}; nothing written. */
    SubscriptionInvoices.Draft draft(BillingCatalog catalog, Customer customer, UUID invoiceId,
            List<BilledPeriod> due, Instant now) {
        List<Tax> customerTaxes = catalog.customerTaxes(customer.id());
        SubscriptionInvoices.Draft draft = new SubscriptionInvoices.Draft(invoiceId,
                catalog.plan(due.get(0).subscription().planId()).amountCurrency(), now);
        for (BilledPeriod billed : due) {
            Plan plan = catalog.plan(billed.subscription().planId());
            draft.plans.put(plan.id(), plan);
            draft.metrics.putAll(catalog.metrics(plan));
            if (billed.advance() != null) {
                addPlanFee(catalog, draft, billed.subscription(), plan, billed.advance(), null, customerTaxes);
            }
            if (billed.period() != null) {
                addArrears(catalog, draft, billed, plan, customerTaxes);
            }
        }
        return draft;
    }

    /** The usage of the charge period and, when it closes a plan period in arrears, the plan fee. */
    private void addArrears(BillingCatalog catalog, SubscriptionInvoices.Draft draft, BilledPeriod billed, Plan plan,
            List<Tax> customerTaxes) {
        Subscription subscription = billed.subscription();
        BillingPeriod period = billed.period();
        if (!plan.payInAdvance() && PlanPeriods.closesPlanPeriod(plan, subscription, period, billed.endedAt())) {
            addPlanFee(catalog, draft, subscription, plan, PlanPeriods.planPeriodContaining(plan, subscription,
                    period.start()), billed.endedAt(), customerTaxes);
        }
        UsageReport report = usage.forPeriod(catalog.organization(), subscription, plan, catalog.metrics(plan), period);
        addCharges(catalog, draft, subscription, plan, report, customerTaxes);
        if (PlanPeriods.closesPlanPeriod(plan, subscription, period, billed.endedAt())) {
            addMinimumCommitment(catalog, draft, subscription, plan, PlanPeriods.planPeriodContaining(plan,
                    subscription, period.start()), billed.endedAt(), customerTaxes);
        }
    }

    /**
     * Lago's minimum commitment true-up, on the invoice closing a plan period: the commitment prorated by the days
     * the subscription covered of the period, minus the plan and charge fees of the period (on earlier invoices too:
     * fees paid in advance, monthly charges, pay-in-advance charges), when positive.
     */
    private void addMinimumCommitment(BillingCatalog catalog, SubscriptionInvoices.Draft draft,
            Subscription subscription, Plan plan, BillingPeriod planPeriod, Instant endedAt, List<Tax> customerTaxes) {
        Long commitment = plan.minimumCommitmentAmountCents();
        if (commitment == null || commitment <= 0) {
            return;
        }
        LocalDate from = PlanPeriods.later(planPeriod.startDate(),
                subscription.startedAt().atZone(subscription.zone()).toLocalDate());
        LocalDate to = endedAt == null ? planPeriod.endDate()
                : PlanPeriods.earlier(planPeriod.endDate(), endedAt.minusNanos(1).atZone(subscription.zone()).toLocalDate());
        long days = from.isAfter(to) ? 0 : ChronoUnit.DAYS.between(from, to) + 1;
        long due = BigDecimal.valueOf(commitment).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(SubscriptionFees.fullDays(plan, subscription, planPeriod)), 0,
                        RoundingMode.HALF_UP).longValueExact();
        long billedBefore = jdbc.sql("""
                SELECT coalesce(sum(f.amount_cents), 0) FROM fees f LEFT JOIN invoices i ON i.id = f.invoice_id
                WHERE f.subscription_id = ? AND f.fee_type IN ('subscription', 'charge') AND f.deleted_at IS NULL
                  AND f.from_datetime >= ? AND f.from_datetime < ? AND (i.id IS NULL OR i.status <> 'voided')
                  AND f.invoice_id IS DISTINCT FROM CAST(? AS uuid)""")
                // a draft computed again must not count its own fees as billed before
                .params(subscription.id(), Timestamp.from(planPeriod.start()), Timestamp.from(planPeriod.endExclusive()),
                        draft.invoiceId)
                .query(Long.class).single();
        long billedHere = draft.fees.stream()
                .filter(f -> subscription.id().equals(f.subscriptionId()) && planPeriod.contains(f.fromDatetime()))
                .mapToLong(Fee::amountCents).sum();
        long trueUp = due - billedBefore - billedHere;
        if (trueUp <= 0) {
            return;
        }
        String name = plan.minimumCommitmentInvoiceDisplayName() != null ? plan.minimumCommitmentInvoiceDisplayName()
                : "Minimum commitment";
        Fee fee = SubscriptionInvoices.fee(draft.invoiceId, "commitment", subscription.id(), null, null, name, trueUp,
                draft.currency, BigDecimal.ONE, BigDecimal.valueOf(trueUp), null, Map.of(), planPeriod.start(),
                endedAt != null ? endedAt : planPeriod.endExclusive(), draft.now);
        draft.add(fee, plan.id(), null, catalog.taxes(plan.id(), null, customerTaxes));
    }

    /** One fee per charge bucket of the period, pay-in-advance charges left out. */
    private void addCharges(BillingCatalog catalog, SubscriptionInvoices.Draft draft, Subscription subscription,
            Plan plan, UsageReport report, List<Tax> customerTaxes) {
        for (UsageReport.ChargeUsage charge : report.charges()) {
            // pay-in-advance charges were invoiced event by event as they came
            if (charge.charge().payInAdvance() || !charge.charge().invoiceable()) {
                continue;
            }
            List<Tax> taxes = catalog.taxes(plan.id(), charge.charge().id(), customerTaxes);
            for (UsageReport.Bucket bucket : charge.buckets()) {
                Charge.Filter filter = bucket.filter();
                String name = SubscriptionInvoices.chargeFeeName(charge.charge(), filter, charge.metric());
                Fee chargeFee = SubscriptionInvoices.fee(draft.invoiceId, "charge", subscription.id(),
                        charge.charge().id(), filter == null ? null : filter.id(), name, bucket.amountCents(),
                        draft.currency, bucket.units(), BigDecimal.ZERO, (int) bucket.eventsCount(),
                        new LinkedHashMap<>(bucket.groupedBy()), report.fromDatetime(),
                        report.toDatetime().plusSeconds(1), draft.now);
                draft.add(chargeFee, plan.id(), charge.metric().id(), taxes);
            }
        }
    }

    /** The plan fee of {@code planPeriod}, prorated; {@code endedAt} cuts it at a termination. */
    private void addPlanFee(BillingCatalog catalog, SubscriptionInvoices.Draft draft, Subscription subscription,
            Plan plan, BillingPeriod planPeriod, Instant endedAt, List<Tax> customerTaxes) {
        SubscriptionFees.Prorated amount = SubscriptionFees.of(plan, subscription, planPeriod, endedAt);
        Fee fee = SubscriptionInvoices.fee(draft.invoiceId, "subscription", subscription.id(), null, null,
                plan.invoiceDisplayName() != null ? plan.invoiceDisplayName() : plan.name(), amount.amountCents(),
                draft.currency, BigDecimal.ONE, BigDecimal.valueOf(plan.amountCents()), null, Map.of(),
                planPeriod.start(), endedAt != null ? endedAt : planPeriod.endExclusive(), draft.now);
        draft.add(fee, plan.id(), null, catalog.taxes(plan.id(), null, customerTaxes));
    }

    /**
     * The parts of the period not billed yet, asked under the subscription's advisory lock (held until commit), so a
     * concurrent run waits here and then finds the first run's claims. The claim's unique key backs this up.
     */
    private Optional<BilledPeriod> unclaimed(BilledPeriod billed) {
        UUID subscriptionId = billed.subscription().id();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("billing:" + subscriptionId)
                .query(Object.class).single();
        BillingPeriod period = billed.period() != null && !claimed(subscriptionId, billed.period(), ARREARS)
                ? billed.period() : null;
        BillingPeriod advance = billed.advance() != null && !claimed(subscriptionId, billed.advance(), ADVANCE_FEE)
                ? billed.advance() : null;
        return period == null && advance == null ? Optional.empty()
                : Optional.of(new BilledPeriod(billed.subscription(), period, billed.endedAt(), advance));
    }

    private boolean claimed(UUID subscriptionId, BillingPeriod period, String part) {
        return jdbc.sql("""
                SELECT count(*) FROM invoice_subscriptions WHERE subscription_id = ? AND from_datetime = ? AND billed = ?""")
                .params(subscriptionId, Timestamp.from(period.start()), part).query(Long.class).single() > 0;
    }

    private void recordClaims(OrganizationId organization, UUID invoiceId, BilledPeriod billed, Instant now) {
        if (billed.period() != null) {
            recordClaim(organization, billed.subscription().id(), invoiceId,
                    billed.endedAt() == null ? "periodic" : "termination", ARREARS, billed.period().start(),
                    billed.endedAt() != null ? billed.endedAt() : billed.period().endExclusive(), now);
        }
        if (billed.advance() != null) {
            recordClaim(organization, billed.subscription().id(), invoiceId,
                    billed.period() == null ? "starting" : "periodic", ADVANCE_FEE, billed.advance().start(),
                    billed.advance().endExclusive(), now);
        }
    }

    private void recordClaim(OrganizationId organization, UUID subscriptionId, UUID invoiceId, String reason,
            String part, Instant from, Instant to, Instant now) {
        jdbc.sql("""
                INSERT INTO invoice_subscriptions (id, organization_id, subscription_id, invoice_id, reason, billed,
                  from_datetime, to_datetime, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), organization.value(), subscriptionId, invoiceId, reason, part, Timestamp.from(from),
                        Timestamp.from(to), Timestamp.from(now))
                .update();
    }
}

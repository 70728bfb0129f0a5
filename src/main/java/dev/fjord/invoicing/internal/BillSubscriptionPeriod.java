package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.invoicing.CouponLine;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.FeeLine;
import dev.fjord.invoicing.FeeResult;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceCalculator;
import dev.fjord.invoicing.InvoiceComputation;
import dev.fjord.invoicing.PrepaidCredits;
import dev.fjord.metering.CurrentUsage;
import dev.fjord.metering.UsageReport;
import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.Ids;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.Subscription;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Invoices one period of one subscription, in one transaction: claim the period (the unique key makes billing
 * exactly-once), compute the subscription fee (prorated) and one fee per charge bucket from the period's aggregates,
 * taxes, prepaid credits last (spec §4.2), finalize with a number and debit the wallets.
 */
@Component
public class BillSubscriptionPeriod {
    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;
    private final InvoiceNumbering numbering;
    private final Plans plans;
    private final Taxes taxes;
    private final Customers customers;
    private final Organizations organizations;
    private final CurrentUsage usage;
    private final PrepaidCredits prepaidCredits;
    private final AppliedCoupons appliedCoupons;
    private final InvoiceWebhooks webhooks;
    private final Clock clock;

    BillSubscriptionPeriod(JdbcClient jdbc, InvoiceRepository invoices, InvoiceNumbering numbering, Plans plans,
            Taxes taxes, Customers customers, Organizations organizations, CurrentUsage usage,
            PrepaidCredits prepaidCredits, AppliedCoupons appliedCoupons, InvoiceWebhooks webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.numbering = numbering;
        this.plans = plans;
        this.taxes = taxes;
        this.customers = customers;
        this.organizations = organizations;
        this.usage = usage;
        this.prepaidCredits = prepaidCredits;
        this.appliedCoupons = appliedCoupons;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** A fresh catalog view for one billing run of an organization. */
    public BillingCatalog catalog(OrganizationId organization) {
        return new BillingCatalog(organization, plans, taxes, organizations);
    }

    /** One subscription period to invoice; {@code endedAt} is set when the subscription ended inside it. */
    public record BilledPeriod(Subscription subscription, BillingPeriod period, Instant endedAt) {}

    /**
     * Invoices the periods — all of one customer, currency and billing day, as Lago groups them — on one invoice.
     * Periods already billed are skipped; answers the invoice, or empty when nothing was left to bill.
     */
    @Transactional
    public Optional<UUID> bill(BillingCatalog catalog, List<BilledPeriod> periods) {
        OrganizationId organization = catalog.organization();
        // Lock in a fixed order so concurrent runs over the same customers cannot deadlock.
        List<BilledPeriod> due = periods.stream()
                .sorted(java.util.Comparator.comparing(p -> p.subscription().id()))
                .filter(p -> !alreadyBilled(p.subscription(), p.period()))
                .toList();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        UUID invoiceId = Ids.newId();
        Customer customer = customers.getRowById(organization, due.get(0).subscription().customerId());
        Organization owner = catalog.owner();
        String timezone = customer.timezone() != null ? customer.timezone() : owner.timezone();
        List<Tax> customerTaxes = catalog.customerTaxes(customer.id());
        String currency = catalog.plan(due.get(0).subscription().planId()).amountCurrency();

        List<Fee> fees = new ArrayList<>();
        List<FeeLine> lines = new ArrayList<>();
        Map<UUID, Plan> plansOnInvoice = new LinkedHashMap<>();
        Map<UUID, dev.fjord.catalog.BillableMetric> metricsOnInvoice = new LinkedHashMap<>();
        for (BilledPeriod billed : due) {
            Plan plan = catalog.plan(billed.subscription().planId());
            plansOnInvoice.put(plan.id(), plan);
            metricsOnInvoice.putAll(catalog.metrics(plan));
            addFees(organization, catalog, invoiceId, billed, plan, customerTaxes, currency, now, fees, lines);
        }

        List<CouponLine> couponLines = InvoiceCoupons.lines(appliedCoupons.activeOf(organization, customer.id()),
                List.copyOf(plansOnInvoice.values()), metricsOnInvoice, currency);
        InvoiceComputation amounts = InvoiceCalculator.compute(currency, lines, couponLines,
                prepaidCredits.wallets(organization, customer.id(), currency), true);
        InvoiceNumbering.Assigned number = numbering.assign(organization, owner, customer, now);
        LocalDate issuingDate = LocalDate.ofInstant(now, ZoneId.of(timezone));
        int netPaymentTerm = customer.netPaymentTerm() != null ? customer.netPaymentTerm() : owner.netPaymentTerm();
        invoices.insert(organization, new Invoice(invoiceId, customer.id(), "subscription", "finalized",
                amounts.totalAmountCents() == 0 ? "succeeded" : "pending", number.number(), number.sequentialId(),
                number.organizationSequentialId(), currency, issuingDate, issuingDate.plusDays(netPaymentTerm),
                netPaymentTerm, timezone, null, false, 4,
                new Invoice.Amounts(amounts.feesAmountCents(), amounts.couponsAmountCents(), 0,
                        amounts.subTotalExcludingTaxesAmountCents(), amounts.taxesAmountCents(),
                        amounts.subTotalIncludingTaxesAmountCents(), 0, amounts.prepaidCreditAmountCents(), null, null,
                        amounts.totalAmountCents(), 0),
                null, now, null, now, now, List.of(), List.of()));
        for (Fee fee : fees) {
            FeeResult result = amounts.fees().get(fee.id());
            invoices.insertFee(organization, withTaxes(fee, result, lines));
        }
        for (BilledPeriod billed : due) {
            recordClaim(organization, billed.subscription().id(), invoiceId,
                    billed.endedAt() == null ? "periodic" : "termination", billed.period().start(),
                    billed.endedAt() != null ? billed.endedAt() : billed.period().endExclusive(), now);
        }
        amounts.couponAmounts().forEach((appliedCouponId, cents) -> {
            if (cents > 0) {
                appliedCoupons.recordUse(organization, appliedCouponId, invoiceId, cents);
            }
        });
        amounts.walletDebits().forEach((walletId, cents) -> prepaidCredits.debit(organization, walletId, cents, invoiceId));
        webhooks.record(organization, "invoice.created", invoiceId);
        return Optional.of(invoiceId);
    }

    /** The subscription fee (prorated) and one fee per charge bucket of one billed period. */
    private void addFees(OrganizationId organization, BillingCatalog catalog, UUID invoiceId, BilledPeriod billed,
            Plan plan, List<Tax> customerTaxes, String currency, Instant now, List<Fee> fees, List<FeeLine> lines) {
        Subscription subscription = billed.subscription();
        BillingPeriod period = billed.period();
        Instant to = billed.endedAt() != null ? billed.endedAt() : period.endExclusive();
        SubscriptionFees.Prorated planFee = SubscriptionFees.of(plan, subscription, period, billed.endedAt());
        Fee subscriptionFee = fee(invoiceId, "subscription", subscription.id(), null, null,
                plan.invoiceDisplayName() != null ? plan.invoiceDisplayName() : plan.name(), planFee.amountCents(),
                currency, BigDecimal.ONE, BigDecimal.valueOf(plan.amountCents()), null, Map.of(), period.start(), to, now);
        fees.add(subscriptionFee);
        lines.add(new FeeLine(subscriptionFee.id(), "subscription", plan.id(), null, planFee.amountCents(),
                catalog.rate(plan.id(), null, customerTaxes)));
        UsageReport report = usage.forPeriod(organization, subscription, plan, catalog.metrics(plan), period);
        for (UsageReport.ChargeUsage charge : report.charges()) {
            BigDecimal rate = catalog.rate(plan.id(), charge.charge().id(), customerTaxes);
            for (UsageReport.Bucket bucket : charge.buckets()) {
                Charge.Filter filter = bucket.filter();
                String name = filter != null && filter.invoiceDisplayName() != null ? filter.invoiceDisplayName()
                        : charge.charge().invoiceDisplayName() != null ? charge.charge().invoiceDisplayName()
                        : charge.metric().name();
                Fee chargeFee = fee(invoiceId, "charge", subscription.id(), charge.charge().id(),
                        filter == null ? null : filter.id(), name, bucket.amountCents(), currency, bucket.units(),
                        BigDecimal.ZERO, (int) bucket.eventsCount(), new LinkedHashMap<>(bucket.groupedBy()),
                        report.fromDatetime(), report.toDatetime().plusSeconds(1), now);
                fees.add(chargeFee);
                lines.add(new FeeLine(chargeFee.id(), "charge", plan.id(), charge.metric().id(), bucket.amountCents(), rate));
            }
        }
    }

    /**
     * Whether the period is already billed, asked under the subscription's advisory lock (held until commit), so a
     * concurrent run waits here and then finds the first run's claim. The claim row's unique key backs this up.
     */
    private boolean alreadyBilled(Subscription subscription, BillingPeriod period) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("billing:" + subscription.id())
                .query(Object.class).single();
        return jdbc.sql("SELECT count(*) FROM invoice_subscriptions WHERE subscription_id = ? AND from_datetime = ?")
                .params(subscription.id(), Timestamp.from(period.start())).query(Long.class).single() > 0;
    }

    private void recordClaim(OrganizationId organization, UUID subscriptionId, UUID invoiceId, String reason,
            Instant from, Instant to, Instant now) {
        jdbc.sql("""
                INSERT INTO invoice_subscriptions (id, organization_id, subscription_id, invoice_id, reason, from_datetime,
                  to_datetime, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), organization.value(), subscriptionId, invoiceId, reason, Timestamp.from(from),
                        Timestamp.from(to), Timestamp.from(now))
                .update();
    }

    private static Fee withTaxes(Fee fee, FeeResult result, List<FeeLine> lines) {
        BigDecimal rate = lines.stream().filter(l -> l.key().equals(fee.id())).findFirst().orElseThrow().taxRatePercent();
        return new Fee(fee.id(), fee.invoiceId(), fee.feeType(), fee.subscriptionId(), fee.chargeId(),
                fee.chargeFilterId(), null, null, null, null, null, fee.invoiceDisplayName(), null, fee.amountCents(),
                fee.preciseAmountCents(), fee.amountCurrency(), fee.units(), fee.totalAggregatedUnits(),
                fee.eventsCount(), fee.unitAmountCents(), fee.preciseUnitAmount(), result.preciseCouponsAmountCents(),
                result.taxesAmountCents(), result.taxesPreciseAmountCents(), rate, false, true, null, fee.groupedBy(),
                Map.of(), fee.fromDatetime(), fee.toDatetime(), "pending", null, null, null, fee.createdAt(),
                fee.updatedAt());
    }

    private static Fee fee(UUID invoiceId, String type, UUID subscriptionId, UUID chargeId, UUID filterId, String name,
            long amountCents, String currency, BigDecimal units, BigDecimal unitAmountCents, Integer eventsCount,
            Map<String, Object> groupedBy, Instant from, Instant to, Instant now) {
        return new Fee(Ids.newId(), invoiceId, type, subscriptionId, chargeId, filterId, null, null, null, null, null,
                name, null, amountCents, BigDecimal.valueOf(amountCents), currency, units.max(BigDecimal.ZERO), units,
                eventsCount, unitAmountCents, unitAmountCents.movePointLeft(Money.exponent(currency)), BigDecimal.ZERO,
                0, BigDecimal.ZERO, BigDecimal.ZERO, false, true, null, groupedBy, Map.of(), from, to, "pending", null,
                null, null, now, now);
    }
}

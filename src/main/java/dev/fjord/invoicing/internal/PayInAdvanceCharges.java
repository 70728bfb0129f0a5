package dev.fjord.invoicing.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Tax;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.FeeResult;
import dev.fjord.invoicing.internal.amounts.AppliedTaxSplit;
import dev.fjord.metering.ChargedInAdvance;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.Subscriptions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pay-in-advance charges (spec §5.6): each event is invoiced as it is ingested, in the ingesting transaction — one
 * {@code subscription} invoice with one fee of the event's increment (Lago's {@code CreatePayInAdvanceChargeService}:
 * coupons, taxes, prepaid credits). A charge that is not {@code invoiceable} gets its fee, taxed, without an invoice
 * (Lago's {@code Fees::CreatePayInAdvanceService}). Either way the fee sends {@code fee.created}. The event is counted
 * and billed in one commit, or neither.
 */
@Component
class PayInAdvanceCharges {
    private final Subscriptions subscriptions;
    private final Customers customers;
    private final BillSubscriptionPeriod billing;
    private final SubscriptionInvoices issuer;
    private final InvoiceRepository invoices;
    private final FeeWebhooks webhooks;
    private final Clock clock;

    PayInAdvanceCharges(Subscriptions subscriptions, Customers customers, BillSubscriptionPeriod billing,
            SubscriptionInvoices issuer, InvoiceRepository invoices, FeeWebhooks webhooks, Clock clock) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.billing = billing;
        this.issuer = issuer;
        this.invoices = invoices;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @EventListener
    void on(ChargedInAdvance charged) {
        OrganizationId organization = charged.organization();
        Subscription subscription = subscriptions.findById(organization, charged.subscriptionId()).orElseThrow();
        BillingCatalog catalog = billing.catalog(organization);
        Plan plan = catalog.plan(subscription.planId());
        Charge charge = charged.charge();
        BillableMetric metric = catalog.metrics(plan).get(charge.billableMetricId());
        Customer customer = customers.getRowById(organization, subscription.customerId());
        List<Tax> taxes = catalog.taxes(plan.id(), charge.id(), catalog.customerTaxes(customer.id()));
        BigDecimal rate = BillingCatalog.rate(taxes);
        SubscriptionInvoices.Draft draft = new SubscriptionInvoices.Draft(plan.amountCurrency(), clock.instant());
        BigDecimal unitAmountCents = charged.units().signum() == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(charged.amountCents()).divide(charged.units(), MathContext.DECIMAL64);
        Fee fee = SubscriptionInvoices.fee(charge.invoiceable() ? draft.invoiceId : null, "charge", subscription.id(),
                charge.id(), charged.filter() == null ? null : charged.filter().id(),
                SubscriptionInvoices.chargeFeeName(charge, charged.filter(), metric), charged.amountCents(),
                draft.currency, charged.units(), unitAmountCents, 1, new LinkedHashMap<>(charged.groupedBy()),
                charged.period().start(), charged.period().endExclusive(), draft.now, charged.eventTransactionId(),
                charge.invoiceable());
        if (!charge.invoiceable()) {
            BigDecimal precise = BigDecimal.valueOf(fee.amountCents()).multiply(rate).movePointLeft(2);
            Fee taxed = SubscriptionInvoices.taxed(fee,
                    new FeeResult(BigDecimal.ZERO, precise, Money.round(precise), BigDecimal.ZERO), rate);
            invoices.insertFee(organization, taxed);
            AppliedTaxes applied = AppliedTaxSplit.split(null, draft.currency, List.of(new AppliedTaxSplit.TaxedFee(
                    fee.id(), BigDecimal.valueOf(fee.amountCents()), taxes, precise, taxed.taxesAmountCents())), 0,
                    draft.now);
            invoices.insertAppliedTaxes(organization, applied);
            webhooks.createdWithoutInvoice(organization, taxed, applied.ofFee(fee.id()));
            return;
        }
        draft.plans.put(plan.id(), plan);
        draft.metrics.put(metric.id(), metric);
        draft.add(fee, plan.id(), metric.id(), taxes);
        webhooks.createdOnInvoice(organization, issuer.issue(catalog, customer, draft));
    }
}

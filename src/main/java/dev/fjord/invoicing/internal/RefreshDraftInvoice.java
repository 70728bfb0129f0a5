package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lago's {@code PUT /invoices/{id}/refresh}: a draft subscription invoice is recomputed from its periods' current
 * usage (late events count), the plan fees, coupons and taxes as they are now. A draft consumes neither coupons nor
 * wallets: they are recorded when it is finalized, so the draft shows the coupon amounts without using them and no
 * prepaid credits. Any other invoice (finalized, voided, other types) is left unchanged, as Lago answers it.
 */
@Component
public class RefreshDraftInvoice {
    private final InvoiceRepository invoices;
    private final BillSubscriptionPeriod billing;
    private final Subscriptions subscriptions;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final Clock clock;

    RefreshDraftInvoice(InvoiceRepository invoices, BillSubscriptionPeriod billing, Subscriptions subscriptions,
            Customers customers, JdbcClient jdbc, Clock clock) {
        this.invoices = invoices;
        this.billing = billing;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Claim(UUID subscriptionId, String reason, Instant from, Instant to) {}

    /** Unknown or hidden invoice → {@code 404 invoice_not_found}. */
    @Transactional
    public void execute(OrganizationId organization, UUID invoiceId) {
        Invoice invoice = invoices.lock(organization, invoiceId).filter(Invoice::visible)
                .orElseThrow(() -> BillingError.notFound("invoice"));
        if (!"draft".equals(invoice.status()) || !"subscription".equals(invoice.invoiceType())) {
            return;
        }
        List<Claim> claims = jdbc.sql("""
                SELECT subscription_id, reason, from_datetime, to_datetime FROM invoice_subscriptions
                WHERE organization_id = ? AND invoice_id = ? ORDER BY subscription_id""")
                .params(organization.value(), invoiceId)
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getString(2),
                        Rows.instant(rs.getTimestamp(3)), Rows.instant(rs.getTimestamp(4))))
                .list();
        if (claims.isEmpty()) {
            return;
        }
        BillingCatalog catalog = billing.catalog(organization);
        List<BillSubscriptionPeriod.BilledPeriod> periods = claims.stream().map(claim -> {
            Subscription subscription = subscriptions.findById(organization, claim.subscriptionId()).orElseThrow();
            Plan plan = catalog.plan(subscription.planId());
            BillingPeriod period = BillingPeriods.containing(plan.interval(), subscription.billingTime(),
                    subscription.anchorDate(), subscription.zone(), claim.from());
            return new BillSubscriptionPeriod.BilledPeriod(subscription, period,
                    "termination".equals(claim.reason()) ? claim.to() : null);
        }).toList();
        Customer customer = customers.getRowById(organization, invoice.customerId());
        Instant now = clock.instant();
        BillSubscriptionPeriod.Computed computed = billing.compute(catalog, customer, invoiceId, periods, List.of(),
                false, now);
        invoices.deleteFees(organization, invoiceId, now);
        for (Fee fee : computed.fees()) {
            invoices.insertFee(organization, fee);
        }
        invoices.updateAmounts(organization, invoiceId, computed.amounts().toAmounts(), now);
    }
}

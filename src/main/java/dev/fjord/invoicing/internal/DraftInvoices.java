package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Draft subscription invoices (the customer's grace period): their fees are computed again from the periods the
 * draft claimed — current usage (late events count), plan fees, coupons and taxes as they are now. A refresh consumes
 * nothing; finalizing computes with credits on and then writes exactly what issuing at once writes
 * ({@link SubscriptionInvoices#finalizeDraft}). The caller holds the draft's row lock.
 */
@Component
public class DraftInvoices {
    private final BillSubscriptionPeriod billing;
    private final SubscriptionInvoices issuer;
    private final Subscriptions subscriptions;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final Clock clock;

    DraftInvoices(BillSubscriptionPeriod billing, SubscriptionInvoices issuer, Subscriptions subscriptions,
            Customers customers, JdbcClient jdbc, Clock clock) {
        this.billing = billing;
        this.issuer = issuer;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether this invoice is a draft these rules handle (Lago refreshes and finalizes subscription drafts only). */
    public static boolean handles(Invoice invoice) {
        return "draft".equals(invoice.status()) && "subscription".equals(invoice.invoiceType());
    }

    /** Recomputes the locked draft's fees and amounts, no credits consumed. */
    public void refresh(OrganizationId organization, Invoice draft) {
        BillingCatalog catalog = billing.catalog(organization);
        Customer customer = customers.getRowById(organization, draft.customerId());
        issuer.refreshDraft(catalog, customer, billing.draft(catalog, customer, draft.id(),
                claimedPeriods(organization, catalog, draft.id()), clock.instant()));
    }

    /** Finalizes the locked draft at {@code at}: recomputed with credits on, numbered, credits consumed, invoice.created. */
    public void finalize(OrganizationId organization, Invoice draft, Instant at) {
        BillingCatalog catalog = billing.catalog(organization);
        Customer customer = customers.getRowById(organization, draft.customerId());
        issuer.finalizeDraft(catalog, customer, billing.draft(catalog, customer, draft.id(),
                claimedPeriods(organization, catalog, draft.id()), at));
    }

    private record Claim(UUID subscriptionId, String reason, String part, Instant from, Instant to) {}

    /**
     * The periods the draft's claims cover, one per subscription in the order billing wrote them: the charge period
     * billed in arrears (cut at the termination for a termination invoice) and the plan period paid in advance.
     */
    private List<BillSubscriptionPeriod.BilledPeriod> claimedPeriods(OrganizationId organization,
            BillingCatalog catalog, UUID invoiceId) {
        List<Claim> claims = jdbc.sql("""
                SELECT subscription_id, reason, billed, from_datetime, to_datetime FROM invoice_subscriptions
                WHERE organization_id = ? AND invoice_id = ? ORDER BY subscription_id, billed""")
                .params(organization.value(), invoiceId)
                .query((rs, n) -> new Claim(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        Rows.instant(rs.getTimestamp(4)), Rows.instant(rs.getTimestamp(5))))
                .list();
        if (claims.isEmpty()) {
            throw new IllegalStateException("draft invoice " + invoiceId + " claims no billing period");
        }
        Map<UUID, List<Claim>> bySubscription = new LinkedHashMap<>();
        claims.forEach(claim -> bySubscription.computeIfAbsent(claim.subscriptionId(), k -> new ArrayList<>()).add(claim));
        List<BillSubscriptionPeriod.BilledPeriod> periods = new ArrayList<>();
        bySubscription.forEach((subscriptionId, ofSubscription) -> {
            Subscription subscription = subscriptions.findById(organization, subscriptionId).orElseThrow();
            Plan plan = catalog.plan(subscription.planId());
            BillingPeriod period = null;
            BillingPeriod advance = null;
            Instant endedAt = null;
            for (Claim claim : ofSubscription) {
                if (BillSubscriptionPeriod.ADVANCE_FEE.equals(claim.part())) {
                    advance = PlanPeriods.planPeriodContaining(plan, subscription, claim.from());
                } else {
                    period = PlanPeriods.chargePeriodContaining(plan, subscription, claim.from());
                    endedAt = "termination".equals(claim.reason()) ? claim.to() : null;
                }
            }
            periods.add(new BillSubscriptionPeriod.BilledPeriod(subscription, period, endedAt, advance));
        });
        return periods;
    }
}

package dev.fjord.invoicing;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.invoicing.internal.BillSubscriptionPeriod;
import dev.fjord.invoicing.internal.BillingCatalog;
import dev.fjord.invoicing.internal.GracePeriodEnds;
import dev.fjord.invoicing.internal.OverdueInvoices;
import dev.fjord.invoicing.internal.CustomerBilling;
import dev.fjord.invoicing.internal.PlanPeriods;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionStarted;
import dev.fjord.subscription.SubscriptionTerminated;
import dev.fjord.subscription.Subscriptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The billing clock: at an instant, every active subscription whose last charge period ended (in its customer's
 * timezone) gets that period invoiced, and every plan paid in advance the fee of the period that started, exactly once
 * whatever reruns or concurrent instances do. Terminations are invoiced at once, for the part of the period used.
 */
@Service
public class BillingRuns {
    /** Subscriptions read per page, so a run over 100,000 keeps a flat heap. */
    private static final int PAGE = 500;

    private final Subscriptions subscriptions;
    private final Plans plans;
    private final BillSubscriptionPeriod billing;
    private final GracePeriodEnds gracePeriodEnds;
    private final OverdueInvoices overdueInvoices;
    private final int threads;

    BillingRuns(Subscriptions subscriptions, Plans plans, BillSubscriptionPeriod billing,
            GracePeriodEnds gracePeriodEnds, OverdueInvoices overdueInvoices,
            @Value("${fjord.billing.threads:2}") int threads) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.billing = billing;
        this.gracePeriodEnds = gracePeriodEnds;
        this.overdueInvoices = overdueInvoices;
        this.threads = Math.max(1, threads);
    }

    /**
     * The clock's grace-period step for every organization: drafts whose grace period is over at {@code at} (issuing
     * date + the customer's, else the organization's, grace days, in the customer's timezone) are finalized, credits
     * applied then; answers how many. Safe on several instances at once: each draft is finalized under its row lock.
     */
    public int finalizeEndedGracePeriods(Instant at) {
        return gracePeriodEnds.finalizeDue(null, at).size();
    }

    /** The same for one organization; answers the invoices finalized. */
    public List<UUID> finalizeEndedGracePeriods(OrganizationId organization, Instant at) {
        return gracePeriodEnds.finalizeDue(organization, at);
    }

    /**
     * The clock's overdue step: each invoice overdue at {@code at} (of {@code organization}, null: of every one)
     * sends {@code invoice.payment_overdue} once; answers those reported now.
     */
    public List<UUID> reportOverdue(OrganizationId organization, Instant at) {
        return overdueInvoices.report(organization, at);
    }

    /** Runs the clock for every organization; answers the invoices issued. */
    public int runAll(Instant at) {
        int issued = 0;
        for (OrganizationId organization : subscriptions.organizationsWithActiveSubscriptions()) {
            issued += run(organization, at).size();
        }
        return issued;
    }

    /**
     * Runs the clock for one organization at {@code at}; answers the invoices issued, in customer order. Subscriptions
     * come customer by customer; the periods of one customer that end on the same day in the same currency share one
     * invoice, as in Lago. A customer's group is held until the next customer starts, so a page boundary never splits
     * it. Customers are billed on {@code fjord.billing.threads} threads, each invoice in its own transaction: the
     * claims and the subscription's advisory lock keep that exactly-once. With per-customer numbering (the default)
     * two customers share no lock; per-organization numbering makes the threads take turns at the sequence.
     */
    public List<UUID> run(OrganizationId organization, Instant at) {
        BillingCatalog catalog = billing.catalog(organization);
        try (CustomerBilling customers = new CustomerBilling(threads, periods -> billCustomer(catalog, periods))) {
            List<BillSubscriptionPeriod.BilledPeriod> customerPeriods = new ArrayList<>();
            UUID currentCustomer = null;
            Subscription last = null;
            while (true) {
                List<Subscription> page = subscriptions.activeByCustomer(organization, last, PAGE);
                for (Subscription subscription : page) {
                    if (!subscription.customerId().equals(currentCustomer)) {
                        customers.submit(customerPeriods);
                        customerPeriods = new ArrayList<>();
                        currentCustomer = subscription.customerId();
                    }
                    due(catalog.plan(subscription.planId()), subscription, at).ifPresent(customerPeriods::add);
                }
                if (page.size() < PAGE) {
                    customers.submit(customerPeriods);
                    return customers.issued();
                }
                last = page.get(page.size() - 1);
            }
        }
    }

    /**
     * One invoice per currency and billing day of the customer's due periods. A period that ended is billed the day
     * after its end, with the plan fees paid in advance for the periods starting that day.
     */
    private List<UUID> billCustomer(BillingCatalog catalog, List<BillSubscriptionPeriod.BilledPeriod> periods) {
        Map<String, List<BillSubscriptionPeriod.BilledPeriod>> groups = new LinkedHashMap<>();
        for (BillSubscriptionPeriod.BilledPeriod period : periods) {
            LocalDate day = period.period() != null ? period.period().endDate().plusDays(1) : period.advance().startDate();
            String key = catalog.plan(period.subscription().planId()).amountCurrency() + "|" + day;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(period);
        }
        List<UUID> issued = new ArrayList<>();
        groups.values().forEach(group -> billing.bill(catalog, group).ifPresent(issued::add));
        return issued;
    }

    /**
     * The final invoice of a terminated subscription: the usage of the charge period it ended in, up to the
     * termination, and a plan fee in arrears prorated to it (a plan fee paid in advance is not billed again). The
     * period is the one holding the subscription's last instant, so a subscription ending on a period boundary (a
     * downgrade, an {@code ending_at} at midnight) closes the period before, in full. If the clock has not billed the
     * period before that one yet (it jumped), that period is billed first, on its own invoice.
     */
    @EventListener
    void on(SubscriptionTerminated terminated) {
        Subscription subscription = subscriptions.findById(terminated.organization(), terminated.subscriptionId()).orElseThrow();
        BillingCatalog catalog = billing.catalog(terminated.organization());
        Plan plan = catalog.plan(subscription.planId());
        BillingPeriod last = PlanPeriods.chargePeriodContaining(plan, subscription, terminated.terminatedAt().minusNanos(1));
        PlanPeriods.previousChargePeriod(plan, subscription, last)
                .filter(previous -> subscription.startedAt().isBefore(previous.endExclusive()))
                .ifPresent(previous -> billing.bill(catalog, List.of(new BillSubscriptionPeriod.BilledPeriod(subscription,
                        previous, null, PlanPeriods.advanceFeeDue(plan, subscription, previous.endExclusive()).orElse(null)))));
        billing.bill(catalog, List.of(
                new BillSubscriptionPeriod.BilledPeriod(subscription, last, terminated.terminatedAt(), null)));
    }

    /**
     * A subscription starting now on a plan paid in advance is invoiced its first plan fee at once (Lago's
     * {@code subscription_starting} invoice), in the creating transaction. Pending subscriptions get theirs from the
     * clock when they start.
     */
    @EventListener
    void on(SubscriptionStarted started) {
        Subscription subscription = subscriptions.findById(started.organization(), started.subscriptionId()).orElseThrow();
        BillingCatalog catalog = billing.catalog(started.organization());
        PlanPeriods.advanceFeeDue(catalog.plan(subscription.planId()), subscription, started.at())
                .ifPresent(advance -> billing.bill(catalog,
                        List.of(new BillSubscriptionPeriod.BilledPeriod(subscription, null, null, advance))));
    }

    /** What is due of the subscription at {@code at}: the charge period that ended, a plan fee paid in advance. */
    private static Optional<BillSubscriptionPeriod.BilledPeriod> due(Plan plan, Subscription subscription, Instant at) {
        BillingPeriod ended = PlanPeriods.endedChargePeriod(plan, subscription, at).orElse(null);
        BillingPeriod advance = PlanPeriods.advanceFeeDue(plan, subscription, at).orElse(null);
        return ended == null && advance == null ? Optional.empty()
                : Optional.of(new BillSubscriptionPeriod.BilledPeriod(subscription, ended, null, advance));
    }
}

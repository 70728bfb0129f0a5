package dev.fjord.invoicing;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.invoicing.internal.BillSubscriptionPeriod;
import dev.fjord.invoicing.internal.BillingCatalog;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionTerminated;
import dev.fjord.subscription.Subscriptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The billing clock: at an instant, every active subscription whose last period ended (in its customer's timezone)
 * gets that period invoiced, exactly once whatever reruns or concurrent instances do. Terminations are invoiced at
 * once, for the part of the period used.
 */
@Service
public class BillingRuns {
    /** Subscriptions read per page, so a run over 100,000 keeps a flat heap. */
    private static final int PAGE = 500;

    private final Subscriptions subscriptions;
    private final Plans plans;
    private final BillSubscriptionPeriod billing;

    BillingRuns(Subscriptions subscriptions, Plans plans, BillSubscriptionPeriod billing) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.billing = billing;
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
     * Runs the clock for one organization at {@code at}; answers the invoices issued. Subscriptions come customer by
     * customer; the periods of one customer that end on the same day in the same currency share one invoice, as in
     * Lago. A customer's group is held until the next customer starts, so a page boundary never splits it.
     */
    public List<UUID> run(OrganizationId organization, Instant at) {
        List<UUID> issued = new ArrayList<>();
        BillingCatalog catalog = billing.catalog(organization);
        List<BillSubscriptionPeriod.BilledPeriod> customerPeriods = new ArrayList<>();
        UUID currentCustomer = null;
        Subscription last = null;
        while (true) {
            List<Subscription> page = subscriptions.activeByCustomer(organization, last, PAGE);
            for (Subscription subscription : page) {
                if (!subscription.customerId().equals(currentCustomer)) {
                    issued.addAll(billCustomer(catalog, customerPeriods));
                    customerPeriods.clear();
                    currentCustomer = subscription.customerId();
                }
                endedPeriod(catalog.plan(subscription.planId()), subscription, at)
                        .ifPresent(period -> customerPeriods.add(new BillSubscriptionPeriod.BilledPeriod(subscription, period, null)));
            }
            if (page.size() < PAGE) {
                issued.addAll(billCustomer(catalog, customerPeriods));
                return issued;
            }
            last = page.get(page.size() - 1);
        }
    }

    /** One invoice per currency and billing day of the customer's due periods. */
    private List<UUID> billCustomer(BillingCatalog catalog, List<BillSubscriptionPeriod.BilledPeriod> periods) {
        Map<String, List<BillSubscriptionPeriod.BilledPeriod>> groups = new LinkedHashMap<>();
        for (BillSubscriptionPeriod.BilledPeriod period : periods) {
            String key = catalog.plan(period.subscription().planId()).amountCurrency() + "|" + period.period().endDate();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(period);
        }
        List<UUID> issued = new ArrayList<>();
        groups.values().forEach(group -> billing.bill(catalog, group).ifPresent(issued::add));
        return issued;
    }

    /**
     * The final invoice of a terminated subscription: the period it ended in, up to the termination. The period is
     * the one holding the subscription's last instant, so a subscription ending on a period boundary (a downgrade,
     * an {@code ending_at} at midnight) closes the period before, in full. If the clock has not billed the period
     * before that one yet (it jumped), that period is billed first, on its own invoice.
     */
    @EventListener
    void on(SubscriptionTerminated terminated) {
        Subscription subscription = subscriptions.findById(terminated.organization(), terminated.subscriptionId()).orElseThrow();
        BillingCatalog catalog = billing.catalog(terminated.organization());
        Plan plan = catalog.plan(subscription.planId());
        BillingPeriod last = BillingPeriods.containing(plan.interval(), subscription.billingTime(),
                subscription.anchorDate(), subscription.zone(), terminated.terminatedAt().minusNanos(1));
        BillingPeriods.previous(plan.interval(), subscription.billingTime(), subscription.anchorDate(),
                        subscription.zone(), last)
                .filter(previous -> subscription.startedAt().isBefore(previous.endExclusive()))
                .ifPresent(previous -> billing.bill(catalog,
                        List.of(new BillSubscriptionPeriod.BilledPeriod(subscription, previous, null))));
        billing.bill(catalog, List.of(new BillSubscriptionPeriod.BilledPeriod(subscription, last, terminated.terminatedAt())));
    }

    /** The period before the one containing {@code at}, once it has ended and if the subscription had started. */
    private static Optional<BillingPeriod> endedPeriod(Plan plan, Subscription subscription, Instant at) {
        BillingPeriod current = BillingPeriods.containing(plan.interval(), subscription.billingTime(),
                subscription.anchorDate(), subscription.zone(), at);
        return BillingPeriods.previous(plan.interval(), subscription.billingTime(), subscription.anchorDate(),
                        subscription.zone(), current)
                .filter(previous -> subscription.startedAt() != null
                        && subscription.startedAt().isBefore(previous.endExclusive()));
    }
}

package dev.fjord.subscription;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.PlanDeleted;
import dev.fjord.catalog.Plans;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.internal.ChangePlan;
import dev.fjord.subscription.internal.StatusSettlement;
import dev.fjord.subscription.internal.SubscriptionRepository;
import dev.fjord.subscription.internal.SubscriptionWebhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions: Lago's {@code /subscriptions} use cases and the lookups metering needs. */
@Service
public class Subscriptions {
    private final SubscriptionRepository repository;
    private final StatusSettlement settlement;
    private final ChangePlan changePlan;
    private final Customers customers;
    private final Plans plans;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final SubscriptionWebhooks webhooks;
    private final Clock clock;

    Subscriptions(SubscriptionRepository repository, StatusSettlement settlement, ChangePlan changePlan,
            Customers customers, Plans plans, org.springframework.context.ApplicationEventPublisher events,
            SubscriptionWebhooks webhooks, Clock clock) {
        this.repository = repository;
        this.settlement = settlement;
        this.changePlan = changePlan;
        this.customers = customers;
        this.plans = plans;
        this.events = events;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * Starts a subscription: active from {@code subscription_at} when that is now or past (backdated), pending when
     * it is in the future. Posting a live external id again with the same plan answers that subscription; with
     * another plan it changes plan (see {@link ChangePlan}: upgrades at once, downgrades at the end of the period).
     * A live external id of another customer is {@code 422 external_id: value_already_exist}, as in Lago.
     */
    @Transactional
    public Subscription create(OrganizationId organization, SubscriptionInput input) {
        Instant now = clock.instant();
        settlement.settle(organization, now);
        Customer customer = customers.get(organization, input.externalCustomerId());
        Plan listed = plans.get(organization, input.planCode());
        repository.serializeCreation(organization, input.externalId());
        Optional<Subscription> existing = live(organization, input.externalId());
        if (existing.isPresent() && !existing.get().customerId().equals(customer.id())) {
            throw BillingError.validation("external_id", "value_already_exist");
        }
        // the same plan posted again (an override keeps its plan's code) changes nothing, overrides included
        boolean samePlan = existing.isPresent() && existing.get().planCode().equals(listed.code());
        Plan plan = input.planOverrides() == null || samePlan ? listed
                : plans.override(organization, listed, input.planOverrides());
        customers.assignCurrency(organization, customer, plan.amountCurrency());
        // ending_at must follow the start: the new subscription's, or now for a plan change
        Instant startsAt = input.subscriptionAt() == null || existing.isPresent() ? now : input.subscriptionAt();
        if (input.endingAt() != null && !input.endingAt().isAfter(startsAt)) {
            throw BillingError.validation("ending_at", "invalid_date");
        }
        if (existing.isPresent()) {
            Subscription current = existing.get();
            if (samePlan) {
                return current;
            }
            UUID shown = changePlan.execute(organization, current, plans.getById(organization, current.planId()), plan,
                    input, now);
            return repository.findById(organization, shown).orElseThrow();
        }
        Instant subscriptionAt = input.subscriptionAt() == null ? now : input.subscriptionAt();
        boolean startsLater = subscriptionAt.isAfter(now);
        UUID id = repository.insert(organization, customer.id(), plan.id(), input.externalId(), input.name(),
                startsLater ? SubscriptionStatus.PENDING : SubscriptionStatus.ACTIVE,
                input.billingTime() == null ? BillingTime.CALENDAR : input.billingTime(), subscriptionAt,
                startsLater ? null : subscriptionAt, input.endingAt(), null, null, now);
        if (!startsLater) {
            events.publishEvent(new SubscriptionStarted(organization, id, now));
            webhooks.record(organization, "subscription.started", id);
        }
        return repository.findById(organization, id).orElseThrow();
    }

    /**
     * Changes name, ending date, termination options, or the start of a pending subscription. Sends
     * {@code subscription.updated}, except when the start of a pending subscription moves (Lago's
     * {@code Subscriptions::UpdateService}: that change sends {@code subscription.started} once the start comes).
     */
    @Transactional
    public Subscription update(OrganizationId organization, String externalId, SubscriptionStatus status, Changes changes) {
        settlement.settle(organization, clock.instant());
        Subscription subscription = repository.lockLive(organization, externalId, status)
                .orElseThrow(() -> BillingError.notFound("subscription"));
        if (changes.sets("subscription_at") && subscription.status() != SubscriptionStatus.PENDING) {
            throw BillingError.validation("subscription_at", "cannot_change_started_subscription");
        }
        repository.update(organization, subscription.id(), changes, clock.instant());
        settlement.settle(organization, clock.instant());
        if (!changes.sets("subscription_at")) {
            webhooks.record(organization, "subscription.updated", subscription.id());
        }
        return repository.findById(organization, subscription.id()).orElseThrow();
    }

    public Subscription get(OrganizationId organization, String externalId, SubscriptionStatus status) {
        settlement.settle(organization, clock.instant());
        return repository.findByExternalId(organization, externalId, status)
                .orElseThrow(() -> BillingError.notFound("subscription"));
    }

    public List<Subscription> list(OrganizationId organization, SubscriptionQuery query, int limit, long offset) {
        settlement.settle(organization, clock.instant());
        return repository.list(organization, query, limit, offset);
    }

    public long count(OrganizationId organization, SubscriptionQuery query) {
        return repository.count(organization, query);
    }

    /**
     * Ends a subscription now: an active one is terminated (its final invoice is issued in this transaction by the
     * billing module, which listens to {@link SubscriptionTerminated}), a pending one canceled.
     */
    @Transactional
    public Subscription terminate(OrganizationId organization, String externalId, SubscriptionStatus status) {
        return terminate(organization, externalId, status, new Changes());
    }

    /**
     * The same, with termination options sent along (Lago's {@code DELETE ?on_termination_credit_note=}), stored on
     * the subscription first so that the termination follows them.
     */
    @Transactional
    public Subscription terminate(OrganizationId organization, String externalId, SubscriptionStatus status,
            Changes options) {
        Instant now = clock.instant();
        settlement.settle(organization, now);
        Subscription subscription = repository.lockLive(organization, externalId, status)
                .orElseThrow(() -> BillingError.notFound("subscription"));
        if (!options.isEmpty()) {
            repository.update(organization, subscription.id(), options, now);
        }
        if (status == SubscriptionStatus.ACTIVE) {
            terminateActive(organization, subscription.id(), now);
        } else {
            repository.markTerminated(organization, subscription.id(), SubscriptionStatus.CANCELED, now);
            // Lago's TerminateService: subscription.terminated for a canceled pending one too (status canceled), and
            // subscription.updated for the one a canceled downgrade was to replace (it shows no next plan any more)
            webhooks.record(organization, "subscription.terminated", subscription.id());
            if (subscription.previousSubscriptionId() != null) {
                webhooks.record(organization, "subscription.updated", subscription.previousSubscriptionId());
            }
        }
        return repository.findById(organization, subscription.id()).orElseThrow();
    }

    /**
     * Every active subscription of the organization in (customer, id) order, a page at a time after the last one
     * read ({@code after} null for the first page, which also settles statuses): billing runs.
     */
    public List<Subscription> activeByCustomer(OrganizationId organization, Subscription after, int limit) {
        if (after == null) {
            settlement.settle(organization, clock.instant());
        }
        return repository.activeByCustomer(organization, after == null ? null : after.customerId(),
                after == null ? null : after.id(), limit);
    }

    /** Organizations with active subscriptions (the billing clock visits each). */
    public List<OrganizationId> organizationsWithActiveSubscriptions() {
        return repository.organizationsWithActive();
    }

    /** Active subscriptions by external id, statuses settled first (event ingestion). */
    public Map<String, Subscription> findActive(OrganizationId organization, Collection<String> externalIds) {
        settlement.settle(organization, clock.instant());
        return repository.findActive(organization, externalIds);
    }

    public Optional<Subscription> findById(OrganizationId organization, UUID id) {
        return repository.findById(organization, id);
    }

    /** The plans before and after each of these subscriptions (Lago's previous/next plan codes). */
    public Map<UUID, PlanChange> planChanges(OrganizationId organization, Collection<Subscription> shown) {
        return repository.planChanges(organization, shown.stream().map(Subscription::id).toList());
    }

    /**
     * Deleting a plan or a customer ends its live subscriptions in the deleting transaction, as Lago's
     * {@code Plans::DestroyService} and {@code Customers::TerminateRelationsService}: an active one is terminated
     * with its final invoice (the usage up to now is billed, not lost), a pending one canceled. First among the
     * deletion's listeners, so the final invoice still finds the customer's coupons and wallets before they end.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PlanDeleted deleted) {
        Instant now = clock.instant();
        for (Subscription subscription : repository.liveOnPlan(deleted.organization(), deleted.planId())) {
            end(deleted.organization(), subscription, now);
        }
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(dev.fjord.customer.CustomerDeleted deleted) {
        Instant now = clock.instant();
        for (Subscription subscription : repository.liveOfCustomer(deleted.organization(), deleted.customerId())) {
            end(deleted.organization(), subscription, now);
        }
    }

    private void end(OrganizationId organization, Subscription subscription, Instant now) {
        if (subscription.status() == SubscriptionStatus.PENDING) {
            repository.markTerminated(organization, subscription.id(), SubscriptionStatus.CANCELED, now);
        } else {
            terminateActive(organization, subscription.id(), now);
        }
    }

    /** Terminates an active subscription now; its final invoice is issued in this transaction by billing. */
    private void terminateActive(OrganizationId organization, UUID subscriptionId, Instant now) {
        repository.markTerminated(organization, subscriptionId, SubscriptionStatus.TERMINATED, now);
        // a downgrade waiting for this subscription's period to end has nothing left to replace (Lago cancels it)
        repository.cancelPendingNext(organization, subscriptionId, now);
        events.publishEvent(new SubscriptionTerminated(organization, subscriptionId, now));
    }

    private Optional<Subscription> live(OrganizationId organization, String externalId) {
        return repository.lockLive(organization, externalId, SubscriptionStatus.ACTIVE)
                .or(() -> repository.lockLive(organization, externalId, SubscriptionStatus.PENDING));
    }
}

package dev.fjord.subscription;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.PlanDeleted;
import dev.fjord.catalog.Plans;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.internal.SubscriptionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Subscriptions: Lago's {@code /subscriptions} use cases and the lookups metering needs. */
@Service
public class Subscriptions {
    private final SubscriptionRepository repository;
    private final Customers customers;
    private final Plans plans;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;

    Subscriptions(SubscriptionRepository repository, Customers customers, Plans plans,
            org.springframework.context.ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.customers = customers;
        this.plans = plans;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Starts a subscription: active from {@code subscription_at} when that is now or past (backdated), pending when
     * it is in the future. Posting a live external id again with the same plan answers that subscription.
     */
    @Transactional
    public Subscription create(OrganizationId organization, SubscriptionInput input) {
        Instant now = clock.instant();
        repository.settleDueStatuses(organization, now);
        Customer customer = customers.get(organization, input.externalCustomerId());
        Plan plan = plans.get(organization, input.planCode());
        repository.serializeCreation(organization, input.externalId());
        Optional<Subscription> existing = live(organization, input.externalId());
        if (existing.isPresent()) {
            if (existing.get().planId().equals(plan.id())) {
                return existing.get();
            }
            // Plan changes bill the unused part of the old plan: they come with the billing engine.
            throw BillingError.validation("plan_code", "plan_change_not_supported_yet");
        }
        customers.assignCurrency(organization, customer, plan.amountCurrency());
        Instant subscriptionAt = input.subscriptionAt() == null ? now : input.subscriptionAt();
        if (input.endingAt() != null && !input.endingAt().isAfter(subscriptionAt)) {
            throw BillingError.validation("ending_at", "invalid_date");
        }
        boolean startsLater = subscriptionAt.isAfter(now);
        UUID id = repository.insert(organization, customer.id(), plan.id(), input.externalId(), input.name(),
                startsLater ? SubscriptionStatus.PENDING : SubscriptionStatus.ACTIVE,
                input.billingTime() == null ? BillingTime.CALENDAR : input.billingTime(), subscriptionAt,
                startsLater ? null : subscriptionAt, input.endingAt(), now);
        return repository.findById(organization, id).orElseThrow();
    }

    /** Changes name, ending date, termination options, or the start of a pending subscription. */
    @Transactional
    public Subscription update(OrganizationId organization, String externalId, SubscriptionStatus status, Changes changes) {
        repository.settleDueStatuses(organization, clock.instant());
        Subscription subscription = repository.lockLive(organization, externalId, status)
                .orElseThrow(() -> BillingError.notFound("subscription"));
        if (changes.sets("subscription_at") && subscription.status() != SubscriptionStatus.PENDING) {
            throw BillingError.validation("subscription_at", "cannot_change_started_subscription");
        }
        repository.update(organization, subscription.id(), changes, clock.instant());
        repository.settleDueStatuses(organization, clock.instant());
        return repository.findById(organization, subscription.id()).orElseThrow();
    }

    public Subscription get(OrganizationId organization, String externalId, SubscriptionStatus status) {
        repository.settleDueStatuses(organization, clock.instant());
        return repository.findByExternalId(organization, externalId, status)
                .orElseThrow(() -> BillingError.notFound("subscription"));
    }

    public List<Subscription> list(OrganizationId organization, SubscriptionQuery query, int limit, long offset) {
        repository.settleDueStatuses(organization, clock.instant());
        return repository.list(organization, query, limit, offset);
    }

    public long count(OrganizationId organization, SubscriptionQuery query) {
        return repository.count(organization, query);
    }

    /**
     * Ends a subscription now: an active one is terminated, a pending one canceled. The final invoice comes with
     * the billing engine; until then termination only closes the period.
     */
    @Transactional
    public Subscription terminate(OrganizationId organization, String externalId, SubscriptionStatus status) {
        Instant now = clock.instant();
        repository.settleDueStatuses(organization, now);
        Subscription subscription = repository.lockLive(organization, externalId, status)
                .orElseThrow(() -> BillingError.notFound("subscription"));
        repository.markTerminated(organization, subscription.id(),
                status == SubscriptionStatus.PENDING ? SubscriptionStatus.CANCELED : SubscriptionStatus.TERMINATED, now);
        if (status == SubscriptionStatus.ACTIVE) {
            events.publishEvent(new SubscriptionTerminated(organization, subscription.id(), now));
        }
        return repository.findById(organization, subscription.id()).orElseThrow();
    }

    /**
     * Every active subscription of the organization in (customer, id) order, a page at a time after the last one
     * read ({@code after} null for the first page, which also settles statuses): billing runs.
     */
    public List<Subscription> activeByCustomer(OrganizationId organization, Subscription after, int limit) {
        if (after == null) {
            repository.settleDueStatuses(organization, clock.instant());
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
        repository.settleDueStatuses(organization, clock.instant());
        return repository.findActive(organization, externalIds);
    }

    public Optional<Subscription> findById(OrganizationId organization, UUID id) {
        return repository.findById(organization, id);
    }

    /** Deleting a plan terminates its subscriptions, in the deleting transaction. */
    @EventListener
    void on(PlanDeleted deleted) {
        Instant now = clock.instant();
        for (UUID id : repository.liveOnPlan(deleted.organization(), deleted.planId())) {
            repository.markTerminated(deleted.organization(), id, SubscriptionStatus.TERMINATED, now);
        }
    }

    /** Deleting a customer terminates its active subscriptions and cancels its pending ones (Lago's behaviour). */
    @EventListener
    void on(dev.fjord.customer.CustomerDeleted deleted) {
        Instant now = clock.instant();
        for (Subscription subscription : repository.liveOfCustomer(deleted.organization(), deleted.customerId())) {
            repository.markTerminated(deleted.organization(), subscription.id(),
                    subscription.status() == SubscriptionStatus.PENDING ? SubscriptionStatus.CANCELED
                            : SubscriptionStatus.TERMINATED, now);
        }
    }

    private Optional<Subscription> live(OrganizationId organization, String externalId) {
        return repository.lockLive(organization, externalId, SubscriptionStatus.ACTIVE)
                .or(() -> repository.lockLive(organization, externalId, SubscriptionStatus.PENDING));
    }
}

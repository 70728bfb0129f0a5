package dev.fjord.metering.internal;

import dev.fjord.customer.BalanceVersions;
import dev.fjord.metering.Event;
import dev.fjord.metering.EventInput;
import dev.fjord.metering.UsageRecorded;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The write path of events: resolve subscriptions, route to aggregates, insert, detect repeats, update aggregates. */
@Component
public class EventIngestion {
    /** Events rebuilt per round trip when recomputing aggregates. */
    private static final int REBUILD_PAGE = 1_000;

    private final EventRepository events;
    private final AggregateRepository aggregates;
    private final UsageAggregator aggregator;
    private final Subscriptions subscriptions;
    private final ApplicationEventPublisher publisher;
    private final BalanceVersions balanceVersions;
    private final EventErrorsWebhook errorsWebhook;
    private final Clock clock;

    EventIngestion(EventRepository events, AggregateRepository aggregates, UsageAggregator aggregator,
            Subscriptions subscriptions, ApplicationEventPublisher publisher, BalanceVersions balanceVersions,
            EventErrorsWebhook errorsWebhook, Clock clock) {
        this.events = events;
        this.aggregates = aggregates;
        this.aggregator = aggregator;
        this.subscriptions = subscriptions;
        this.publisher = publisher;
        this.balanceVersions = balanceVersions;
        this.errorsWebhook = errorsWebhook;
        this.clock = clock;
    }

    @Transactional
    public List<Event> ingest(OrganizationId organization, List<EventInput> inputs) {
        Instant now = clock.instant();
        Map<String, Subscription> active = subscriptions.findActive(organization,
                inputs.stream().map(EventInput::externalSubscriptionId).collect(Collectors.toSet()));
        List<Event> candidates = new ArrayList<>();
        for (EventInput input : inputs) {
            Subscription subscription = active.get(input.externalSubscriptionId());
            candidates.add(new Event(Ids.newId(), input.transactionId(), input.externalSubscriptionId(), input.code(),
                    input.timestamp() == null ? now : input.timestamp(), input.properties(),
                    input.preciseTotalAmountCents(), subscription == null ? null : subscription.id(),
                    subscription == null ? null : subscription.customerId(), null, now));
        }
        Map<UUID, Subscription> byId = active.values().stream().collect(Collectors.toMap(Subscription::id, s -> s));
        UsageAggregator.Routing routing = aggregator.route(organization, candidates, byId);
        List<Event> stored = candidates.stream().map(e -> withError(e, routing.errors().get(e.id()))).toList();
        rejectRepeats(stored, new HashSet<>(events.insertNew(organization, stored)));
        errorsWebhook.recordFor(organization, stored);
        // pay-in-advance charges are invoiced in this transaction: billed exactly when the event is counted
        aggregator.apply(organization, routing, true).forEach(publisher::publishEvent);
        balanceVersions.changed(routing.contributions().keySet().stream()
                .map(key -> byId.get(key.subscriptionId()).customerId()).collect(Collectors.toSet()));
        Set<UUID> customers = stored.stream().map(Event::customerId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        if (!customers.isEmpty()) {
            Instant earliest = stored.stream().filter(e -> e.customerId() != null).map(Event::timestamp)
                    .min(Instant::compareTo).orElseThrow();
            publisher.publishEvent(new UsageRecorded(organization, customers, earliest));
        }
        return stored;
    }

    /** Recomputes one subscription's aggregates from its raw events, in time order. */
    @Transactional
    public void rebuild(OrganizationId organization, String externalSubscriptionId) {
        Subscription subscription = subscriptions.get(organization, externalSubscriptionId, SubscriptionStatus.ACTIVE);
        aggregates.deleteForSubscription(organization, subscription.id());
        balanceVersions.changed(subscription.customerId());
        Map<UUID, Subscription> byId = Map.of(subscription.id(), subscription);
        for (long offset = 0; ; offset += REBUILD_PAGE) {
            List<Event> page = events.forSubscription(organization, subscription.id(), REBUILD_PAGE, offset);
            aggregator.apply(organization, aggregator.route(organization, page, byId), false);
            if (page.size() < REBUILD_PAGE) {
                return;
            }
        }
    }

    /**
     * Events the unique key skipped were already stored (or repeated inside this batch): the whole call fails with
     * Lago's per-index error and the transaction rolls back, so nothing is counted twice.
     */
    private static void rejectRepeats(List<Event> stored, Set<UUID> inserted) {
        if (inserted.size() == stored.size()) {
            return;
        }
        if (stored.size() == 1) {
            throw BillingError.validation("transaction_id", "value_already_exist");
        }
        Map<String, Object> errors = new LinkedHashMap<>();
        for (int i = 0; i < stored.size(); i++) {
            if (!inserted.contains(stored.get(i).id())) {
                errors.put(Integer.toString(i), Map.of("transaction_id", List.of("value_already_exist")));
            }
        }
        throw BillingError.validation(errors);
    }

    private static Event withError(Event e, String errorCode) {
        return new Event(e.id(), e.transactionId(), e.externalSubscriptionId(), e.code(), e.timestamp(), e.properties(),
                e.preciseTotalAmountCents(), e.subscriptionId(), e.customerId(), errorCode, e.createdAt());
    }
}

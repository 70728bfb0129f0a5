package dev.fjord.subscription.internal;

import dev.fjord.catalog.Plans;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.PlanChange;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionTerminated;
import dev.fjord.webhook.Webhooks;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The subscription webhooks, recorded in the transaction of the change with the subscription as the API shows it.
 * {@code subscription.terminated} follows {@link SubscriptionTerminated}, so every termination sends it: an explicit
 * one, {@code ending_at}, a downgrade replacing its subscription.
 */
@Component
public class SubscriptionWebhooks {
    private final Webhooks webhooks;
    private final SubscriptionRepository repository;
    private final Plans plans;
    private final Clock clock;

    SubscriptionWebhooks(Webhooks webhooks, SubscriptionRepository repository, Plans plans, Clock clock) {
        this.webhooks = webhooks;
        this.repository = repository;
        this.plans = plans;
        this.clock = clock;
    }

    public void record(OrganizationId organization, String webhookType, UUID subscriptionId) {
        webhooks.record(organization, webhookType, "subscription", () -> {
            Subscription subscription = repository.findById(organization, subscriptionId).orElseThrow();
            PlanChange change = repository.planChanges(organization, List.of(subscriptionId))
                    .getOrDefault(subscriptionId, PlanChange.NONE);
            return SubscriptionJson.at(subscription, plans.getById(organization, subscription.planId()),
                    clock.instant(), change);
        });
    }

    @EventListener
    void on(SubscriptionTerminated terminated) {
        record(terminated.organization(), "subscription.terminated", terminated.subscriptionId());
    }
}

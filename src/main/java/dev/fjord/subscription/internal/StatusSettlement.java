package dev.fjord.subscription.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.SubscriptionTerminated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings stored subscription statuses up to an instant, in Lago's order of its clock jobs: pending subscriptions
 * whose date came are activated, downgrades replace their previous subscription at the end of its period, and
 * subscriptions whose {@code ending_at} passed are terminated at that instant, free trials that are over are marked
 * ended. Every termination publishes {@link SubscriptionTerminated} in this transaction, so its final invoice is
 * issued with it; activations send {@code subscription.started}, trial ends {@code subscription.trial_ended}. Idempotent and safe
 * concurrently: a subscription is terminated by whichever transaction moves it from active first. It runs before
 * every subscription read and every ingestion request, so one probe first answers whether anything is due at all.
 */
@Component
public class StatusSettlement {
    private final SubscriptionRepository repository;
    private final ApplicationEventPublisher events;
    private final SubscriptionWebhooks webhooks;

    StatusSettlement(SubscriptionRepository repository, ApplicationEventPublisher events, SubscriptionWebhooks webhooks) {
        this.repository = repository;
        this.events = events;
        this.webhooks = webhooks;
    }

    @Transactional
    public void settle(OrganizationId organization, Instant now) {
        if (!repository.anythingToSettle(organization, now)) {
            return;
        }
        for (UUID started : repository.activateDuePending(organization, now)) {
            webhooks.record(organization, "subscription.started", started);
        }
        for (SubscriptionRepository.DueDowngrade downgrade : repository.dueDowngrades(organization, now)) {
            if (repository.terminateIfActive(organization, downgrade.previousId(), downgrade.at(), now)) {
                repository.activate(organization, downgrade.id(), downgrade.at(), now);
                events.publishEvent(new SubscriptionTerminated(organization, downgrade.previousId(), downgrade.at()));
                webhooks.record(organization, "subscription.started", downgrade.id());
            } else {
                // the subscription it was to replace ended some other way: nothing is left to downgrade
                repository.cancelPendingNext(organization, downgrade.previousId(), now);
            }
        }
        for (SubscriptionRepository.DueEnding ending : repository.dueEndings(organization, now)) {
            if (repository.terminateIfActive(organization, ending.id(), ending.endingAt(), now)) {
                repository.cancelPendingNext(organization, ending.id(), now);
                events.publishEvent(new SubscriptionTerminated(organization, ending.id(), ending.endingAt()));
            }
        }
        for (UUID trialEnded : repository.endDueTrials(organization, now)) {
            webhooks.record(organization, "subscription.trial_ended", trialEnded);
        }
    }
}

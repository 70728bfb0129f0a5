package dev.fjord.subscription.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.SubscriptionTerminated;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings stored subscription statuses up to an instant, in Lago's order of its clock jobs: pending subscriptions
 * whose date came are activated, downgrades replace their previous subscription at the end of its period, and
 * subscriptions whose {@code ending_at} passed are terminated at that instant. Every termination publishes
 * {@link SubscriptionTerminated} in this transaction, so its final invoice is issued with it. Idempotent and safe
 * concurrently: a subscription is terminated by whichever transaction moves it from active first.
 */
@Component
public class StatusSettlement {
    private final SubscriptionRepository repository;
    private final ApplicationEventPublisher events;

    StatusSettlement(SubscriptionRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    @Transactional
    public void settle(OrganizationId organization, Instant now) {
        repository.activateDuePending(organization, now);
        for (SubscriptionRepository.DueDowngrade downgrade : repository.dueDowngrades(organization, now)) {
            if (repository.terminateIfActive(organization, downgrade.previousId(), downgrade.at(), now)) {
                repository.activate(organization, downgrade.id(), downgrade.at(), now);
                events.publishEvent(new SubscriptionTerminated(organization, downgrade.previousId(), downgrade.at()));
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
    }
}

package dev.fjord.subscription.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionInput;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.SubscriptionStarted;
import dev.fjord.subscription.SubscriptionTerminated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Lago's plan change: {@code POST /subscriptions} with a live external id and another plan. A subscription that has not
 * started just takes the new plan. Otherwise the plans are compared on a yearly basis ({@code Plan#yearly_amount_cents}):
 * at least as expensive is an <b>upgrade</b>, at once (the current subscription is terminated now and gets its final
 * invoice; the new one starts now on the same anchor and billing time); cheaper is a <b>downgrade</b>, at the end of
 * the current period (the new subscription waits {@code pending}). Either cancels a downgrade already waiting.
 * The caller holds the subscription's row lock.
 */
@Component
public class ChangePlan {
    private final SubscriptionRepository repository;
    private final ApplicationEventPublisher events;

    ChangePlan(SubscriptionRepository repository, ApplicationEventPublisher events) {
        this.repository = repository;
        this.events = events;
    }

    /** Answers the subscription to show: the new one after an upgrade, the current one (with its next plan) else. */
    public UUID execute(OrganizationId organization, Subscription current, Plan currentPlan, Plan plan,
            SubscriptionInput input, Instant now) {
        if (current.status() == SubscriptionStatus.PENDING) {
            repository.changePlan(organization, current.id(), plan.id(), input.name(), now);
            return current.id();
        }
        repository.cancelPendingNext(organization, current.id(), now);
        String name = input.name() != null ? input.name() : current.name();
        Instant endingAt = input.endingAt() != null ? input.endingAt() : current.endingAt();
        if (yearlyAmountCents(plan) >= yearlyAmountCents(currentPlan)) {
            repository.terminateIfActive(organization, current.id(), now, now);
            UUID upgraded = repository.insert(organization, current.customerId(), plan.id(), current.externalId(), name,
                    SubscriptionStatus.ACTIVE, current.billingTime(), current.subscriptionAt(), now, endingAt,
                    current.id(), null, now);
            events.publishEvent(new SubscriptionTerminated(organization, current.id(), now, true));
            events.publishEvent(new SubscriptionStarted(organization, upgraded, now));
            return upgraded;
        }
        Instant periodEnd = BillingPeriods.containing(currentPlan.interval(), current.billingTime(),
                current.anchorDate(), current.zone(), now).endExclusive();
        repository.insert(organization, current.customerId(), plan.id(), current.externalId(), name,
                SubscriptionStatus.PENDING, current.billingTime(), current.subscriptionAt(), null, endingAt,
                current.id(), periodEnd, now);
        return current.id();
    }

    /** Lago compares plans of different intervals by what they cost in a year. */
    static long yearlyAmountCents(Plan plan) {
        return plan.amountCents() * switch (plan.interval()) {
            case YEARLY -> 1;
            case SEMIANNUAL -> 2;
            case QUARTERLY -> 4;
            case MONTHLY -> 12;
            case WEEKLY -> 52;
        };
    }
}

package dev.fjord.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A customer's subscription to a plan. {@code zone} is the customer's applicable timezone and {@code anchorDate} the
 * subscription date in it: together with the plan interval they fix every billing period.
 *
 * <p>A plan change links the new subscription to the one it replaces ({@code previousSubscriptionId}); a downgrade
 * waits {@code pending} until {@code downgradeAt}, the end of the replaced subscription's billing period.
 * {@code trialEndedAt} is set once the plan's free trial is over (null without a trial, or while it runs).
 */
public record Subscription(
        UUID id,
        String externalId,
        UUID customerId,
        String externalCustomerId,
        UUID planId,
        String planCode,
        String name,
        SubscriptionStatus status,
        BillingTime billingTime,
        Instant subscriptionAt,
        Instant startedAt,
        Instant endingAt,
        Instant terminatedAt,
        Instant canceledAt,
        String onTerminationCreditNote,
        String onTerminationInvoice,
        Instant createdAt,
        ZoneId zone,
        UUID previousSubscriptionId,
        Instant downgradeAt,
        Instant trialEndedAt) {

    public LocalDate anchorDate() {
        return subscriptionAt.atZone(zone).toLocalDate();
    }
}

package dev.fjord.subscription.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.catalog.Plan;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.PlanChange;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionStatus;
import java.time.Instant;

/** Lago's {@code subscription} object. */
record SubscriptionJson(
        String lagoId,
        String externalId,
        String lagoCustomerId,
        String externalCustomerId,
        String billingTime,
        String name,
        String planCode,
        String status,
        String createdAt,
        String canceledAt,
        String startedAt,
        String pendingStartDate,
        String subscriptionAt,
        String terminatedAt,
        String endingAt,
        String previousPlanCode,
        String nextPlanCode,
        String downgradePlanDate,
        String trialEndedAt,
        String currentBillingPeriodStartedAt,
        String currentBillingPeriodEndingAt,
        String onTerminationCreditNote,
        String onTerminationInvoice,
        long planAmountCents,
        String planAmountCurrency,
        boolean progressiveBillingDisabled) {

    /** The subscription as the API shows it at {@code now}: an active one with its current billing period. */
    static SubscriptionJson at(Subscription s, Plan plan, Instant now, PlanChange change) {
        BillingPeriod period = s.status() != SubscriptionStatus.ACTIVE ? null
                : BillingPeriods.containing(plan.interval(), s.billingTime(), s.anchorDate(), s.zone(), now);
        return of(s, plan, period, change);
    }

    /** {@code period} is the current billing period of an active subscription, else null. */
    static SubscriptionJson of(Subscription s, Plan plan, BillingPeriod period, PlanChange change) {
        return new SubscriptionJson(s.id().toString(), s.externalId(), s.customerId().toString(),
                s.externalCustomerId(), s.billingTime().code(), s.name(), s.planCode(), s.status().code(),
                JsonFormats.timestamp(s.createdAt()), JsonFormats.timestamp(s.canceledAt()),
                JsonFormats.timestamp(s.startedAt()),
                s.status() == dev.fjord.subscription.SubscriptionStatus.PENDING ? JsonFormats.date(s.anchorDate()) : null,
                JsonFormats.timestamp(s.subscriptionAt()), JsonFormats.timestamp(s.terminatedAt()),
                JsonFormats.timestamp(s.endingAt()), change.previousPlanCode(), change.nextPlanCode(),
                change.downgradeAt() == null ? null : JsonFormats.date(change.downgradeAt().atZone(s.zone()).toLocalDate()),
                JsonFormats.timestamp(s.trialEndedAt()),
                period == null ? null : JsonFormats.timestamp(period.start()),
                // Lago shows the last second of the period, not the next period's first.
                period == null ? null : JsonFormats.timestamp(period.endExclusive().minusSeconds(1)),
                s.onTerminationCreditNote(), s.onTerminationInvoice(), plan.amountCents(), plan.amountCurrency(), false);
    }
}

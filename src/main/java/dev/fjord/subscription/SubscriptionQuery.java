package dev.fjord.subscription;

import java.util.List;

/** Filters of the subscription list; statuses default to active, as in Lago. */
public record SubscriptionQuery(String externalCustomerId, String planCode, List<SubscriptionStatus> statuses) {}

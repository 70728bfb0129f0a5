package dev.fjord.metering.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a contribution lands: one charge of one subscription, for one filter (null = the charge's default price)
 * and one group (canonical JSON, {@code {}} when ungrouped), in one charge period.
 */
record UsageKey(UUID subscriptionId, UUID chargeId, UUID chargeFilterId, String groupedBy, Instant periodStart,
        Instant periodEnd) implements Comparable<UsageKey> {

    /** A fixed order for writing aggregates, so concurrent batches lock rows in the same order and never deadlock. */
    @Override
    public int compareTo(UsageKey other) {
        int c = subscriptionId.compareTo(other.subscriptionId);
        if (c == 0) c = chargeId.compareTo(other.chargeId);
        if (c == 0) c = String.valueOf(chargeFilterId).compareTo(String.valueOf(other.chargeFilterId));
        if (c == 0) c = groupedBy.compareTo(other.groupedBy);
        if (c == 0) c = periodStart.compareTo(other.periodStart);
        return c;
    }
}

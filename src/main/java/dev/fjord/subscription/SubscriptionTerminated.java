package dev.fjord.subscription;

import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * Published inside the terminating transaction: billing issues the final invoice of the period in the same one, and
 * a plan paid in advance gets its credit note for the unused part. {@code upgrade}: terminated by an upgrade, whose
 * new plan is paid from the termination day (so that day is unused on the old one, as in Lago).
 */
public record SubscriptionTerminated(OrganizationId organization, UUID subscriptionId, Instant terminatedAt,
        boolean upgrade) {

    public SubscriptionTerminated(OrganizationId organization, UUID subscriptionId, Instant terminatedAt) {
        this(organization, subscriptionId, terminatedAt, false);
    }
}

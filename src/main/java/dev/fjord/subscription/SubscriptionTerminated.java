package dev.fjord.subscription;

import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** Published inside the terminating transaction: billing issues the final invoice of the period in the same one. */
public record SubscriptionTerminated(OrganizationId organization, UUID subscriptionId, Instant terminatedAt) {}

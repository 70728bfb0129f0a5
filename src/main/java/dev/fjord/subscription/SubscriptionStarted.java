package dev.fjord.subscription;

import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/** Published inside the creating transaction when a subscription starts at once: billing issues a plan fee paid in advance. */
public record SubscriptionStarted(OrganizationId organization, UUID subscriptionId, Instant at) {}

package dev.fjord.metering;

import dev.fjord.shared.OrganizationId;
import java.util.Set;
import java.util.UUID;

/**
 * Published inside the transaction that stored events: the customers whose current usage grew. Modules that react to
 * usage (wallet thresholds) act once it commits.
 */
public record UsageRecorded(OrganizationId organization, Set<UUID> customerIds) {}

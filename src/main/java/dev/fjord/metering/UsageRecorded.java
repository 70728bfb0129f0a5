package dev.fjord.metering;

import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Published inside the transaction that stored events: the customers whose current usage grew, and the earliest
 * timestamp among the stored events (a late event can change a period that already ended). Modules that react to
 * usage (wallet thresholds, draft invoices) act once it commits.
 */
public record UsageRecorded(OrganizationId organization, Set<UUID> customerIds, Instant earliestEventAt) {}

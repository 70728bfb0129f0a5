package dev.fjord.invoicing;

import java.util.UUID;

/**
 * The part of a plan fee paid in advance that a termination leaves unused: {@code amountCents} (before taxes) of the
 * fee {@code feeId} on the finalized invoice {@code invoiceId}, for the days {@code unusedDays} of {@code periodDays}.
 */
public record UnusedPlanFee(UUID invoiceId, UUID feeId, long amountCents, long unusedDays, long periodDays) {}

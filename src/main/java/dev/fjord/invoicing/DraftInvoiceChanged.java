package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/**
 * Published inside the transaction that created, refreshed or finalized a customer's draft invoice (grace period):
 * what the draft owes counts in the wallets' ongoing balance (spec §4.5), so the wallet module re-checks depletion,
 * threshold rules and alerts once it commits.
 */
public record DraftInvoiceChanged(OrganizationId organization, UUID customerId, UUID invoiceId) {}

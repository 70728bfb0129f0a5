package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/**
 * Published synchronously, inside the transaction that voided a finalized invoice, so what listeners do (the wallet
 * re-crediting the credits the invoice consumed, spec §4.7) commits or rolls back with the void. Published once per
 * invoice: a voided invoice cannot be voided again.
 */
public record InvoiceVoided(OrganizationId organization, UUID invoiceId) {}

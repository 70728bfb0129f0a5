package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.UUID;

/**
 * What invoicing needs of prepaid wallets, implemented by the wallet module: invoicing must not depend on it (the
 * wallet module already depends on invoicing for credit invoices), so it states its needs here.
 */
public interface PrepaidCredits {

    /** The customer's active wallets in the currency with money on them, in application order, as allocation inputs. */
    List<WalletLine> wallets(OrganizationId organization, UUID customerId, String currency);

    /**
     * Takes an invoice's share out of one wallet: one outbound {@code invoiced} ledger row linked to the invoice.
     * Answers how many of those cents came from granted credits (the rest were purchased), as traced by the ledger.
     */
    long debit(OrganizationId organization, UUID walletId, long amountCents, UUID invoiceId);
}

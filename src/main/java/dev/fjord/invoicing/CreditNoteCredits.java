package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What invoicing needs of credit notes, implemented by the creditnote module: that module depends on invoicing (a
 * credit note is issued against an invoice's fees), so invoicing states its needs here, as with {@link PrepaidCredits}.
 */
public interface CreditNoteCredits {

    /**
     * The customer's finalized, available credit notes in the currency with credit left, oldest first, row-locked
     * until the caller's transaction ends so that a concurrent void or invoice cannot take the same credit.
     */
    List<CreditNoteLine> lockAvailable(OrganizationId organization, UUID customerId, String currency);

    /** Takes an invoice's share off a credit note's balance ({@code consumed} at 0), recorded as a credit of the invoice. */
    void consume(OrganizationId organization, UUID creditNoteId, long amountCents, UUID invoiceId);

    /** The credit-note credits these invoices received, by invoice: their {@code credits[]} items. */
    Map<UUID, List<CreditNoteCredit>> creditsOf(OrganizationId organization, List<UUID> invoiceIds);

    /** Whether a credit note that is not voided was issued on the invoice (then it cannot be voided, as in Lago). */
    boolean anyNotVoidedOn(OrganizationId organization, UUID invoiceId);

    /**
     * One credit an invoice took from a credit note.
     *
     * @param creditNoteNumber Lago's item code; {@code creditedInvoiceNumber} (the credit note's own invoice) its name
     */
    record CreditNoteCredit(UUID id, UUID creditNoteId, String creditNoteNumber, String creditedInvoiceNumber,
            String description, long amountCents, String currency) {}
}

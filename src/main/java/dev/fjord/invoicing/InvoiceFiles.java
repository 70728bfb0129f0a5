package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PDF files of invoices, as the invoice API needs them ({@code file_url}, {@code POST /invoices/{id}/download}).
 * Defined here and implemented by the document module, which depends on invoicing (not the other way round).
 */
public interface InvoiceFiles {

    /**
     * Makes sure the finalized invoice has its PDF, generating it if missing. Anything else (unknown, hidden, draft,
     * voided) is {@code 404 invoice_not_found}, as Lago's download.
     */
    void generate(OrganizationId organization, UUID invoiceId);

    /** The {@code file_url} of each of these invoices that has a PDF; the others are absent. */
    Map<UUID, String> urls(OrganizationId organization, List<UUID> invoiceIds);
}

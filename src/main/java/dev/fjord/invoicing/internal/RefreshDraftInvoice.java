package dev.fjord.invoicing.internal;

import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lago's {@code PUT /invoices/{id}/refresh}: a draft subscription invoice is recomputed from its periods' current
 * usage (late events count), the plan fees, coupons and taxes as they are now. A draft consumes neither coupons nor
 * wallets: they are recorded when it is finalized, so the draft shows the coupon amounts without using them and no
 * prepaid credits. Any other invoice (finalized, voided, other types) is left unchanged, as Lago answers it.
 */
@Component
public class RefreshDraftInvoice {
    private final InvoiceRepository invoices;
    private final DraftInvoices drafts;

    RefreshDraftInvoice(InvoiceRepository invoices, DraftInvoices drafts) {
        this.invoices = invoices;
        this.drafts = drafts;
    }

    /** Unknown or hidden invoice → {@code 404 invoice_not_found}. */
    @Transactional
    public void execute(OrganizationId organization, UUID invoiceId) {
        Invoice invoice = invoices.lock(organization, invoiceId).filter(Invoice::visible)
                .orElseThrow(() -> BillingError.notFound("invoice"));
        if (DraftInvoices.handles(invoice)) {
            drafts.refresh(organization, invoice);
        }
    }
}

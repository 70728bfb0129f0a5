package dev.fjord.invoicing.internal;

import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lago's {@code fee.created} (object {@code fee}, its {@code FeeObject}), sent for each pay-in-advance charge fee an
 * event creates: on its invoice as {@code GET /invoices/{id}} shows the fee, or alone for a charge that is not
 * invoiceable. An in-advance invoice Lago closes (hidden) sends nothing, as its {@code invoice.created} does not.
 */
@Component
class FeeWebhooks {
    private final Webhooks webhooks;
    private final InvoiceRepository invoices;
    /** Lazy: the views read through the invoice facade, which itself records webhooks. */
    private final ObjectProvider<InvoiceViews> views;

    FeeWebhooks(Webhooks webhooks, InvoiceRepository invoices, ObjectProvider<InvoiceViews> views) {
        this.webhooks = webhooks;
        this.invoices = invoices;
        this.views = views;
    }

    /** The fees of an invoice just issued; the invoice row alone is read when it is hidden. */
    void createdOnInvoice(OrganizationId organization, UUID invoiceId) {
        Invoice invoice = invoices.find(organization, invoiceId).orElseThrow();
        if (!invoice.visible()) {
            return;
        }
        for (Fee fee : invoices.fees(organization, List.of(invoiceId)).getOrDefault(invoiceId, List.of())) {
            String feeId = fee.id().toString();
            webhooks.record(organization, "fee.created", "fee", () -> views.getObject().detailed(organization, invoiceId)
                    .fees().stream().filter(shown -> shown.lagoId().equals(feeId)).findFirst().orElseThrow());
        }
    }

    /** A fee written without an invoice, with its applied taxes. */
    void createdWithoutInvoice(OrganizationId organization, Fee fee, List<AppliedTaxes.OnFee> taxes) {
        webhooks.record(organization, "fee.created", "fee", () -> InvoiceJson.feeWithoutInvoice(fee, taxes));
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The invoice webhooks ({@code invoice.created}, {@code invoice.paid_credit_added},
 * {@code invoice.payment_status_updated}, {@code invoice.voided}...), recorded in the transaction of the change with
 * the invoice as {@code GET /invoices/{id}} shows it. Hidden invoices (open, closed) send nothing, as in Lago.
 */
@Component
public class InvoiceWebhooks {
    private final Webhooks webhooks;
    /** Lazy: the views read through the invoice facade, which itself records webhooks. */
    private final ObjectProvider<InvoiceViews> views;

    InvoiceWebhooks(Webhooks webhooks, ObjectProvider<InvoiceViews> views) {
        this.webhooks = webhooks;
        this.views = views;
    }

    /** Records the webhook for an invoice just loaded in the change's transaction; answers the invoice. */
    public Invoice record(OrganizationId organization, String webhookType, Invoice invoice) {
        if (invoice.visible()) {
            webhooks.record(organization, webhookType, "invoice", () -> views.getObject().detailed(organization, invoice));
        }
        return invoice;
    }

    /** The same for an invoice known by id (a finalized invoice, visible by construction). */
    public void record(OrganizationId organization, String webhookType, UUID invoiceId) {
        webhooks.record(organization, webhookType, "invoice", () -> views.getObject().detailed(organization, invoiceId));
    }
}

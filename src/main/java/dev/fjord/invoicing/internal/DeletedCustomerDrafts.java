package dev.fjord.invoicing.internal;

import dev.fjord.customer.CustomerDeleted;
import dev.fjord.invoicing.Invoice;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A deleted customer's drafts are finalized in the deleting transaction (Lago's
 * {@code Customers::TerminateRelationsService} finalizes them too): no grace period is left to wait for, and a draft
 * nobody can reach again must not stay unbilled. Right after the subscriptions end (their final invoices may be
 * drafts themselves) and before the wallets and coupons do, so the drafts still take their credits.
 */
@Component
class DeletedCustomerDrafts {
    private final InvoiceRepository invoices;
    private final DraftInvoices drafts;
    private final Clock clock;

    DeletedCustomerDrafts(InvoiceRepository invoices, DraftInvoices drafts, Clock clock) {
        this.invoices = invoices;
        this.drafts = drafts;
        this.clock = clock;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    void on(CustomerDeleted deleted) {
        for (UUID id : invoices.drafts(deleted.organization(), deleted.customerId())) {
            Invoice draft = invoices.lock(deleted.organization(), id).orElseThrow();
            if (DraftInvoices.handles(draft)) {
                drafts.finalize(deleted.organization(), draft, clock.instant());
            }
        }
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The billing clock's overdue step (Lago's hourly {@code MarkInvoicesAsPaymentOverdueJob}): each invoice that became
 * overdue — finalized, payment not succeeded, no lost dispute, due date (midnight UTC) passed, the rule of
 * {@code Invoice.paymentOverdue} — sends {@code invoice.payment_overdue} once. The mark and the webhook rows are
 * one transaction, and the conditional UPDATE lets two instances running the step together report each invoice once.
 */
@Component
public class OverdueInvoices {
    private final JdbcClient jdbc;
    private final InvoiceWebhooks webhooks;

    OverdueInvoices(JdbcClient jdbc, InvoiceWebhooks webhooks) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
    }

    private record Overdue(OrganizationId organization, UUID invoiceId) {}

    /** Reports the invoices of {@code organization} (null: of every organization) overdue at {@code at}. */
    @Transactional
    public List<UUID> report(OrganizationId organization, Instant at) {
        List<Overdue> overdue = jdbc.sql("""
                UPDATE invoices SET overdue_reported_at = ?
                WHERE status = 'finalized' AND payment_status <> 'succeeded' AND overdue_reported_at IS NULL
                  AND payment_dispute_lost_at IS NULL
                  AND CAST(payment_due_date AS timestamp) AT TIME ZONE 'UTC' < ?
                  AND (CAST(? AS uuid) IS NULL OR organization_id = CAST(? AS uuid))
                RETURNING organization_id, id""")
                .params(Timestamp.from(at), Timestamp.from(at), organization == null ? null : organization.value(),
                        organization == null ? null : organization.value())
                .query((rs, n) -> new Overdue(new OrganizationId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .list();
        overdue.forEach(invoice -> webhooks.record(invoice.organization(), "invoice.payment_overdue", invoice.invoiceId()));
        return overdue.stream().map(Overdue::invoiceId).toList();
    }
}

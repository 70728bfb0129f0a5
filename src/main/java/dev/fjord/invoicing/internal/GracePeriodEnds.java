package dev.fjord.invoicing.internal;

import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The billing clock's grace-period step (Lago's {@code FinalizeInvoicesJob}): every draft subscription invoice whose
 * issuing date plus the grace period (the customer's, else the organization's, as set now) is today or earlier in the
 * customer's timezone is finalized, each in its own transaction under its row lock. A second instance running the
 * same step waits on that lock, then finds the invoice finalized and leaves it: each draft is finalized once.
 */
@Component
public class GracePeriodEnds {
    private static final Logger log = LoggerFactory.getLogger(GracePeriodEnds.class);

    private final JdbcClient jdbc;
    private final InvoiceRepository invoices;
    private final DraftInvoices drafts;
    private final TransactionTemplate ownTransaction;

    GracePeriodEnds(JdbcClient jdbc, InvoiceRepository invoices, DraftInvoices drafts,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.invoices = invoices;
        this.drafts = drafts;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private record Due(OrganizationId organization, UUID invoiceId) {}

    /**
     * Finalizes the drafts of {@code organization} (null: of every organization) whose grace period is over at
     * {@code at}; answers the invoices this call finalized. A draft that fails is logged and tried at the next tick.
     */
    public List<UUID> finalizeDue(OrganizationId organization, Instant at) {
        List<Due> due = jdbc.sql("""
                SELECT i.organization_id, i.id FROM invoices i
                  JOIN customers c ON c.id = i.customer_id JOIN organizations o ON o.id = i.organization_id
                WHERE i.status = 'draft' AND i.invoice_type = 'subscription'
                  AND (CAST(? AS uuid) IS NULL OR i.organization_id = CAST(? AS uuid))
                  AND i.issuing_date + coalesce(c.invoice_grace_period, o.invoice_grace_period)
                      <= CAST((CAST(? AS timestamptz) AT TIME ZONE coalesce(c.timezone, o.timezone)) AS date)
                ORDER BY i.id""")
                .params(organization == null ? null : organization.value(),
                        organization == null ? null : organization.value(), Timestamp.from(at))
                .query((rs, n) -> new Due(new OrganizationId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .list();
        List<UUID> finalized = new ArrayList<>();
        for (Due draft : due) {
            try {
                if (Boolean.TRUE.equals(ownTransaction.execute(status -> finalize(draft, at)))) {
                    finalized.add(draft.invoiceId());
                }
            } catch (RuntimeException e) {
                log.warn("Draft invoice {} not finalized at the end of its grace period; tried again next tick",
                        draft.invoiceId(), e);
            }
        }
        return finalized;
    }

    /** Under the draft's row lock: still a draft (no other instance got there first) → finalized at {@code at}. */
    private boolean finalize(Due due, Instant at) {
        Invoice invoice = invoices.lock(due.organization(), due.invoiceId()).orElseThrow();
        if (!DraftInvoices.handles(invoice)) {
            return false;
        }
        drafts.finalize(due.organization(), invoice, at);
        return true;
    }
}

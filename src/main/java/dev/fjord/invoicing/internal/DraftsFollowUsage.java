package dev.fjord.invoicing.internal;

import dev.fjord.metering.UsageRecorded;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps draft invoices in step with usage (Lago flags them and refreshes every 5 minutes): once the events that grew
 * a customer's usage commit, each of the customer's draft subscription invoices whose periods the events may fall in
 * (a period ending after the earliest event) is computed again, in its own transaction, before the ingesting request
 * answers. Events of the running period leave drafts alone; customers without drafts cost one indexed lookup, inside
 * the ingesting transaction.
 * A failed refresh is logged and leaves the draft as it was: finalization computes it again anyway.
 */
@Component
class DraftsFollowUsage {
    private static final Logger log = LoggerFactory.getLogger(DraftsFollowUsage.class);

    private final JdbcClient jdbc;
    private final RefreshDraftInvoice refresh;
    private final TransactionTemplate ownTransaction;

    DraftsFollowUsage(JdbcClient jdbc, RefreshDraftInvoice refresh, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.refresh = refresh;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Looks the drafts up in the ingesting transaction, its last statement before the commit (after the commit it
     * cost a transaction of its own, two more round trips on every ingestion request), and refreshes them once the
     * events are committed.
     */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(UsageRecorded recorded) {
        OrganizationId organization = recorded.organization();
        List<UUID> drafts = draftsUsageMayChange(recorded);
        if (drafts.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refreshAll(organization, drafts);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                refreshAll(organization, drafts);
            }
        });
    }

    private List<UUID> draftsUsageMayChange(UsageRecorded recorded) {
        return jdbc.sql("""
                SELECT i.id FROM invoices i WHERE i.organization_id = ? AND i.customer_id = ANY(?)
                  AND i.status = 'draft' AND i.invoice_type = 'subscription'
                  AND EXISTS (SELECT 1 FROM invoice_subscriptions c WHERE c.invoice_id = i.id AND c.to_datetime > ?)
                ORDER BY i.id""")
                .params(recorded.organization().value(), recorded.customerIds().toArray(UUID[]::new),
                        Timestamp.from(recorded.earliestEventAt()))
                .query(UUID.class).list();
    }

    private void refreshAll(OrganizationId organization, List<UUID> drafts) {
        for (UUID draft : drafts) {
            try {
                ownTransaction.executeWithoutResult(status -> refresh.execute(organization, draft));
            } catch (RuntimeException e) {
                log.warn("Draft invoice {} not refreshed after new usage; it is computed again when finalized", draft, e);
            }
        }
    }
}

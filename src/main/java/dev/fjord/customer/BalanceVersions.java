package dev.fjord.customer;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A per-customer version of everything the ongoing balance is computed from (usage aggregates, wallets, ledger), so
 * a remembered balance can be checked with one primary-key lookup instead of being recomputed, and stays exact when
 * several instances write. Writers call {@link #changed} inside their transaction; the version moves just before
 * commit, as the transaction's last lock, taken in one statement in key order, so writers never deadlock on it.
 */
@Component
public class BalanceVersions {
    private final JdbcClient jdbc;

    BalanceVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A live customer's id, currency and balance version (0 before its first change). */
    public record Current(UUID customerId, String currency, long version) {}

    public Current of(OrganizationId organization, String externalCustomerId) {
        return jdbc.sql("""
                SELECT c.id, c.currency, coalesce(v.version, 0) FROM customers c
                LEFT JOIN customer_balance_versions v ON v.customer_id = c.id
                WHERE c.organization_id = ? AND c.external_id = ? AND c.deleted_at IS NULL""")
                .params(organization.value(), externalCustomerId)
                .query((rs, n) -> new Current(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)))
                .optional().orElseThrow(() -> BillingError.notFound("customer"));
    }

    /** The current transaction may change these customers' ongoing balances: their versions move when it commits. */
    public void changed(Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("balance versions move inside the writing transaction");
        }
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof PendingBump pending && pending.owner() == this) {
                pending.customerIds().addAll(customerIds);
                return;
            }
        }
        TransactionSynchronizationManager.registerSynchronization(new PendingBump(this, new HashSet<>(customerIds)));
    }

    public void changed(UUID customerId) {
        changed(List.of(customerId));
    }

    private void bump(Set<UUID> customerIds) {
        jdbc.sql("""
                INSERT INTO customer_balance_versions (customer_id, version)
                SELECT id, 1 FROM unnest(ARRAY[:ids]::uuid[]) AS id ORDER BY id
                ON CONFLICT (customer_id) DO UPDATE SET version = customer_balance_versions.version + 1""")
                .param("ids", List.copyOf(customerIds)).update();
    }

    /** The customers a transaction changed, bumped once before it commits (a synchronization is per transaction). */
    private record PendingBump(BalanceVersions owner, Set<UUID> customerIds) implements TransactionSynchronization {
        @Override
        public void beforeCommit(boolean readOnly) {
            owner.bump(customerIds);
        }
    }
}

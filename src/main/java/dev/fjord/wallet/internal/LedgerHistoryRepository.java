package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.wallet.BalancePoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Running sums of the ledger, with the same rule as the balance cache and its reconciliation. */
@Repository
public class LedgerHistoryRepository {
    private final JdbcClient jdbc;

    LedgerHistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<BalancePoint> balanceAfterEachRow(OrganizationId organization, UUID walletId, int maxPoints) {
        List<BalancePoint> newestFirst = jdbc.sql("""
                SELECT at, balance_cents FROM (
                  SELECT coalesce(settled_at, created_at) AS at, id,
                         sum(CASE WHEN transaction_type = 'inbound' THEN amount_cents ELSE -amount_cents END)
                           OVER (ORDER BY coalesce(settled_at, created_at), id) AS balance_cents
                  FROM wallet_transactions
                  WHERE organization_id = :organization AND wallet_id = :wallet
                    AND (transaction_type = 'outbound' OR status = 'settled')) running
                ORDER BY at DESC, id DESC LIMIT :max""")
                .param("organization", organization.value())
                .param("wallet", walletId)
                .param("max", maxPoints)
                .query((rs, row) -> new BalancePoint(Rows.instant(rs.getTimestamp("at")), rs.getLong("balance_cents")))
                .list();
        List<BalancePoint> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}

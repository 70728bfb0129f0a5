package dev.fjord.wallet;

import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The operator's check that the balance cache equals the ledger: for every wallet, balance_cents and credits_balance
 * equal the sums of its settled inbound rows minus its outbound rows, and equal what its inbound rows have left.
 */
@Service
public class LedgerReconciliation {
    private final JdbcClient jdbc;

    LedgerReconciliation(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Mismatch(UUID walletId, long balanceCents, long ledgerCents, long remainingCents,
            BigDecimal creditsBalance, BigDecimal ledgerCredits) {}

    public record Report(long walletsChecked, List<Mismatch> mismatches) {}

    public Report check(OrganizationId organization) {
        List<Mismatch> mismatches = jdbc.sql("""
                SELECT * FROM (
                  SELECT w.id, w.balance_cents, w.credits_balance,
                    coalesce(sum(CASE WHEN t.transaction_type = 'inbound' AND t.status = 'settled' THEN t.amount_cents
                                      WHEN t.transaction_type = 'outbound' THEN -t.amount_cents ELSE 0 END), 0) AS ledger_cents,
                    coalesce(sum(CASE WHEN t.transaction_type = 'inbound' AND t.status = 'settled' THEN t.credit_amount
                                      WHEN t.transaction_type = 'outbound' THEN -t.credit_amount ELSE 0 END), 0) AS ledger_credits,
                    coalesce(sum(CASE WHEN t.transaction_type = 'inbound' AND t.status = 'settled'
                                      THEN t.remaining_amount_cents ELSE 0 END), 0) AS remaining_cents
                  FROM wallets w LEFT JOIN wallet_transactions t ON t.wallet_id = w.id
                  WHERE w.organization_id = ?
                  GROUP BY w.id) sums
                WHERE balance_cents <> ledger_cents OR credits_balance <> ledger_credits OR balance_cents <> remaining_cents""")
                .param(organization.value())
                .query((rs, n) -> new Mismatch(rs.getObject("id", UUID.class), rs.getLong("balance_cents"),
                        rs.getLong("ledger_cents"), rs.getLong("remaining_cents"), rs.getBigDecimal("credits_balance"),
                        rs.getBigDecimal("ledger_credits")))
                .list();
        long checked = jdbc.sql("SELECT count(*) FROM wallets WHERE organization_id = ?").param(organization.value())
                .query(Long.class).single();
        return new Report(checked, mismatches);
    }
}

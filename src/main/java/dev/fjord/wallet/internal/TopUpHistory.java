package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What the ledger says about a wallet's top-ups in flight, for the threshold rule's safeguards. */
@Repository
class TopUpHistory {
    private final JdbcClient jdbc;

    TopUpHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Credits bought but not paid yet (they count toward the balance when a threshold is checked). */
    BigDecimal pendingPaidCredits(OrganizationId organization, UUID walletId) {
        return jdbc.sql("""
                SELECT coalesce(sum(credit_amount), 0) FROM wallet_transactions
                WHERE organization_id = ? AND wallet_id = ? AND status = 'pending' AND transaction_status = 'purchased'""")
                .params(organization.value(), walletId).query(BigDecimal.class).single();
    }

    /** A threshold top-up still waiting for its payment (Fjord queues no second one behind it). */
    boolean thresholdTopUpPending(OrganizationId organization, UUID walletId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM wallet_transactions
                  WHERE organization_id = ? AND wallet_id = ? AND status = 'pending' AND source = 'threshold')""")
                .params(organization.value(), walletId).query(Boolean.class).single();
    }

    /**
     * Lago's suppression: an automatic paid top-up failed since {@code since} and no paid top-up settled after that
     * failure — charging the same card again at once would most likely fail again.
     */
    boolean automaticPaymentFailedSince(OrganizationId organization, UUID walletId, Instant since) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM wallet_transactions f
                  WHERE f.organization_id = ? AND f.wallet_id = ? AND f.status = 'failed'
                    AND f.transaction_status = 'purchased' AND f.source IN ('interval', 'threshold') AND f.failed_at > ?
                    AND NOT EXISTS (SELECT 1 FROM wallet_transactions s
                      WHERE s.wallet_id = f.wallet_id AND s.transaction_status = 'purchased' AND s.status = 'settled'
                        AND s.settled_at > f.failed_at))""")
                .params(organization.value(), walletId, Timestamp.from(since)).query(Boolean.class).single();
    }
}

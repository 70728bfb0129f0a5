package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.wallet.WalletTransaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code recurring_transaction_rules} and the claims of their interval runs. */
@Repository
class RecurringRuleRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    RecurringRuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(OrganizationId organization, RecurringRule r, Instant now) {
        jdbc.sql("""
                INSERT INTO recurring_transaction_rules (id, organization_id, wallet_id, status, trigger, method, interval,
                  paid_credits, granted_credits, threshold_credits, target_ongoing_balance, grants_target_top_up,
                  started_at, expiration_at, invoice_requires_successful_payment, transaction_metadata, transaction_name,
                  purchase_order_number, ignore_paid_top_up_limits, next_run_at, created_at, updated_at)
                VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), organization.value(), r.walletId(), r.trigger(), r.method(), r.interval(),
                        r.paidCredits(), r.grantedCredits(), r.thresholdCredits(), r.targetOngoingBalance(),
                        r.grantsTargetTopUp(), ts(r.startedAt()), ts(r.expirationAt()),
                        r.invoiceRequiresSuccessfulPayment(), json.writeValueAsString(r.transactionMetadata()),
                        r.transactionName(), r.purchaseOrderNumber(), r.ignorePaidTopUpLimits(), ts(r.nextRunAt()),
                        ts(r.createdAt()), ts(now))
                .update();
    }

    /** Rewrites every field of an active rule but its id and creation time. */
    void replace(OrganizationId organization, RecurringRule r, Instant now) {
        jdbc.sql("""
                UPDATE recurring_transaction_rules SET trigger = ?, method = ?, interval = ?, paid_credits = ?,
                  granted_credits = ?, threshold_credits = ?, target_ongoing_balance = ?, grants_target_top_up = ?,
                  started_at = ?, expiration_at = ?, invoice_requires_successful_payment = ?,
                  transaction_metadata = CAST(? AS jsonb), transaction_name = ?, purchase_order_number = ?,
                  ignore_paid_top_up_limits = ?, next_run_at = ?, updated_at = ?
                WHERE id = ? AND organization_id = ? AND status = 'active'""")
                .params(r.trigger(), r.method(), r.interval(), r.paidCredits(), r.grantedCredits(),
                        r.thresholdCredits(), r.targetOngoingBalance(), r.grantsTargetTopUp(), ts(r.startedAt()),
                        ts(r.expirationAt()), r.invoiceRequiresSuccessfulPayment(),
                        json.writeValueAsString(r.transactionMetadata()), r.transactionName(), r.purchaseOrderNumber(),
                        r.ignorePaidTopUpLimits(), ts(r.nextRunAt()), ts(now), r.id(), organization.value())
                .update();
    }

    /** Ends an active rule; answers the customer of its wallet, or empty when it had ended already. */
    Optional<UUID> terminate(OrganizationId organization, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE recurring_transaction_rules r SET status = 'terminated', terminated_at = ?, updated_at = ?
                FROM wallets w
                WHERE r.id = ? AND r.organization_id = ? AND r.status = 'active' AND w.id = r.wallet_id
                RETURNING w.customer_id""")
                .params(ts(now), ts(now), id, organization.value()).query(UUID.class).optional();
    }

    void terminateOfWallet(OrganizationId organization, UUID walletId, Instant now) {
        jdbc.sql("""
                UPDATE recurring_transaction_rules SET status = 'terminated', terminated_at = ?, updated_at = ?
                WHERE wallet_id = ? AND organization_id = ? AND status = 'active'""")
                .params(ts(now), ts(now), walletId, organization.value()).update();
    }

    List<RecurringRule> activeOfWallet(OrganizationId organization, UUID walletId) {
        return jdbc.sql("""
                SELECT * FROM recurring_transaction_rules
                WHERE organization_id = ? AND wallet_id = ? AND status = 'active' ORDER BY created_at, id""")
                .params(organization.value(), walletId).query(this::row).list();
    }

    /** Active rules of these wallets, by wallet (one query for a page of wallets). */
    List<RecurringRule> activeOfWallets(OrganizationId organization, Collection<UUID> walletIds) {
        if (walletIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT * FROM recurring_transaction_rules
                WHERE organization_id = :organization AND wallet_id IN (:wallets) AND status = 'active'
                ORDER BY created_at, id""")
                .param("organization", organization.value()).param("wallets", new ArrayList<>(walletIds))
                .query(this::row).list();
    }

    /** Active threshold rules on the customer's active wallets, in wallet-id order (the lock order). */
    List<RecurringRule> activeThresholdOfCustomer(OrganizationId organization, UUID customerId) {
        return jdbc.sql("""
                SELECT r.* FROM recurring_transaction_rules r JOIN wallets w ON w.id = r.wallet_id
                WHERE r.organization_id = ? AND w.customer_id = ? AND w.status = 'active'
                  AND r.status = 'active' AND r.trigger = 'threshold'
                ORDER BY r.wallet_id""")
                .params(organization.value(), customerId).query(this::row).list();
    }

    Optional<RecurringRule> find(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT * FROM recurring_transaction_rules WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(this::row).optional();
    }

    /** Interval rules whose next run has come (all organizations), for the scheduler. */
    List<Map.Entry<OrganizationId, RecurringRule>> dueInterval(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM recurring_transaction_rules
                WHERE status = 'active' AND trigger = 'interval' AND next_run_at <= ? ORDER BY next_run_at LIMIT ?""")
                .params(ts(now), limit)
                .query((rs, n) -> Map.entry(new OrganizationId(rs.getObject("organization_id", UUID.class)), row(rs, n)))
                .list();
    }

    /** Active rules past their own expiration (all organizations). */
    List<Map.Entry<OrganizationId, UUID>> expired(Instant now, int limit) {
        return jdbc.sql("""
                SELECT organization_id, id FROM recurring_transaction_rules
                WHERE status = 'active' AND expiration_at <= ? LIMIT ?""")
                .params(ts(now), limit)
                .query((rs, n) -> Map.entry(new OrganizationId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .list();
    }

    void scheduleNext(OrganizationId organization, UUID id, Instant next) {
        jdbc.sql("UPDATE recurring_transaction_rules SET next_run_at = ? WHERE id = ? AND organization_id = ?")
                .params(ts(next), id, organization.value()).update();
    }

    /** Claims one local day of an interval rule; false when that day was already run. */
    boolean claimRun(OrganizationId organization, UUID ruleId, LocalDate day, Instant now) {
        return jdbc.sql("""
                INSERT INTO recurring_transaction_rule_runs (rule_id, organization_id, run_date, created_at)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(ruleId, organization.value(), day, ts(now)).update() == 1;
    }

    private RecurringRule row(ResultSet rs, int n) throws SQLException {
        List<WalletTransaction.MetadataPair> metadata = new ArrayList<>();
        for (JsonNode pair : json.readTree(rs.getString("transaction_metadata")).values()) {
            metadata.add(new WalletTransaction.MetadataPair(pair.get("key").asString(), pair.get("value").asString()));
        }
        Object grants = rs.getObject("grants_target_top_up");
        return new RecurringRule(
                rs.getObject("id", UUID.class),
                rs.getObject("wallet_id", UUID.class),
                rs.getString("status"),
                rs.getString("trigger"),
                rs.getString("method"),
                rs.getString("interval"),
                rs.getBigDecimal("paid_credits"),
                rs.getBigDecimal("granted_credits"),
                rs.getBigDecimal("threshold_credits"),
                rs.getBigDecimal("target_ongoing_balance"),
                grants == null ? null : (Boolean) grants,
                Rows.instant(rs.getTimestamp("started_at")),
                Rows.instant(rs.getTimestamp("expiration_at")),
                rs.getBoolean("invoice_requires_successful_payment"),
                metadata,
                rs.getString("transaction_name"),
                rs.getString("purchase_order_number"),
                rs.getBoolean("ignore_paid_top_up_limits"),
                Rows.instant(rs.getTimestamp("next_run_at")),
                Rows.instant(rs.getTimestamp("created_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletStatus;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Wallet rows. Balance columns are written only by {@link WalletLedger}. */
@Repository
public class WalletRepository {
    static final Set<String> UPDATABLE_COLUMNS = Set.of("name", "code", "priority", "expiration_at",
            "invoice_requires_successful_payment", "paid_top_up_min_amount_cents", "paid_top_up_max_amount_cents",
            "purchase_order_number", "applies_to_fee_types");
    private static final String SELECT = """
            SELECT w.*, c.external_id AS external_customer_id,
              ARRAY(SELECT m.code FROM wallet_billable_metrics wbm JOIN billable_metrics m ON m.id = wbm.billable_metric_id
                    WHERE wbm.wallet_id = w.id ORDER BY m.code) AS metric_codes
            FROM wallets w JOIN customers c ON c.id = w.customer_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WalletRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID insert(OrganizationId organization, UUID customerId, String currency, String code, BigDecimal rate, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO wallets (id, organization_id, customer_id, status, currency, code, rate_amount, created_at, updated_at)
                VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), customerId, currency, code, rate, Timestamp.from(now), Timestamp.from(now))
                .update();
        return id;
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        PartialUpdate.apply(jdbc, "wallets", UPDATABLE_COLUMNS, organization, id, changes, now);
    }

    /** The wallet row-locked until the transaction ends: every money movement of a wallet queues here. */
    public Optional<Wallet> lock(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE w.organization_id = ? AND w.id = ? FOR UPDATE OF w")
                .params(organization.value(), id).query(this::row).optional();
    }

    public Optional<Wallet> find(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE w.organization_id = ? AND w.id = ?")
                .params(organization.value(), id).query(this::row).optional();
    }

    public Optional<Wallet> findActiveByCode(OrganizationId organization, UUID customerId, String code) {
        return jdbc.sql(SELECT + " WHERE w.organization_id = ? AND w.customer_id = ? AND w.code = ? AND w.status = 'active'")
                .params(organization.value(), customerId, code).query(this::row).optional();
    }

    /** Wallets newest first; customer and currency filters are optional. */
    public List<Wallet> list(OrganizationId organization, UUID customerId, String currency, int limit, long offset) {
        return jdbc.sql(SELECT + " WHERE " + FILTER + " ORDER BY w.created_at DESC, w.id LIMIT :limit OFFSET :offset")
                .params(filterParams(organization, customerId, currency)).param("limit", limit).param("offset", offset)
                .query(this::row).list();
    }

    public long count(OrganizationId organization, UUID customerId, String currency) {
        return jdbc.sql("SELECT count(*) FROM wallets w WHERE " + FILTER)
                .params(filterParams(organization, customerId, currency)).query(Long.class).single();
    }

    /** Active wallets of a customer in application order: priority, then oldest first. */
    public List<Wallet> activeOfCustomer(OrganizationId organization, UUID customerId) {
        return jdbc.sql(SELECT + " WHERE w.organization_id = ? AND w.customer_id = ? AND w.status = 'active'"
                        + " ORDER BY w.priority, w.created_at, w.id")
                .params(organization.value(), customerId).query(this::row).list();
    }

    /**
     * The customer's active wallets, row-locked in id order (the order every other multi-wallet path locks in, so
     * billing and threshold top-ups never deadlock), answered in allocation order: priority, oldest, id.
     */
    public List<Wallet> lockActiveOfCustomer(OrganizationId organization, UUID customerId) {
        List<Wallet> locked = jdbc.sql(SELECT + " WHERE w.organization_id = ? AND w.customer_id = ? AND w.status = 'active'"
                        + " ORDER BY w.id FOR UPDATE OF w")
                .params(organization.value(), customerId).query(this::row).list();
        return locked.stream().sorted(Comparator.comparingInt(Wallet::priority)
                .thenComparing(Wallet::createdAt).thenComparing(Wallet::id)).toList();
    }

    public long countActive(OrganizationId organization, UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM wallets WHERE organization_id = ? AND customer_id = ? AND status = 'active'")
                .params(organization.value(), customerId).query(Long.class).single();
    }

    public boolean activeCodeTaken(OrganizationId organization, UUID customerId, String code) {
        return jdbc.sql("SELECT count(*) FROM wallets WHERE organization_id = ? AND customer_id = ? AND code = ? AND status = 'active'")
                .params(organization.value(), customerId, code).query(Long.class).single() > 0;
    }

    public void terminate(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE wallets SET status = 'terminated', terminated_at = coalesce(terminated_at, ?), updated_at = ?
                WHERE id = ? AND organization_id = ?""")
                .params(Timestamp.from(now), Timestamp.from(now), id, organization.value()).update();
    }

    /**
     * Sets or clears the wallet's depletion flag; answers true only when it changed (the caller holds the wallet
     * lock, so one depletion is reported once).
     */
    public boolean markDepleted(OrganizationId organization, UUID id, boolean depleted) {
        return jdbc.sql("UPDATE wallets SET depleted_ongoing_balance = ? WHERE id = ? AND organization_id = ?"
                        + " AND depleted_ongoing_balance <> ?")
                .params(depleted, id, organization.value(), depleted).update() == 1;
    }

    public boolean isDepleted(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT depleted_ongoing_balance FROM wallets WHERE id = ? AND organization_id = ?")
                .params(id, organization.value()).query(Boolean.class).single();
    }

    /** Active wallets whose expiration has come, for the expiry job (all organizations). */
    public List<Map.Entry<OrganizationId, UUID>> expired(Instant now, int limit) {
        return jdbc.sql("SELECT organization_id, id FROM wallets WHERE status = 'active' AND expiration_at <= ? LIMIT ?")
                .params(Timestamp.from(now), limit)
                .query((rs, n) -> Map.entry(new OrganizationId(rs.getObject(1, UUID.class)), rs.getObject(2, UUID.class)))
                .list();
    }

    public void replaceMetrics(OrganizationId organization, UUID walletId, List<UUID> metricIds) {
        jdbc.sql("DELETE FROM wallet_billable_metrics WHERE wallet_id = ? AND organization_id = ?")
                .params(walletId, organization.value()).update();
        for (UUID metricId : metricIds) {
            jdbc.sql("INSERT INTO wallet_billable_metrics (wallet_id, billable_metric_id, organization_id) VALUES (?, ?, ?)")
                    .params(walletId, metricId, organization.value()).update();
        }
    }

    public void replaceMetadata(OrganizationId organization, UUID walletId, Map<String, String> metadata) {
        jdbc.sql("UPDATE wallets SET metadata = CAST(? AS jsonb) WHERE id = ? AND organization_id = ?")
                .params(metadata == null ? null : json.writeValueAsString(metadata), walletId, organization.value())
                .update();
    }

    private static final String FILTER = """
            w.organization_id = :organization
            AND (CAST(:customer AS uuid) IS NULL OR w.customer_id = :customer)
            AND (CAST(:currency AS text) IS NULL OR w.currency = :currency)""";

    private static Map<String, Object> filterParams(OrganizationId organization, UUID customerId, String currency) {
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        params.put("customer", customerId);
        params.put("currency", currency);
        return params;
    }

    private Wallet row(ResultSet rs, int n) throws SQLException {
        String metadata = rs.getString("metadata");
        return new Wallet(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getString("external_customer_id"),
                WalletStatus.fromCode(rs.getString("status")),
                rs.getString("currency"),
                rs.getString("name"),
                rs.getString("code"),
                rs.getBigDecimal("rate_amount"),
                rs.getBigDecimal("credits_balance"),
                rs.getLong("balance_cents"),
                rs.getBigDecimal("consumed_credits"),
                rs.getLong("consumed_amount_cents"),
                rs.getInt("priority"),
                Rows.instant(rs.getTimestamp("expiration_at")),
                Rows.instant(rs.getTimestamp("terminated_at")),
                Rows.instant(rs.getTimestamp("last_balance_sync_at")),
                Rows.instant(rs.getTimestamp("last_consumed_credit_at")),
                rs.getBoolean("invoice_requires_successful_payment"),
                Rows.nullableLong(rs, "paid_top_up_min_amount_cents"),
                Rows.nullableLong(rs, "paid_top_up_max_amount_cents"),
                rs.getString("purchase_order_number"),
                Rows.strings(rs.getArray("applies_to_fee_types")),
                Rows.strings(rs.getArray("metric_codes")),
                metadata == null ? null : metadata(metadata),
                Rows.instant(rs.getTimestamp("created_at")));
    }

    private Map<String, String> metadata(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : json.readTree(text).properties()) {
            map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString());
        }
        return map;
    }
}

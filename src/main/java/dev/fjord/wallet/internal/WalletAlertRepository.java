package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code wallet_alerts}. */
@Repository
class WalletAlertRepository {
    private static final String SELECT = "SELECT a.*, w.code AS wallet_code FROM wallet_alerts a JOIN wallets w ON w.id = a.wallet_id ";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WalletAlertRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(OrganizationId organization, WalletAlert a, Instant now) {
        jdbc.sql("""
                INSERT INTO wallet_alerts (id, organization_id, wallet_id, code, name, alert_type, direction, thresholds,
                  previous_value, last_processed_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""")
                .params(a.id(), organization.value(), a.walletId(), a.code(), a.name(), a.alertType(), a.direction(),
                        thresholds(a), a.previousValue(), ts(a.lastProcessedAt()), ts(a.createdAt()), ts(now))
                .update();
    }

    void update(OrganizationId organization, WalletAlert a, Instant now) {
        jdbc.sql("""
                UPDATE wallet_alerts SET code = ?, name = ?, direction = ?, thresholds = CAST(? AS jsonb), updated_at = ?
                WHERE id = ? AND organization_id = ?""")
                .params(a.code(), a.name(), a.direction(), thresholds(a), ts(now), a.id(), organization.value())
                .update();
    }

    void delete(OrganizationId organization, UUID id) {
        jdbc.sql("DELETE FROM wallet_alerts WHERE id = ? AND organization_id = ?").params(id, organization.value()).update();
    }

    void processed(OrganizationId organization, UUID id, BigDecimal value, Instant now) {
        jdbc.sql("UPDATE wallet_alerts SET previous_value = ?, last_processed_at = ? WHERE id = ? AND organization_id = ?")
                .params(value, ts(now), id, organization.value()).update();
    }

    List<WalletAlert> ofWallet(OrganizationId organization, UUID walletId) {
        return jdbc.sql(SELECT + "WHERE a.organization_id = ? AND a.wallet_id = ? ORDER BY a.created_at, a.id")
                .params(organization.value(), walletId).query(this::row).list();
    }

    Optional<WalletAlert> find(OrganizationId organization, UUID walletId, String code) {
        return jdbc.sql(SELECT + "WHERE a.organization_id = ? AND a.wallet_id = ? AND a.code = ?")
                .params(organization.value(), walletId, code).query(this::row).optional();
    }

    /** The alerts of a customer's active wallets, row-locked in id order: concurrent checks take turns. */
    List<WalletAlert> lockOfCustomer(OrganizationId organization, UUID customerId) {
        return jdbc.sql(SELECT + """
                WHERE a.organization_id = ? AND w.customer_id = ? AND w.status = 'active'
                ORDER BY a.id FOR UPDATE OF a""")
                .params(organization.value(), customerId).query(this::row).list();
    }

    private String thresholds(WalletAlert alert) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (WalletAlert.Threshold t : alert.thresholds()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", t.code());
            item.put("value", t.value().toPlainString());
            item.put("recurring", t.recurring());
            list.add(item);
        }
        return json.writeValueAsString(list);
    }

    private WalletAlert row(ResultSet rs, int n) throws SQLException {
        List<WalletAlert.Threshold> thresholds = new ArrayList<>();
        for (JsonNode t : json.readTree(rs.getString("thresholds")).values()) {
            thresholds.add(new WalletAlert.Threshold(t.get("code").isNull() ? null : t.get("code").asString(),
                    new BigDecimal(t.get("value").asString()), t.get("recurring").asBoolean()));
        }
        return new WalletAlert(rs.getObject("id", UUID.class), rs.getObject("wallet_id", UUID.class),
                rs.getString("wallet_code"), rs.getString("code"), rs.getString("name"), rs.getString("alert_type"),
                rs.getString("direction"), thresholds, rs.getBigDecimal("previous_value"),
                Rows.instant(rs.getTimestamp("last_processed_at")), Rows.instant(rs.getTimestamp("created_at")));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.wallet.WalletTransaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Ledger rows and consumption rows. Rows are inserted, never deleted; only status and remaining amounts move. */
@Repository
public class LedgerRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    LedgerRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(OrganizationId organization, WalletTransaction t) {
        insert(organization, t, null);
    }

    /**
     * Inserts a row; {@code recreditedId} names the outbound row a re-credit gives back (null for any other row).
     * The schema lets an outbound row be re-credited once.
     */
    public void insert(OrganizationId organization, WalletTransaction t, UUID recreditedId) {
        jdbc.sql("""
                INSERT INTO wallet_transactions (id, organization_id, wallet_id, status, source, transaction_status,
                  transaction_type, amount_cents, credit_amount, remaining_amount_cents, priority, name,
                  purchase_order_number, metadata, invoice_requires_successful_payment, invoice_id, voided_invoice_id,
                  recredited_transaction_id, expiration_at, settled_at, failed_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), organization.value(), t.walletId(), t.status(), t.source(), t.transactionStatus(),
                        t.transactionType(), t.amountCents(), t.creditAmount(), t.remainingAmountCents(), t.priority(),
                        t.name(), t.purchaseOrderNumber(), json.writeValueAsString(t.metadata()),
                        t.invoiceRequiresSuccessfulPayment(), t.invoiceId(), t.voidedInvoiceId(), recreditedId,
                        ts(t.expirationAt()), ts(t.settledAt()), ts(t.failedAt()), ts(t.createdAt()))
                .update();
    }

    /** The outbound {@code invoiced} rows an invoice took out of wallets, oldest first. */
    public List<WalletTransaction> invoicedBy(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("""
                SELECT * FROM wallet_transactions
                WHERE organization_id = ? AND invoice_id = ? AND transaction_type = 'outbound'
                  AND transaction_status = 'invoiced'
                ORDER BY created_at, id""")
                .params(organization.value(), invoiceId).query(this::row).list();
    }

    /** Whether an outbound row has already been given back by a re-credit. */
    public boolean recredited(OrganizationId organization, UUID outboundId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM wallet_transactions
                               WHERE organization_id = ? AND recredited_transaction_id = ?)""")
                .params(organization.value(), outboundId).query(Boolean.class).single();
    }

    /** pending → settled (the row becomes consumable) or pending → failed; answers false when not pending. */
    public boolean settle(OrganizationId organization, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE wallet_transactions SET status = 'settled', settled_at = ?, remaining_amount_cents = amount_cents
                WHERE id = ? AND organization_id = ? AND status = 'pending'""")
                .params(ts(now), id, organization.value()).update() == 1;
    }

    public boolean fail(OrganizationId organization, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE wallet_transactions SET status = 'failed', failed_at = ?
                WHERE id = ? AND organization_id = ? AND status = 'pending'""")
                .params(ts(now), id, organization.value()).update() == 1;
    }

    /**
     * Settled inbound rows with something left, in Lago's consumption order (spec §4.6): priority, granted before
     * purchased, oldest first.
     */
    public List<WalletTransaction> consumable(OrganizationId organization, UUID walletId) {
        return jdbc.sql("""
                SELECT * FROM wallet_transactions
                WHERE organization_id = ? AND wallet_id = ? AND transaction_type = 'inbound' AND status = 'settled'
                  AND remaining_amount_cents > 0
                ORDER BY priority, (transaction_status = 'granted') DESC, created_at, id""")
                .params(organization.value(), walletId).query(this::row).list();
    }

    public void consume(OrganizationId organization, UUID inboundId, UUID outboundId, long cents, Instant now) {
        jdbc.sql("""
                UPDATE wallet_transactions SET remaining_amount_cents = remaining_amount_cents - ?
                WHERE id = ? AND organization_id = ? AND remaining_amount_cents >= ?""")
                .params(cents, inboundId, organization.value(), cents).update();
        jdbc.sql("""
                INSERT INTO wallet_transaction_consumptions (id, organization_id, inbound_id, outbound_id,
                  consumed_amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?)""")
                .params(dev.fjord.shared.Ids.newId(), organization.value(), inboundId, outboundId, cents, ts(now))
                .update();
    }

    public Optional<WalletTransaction> find(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT * FROM wallet_transactions WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(this::row).optional();
    }

    public Optional<WalletTransaction> findByInvoice(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("SELECT * FROM wallet_transactions WHERE organization_id = ? AND invoice_id = ? AND transaction_type = 'inbound'")
                .params(organization.value(), invoiceId).query(this::row).optional();
    }

    public List<WalletTransaction> list(OrganizationId organization, UUID walletId, Map<String, String> filters, int limit, long offset) {
        return jdbc.sql("SELECT * FROM wallet_transactions WHERE " + FILTER
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(filterParams(organization, walletId, filters)).param("limit", limit).param("offset", offset)
                .query(this::row).list();
    }

    public long count(OrganizationId organization, UUID walletId, Map<String, String> filters) {
        return jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE " + FILTER)
                .params(filterParams(organization, walletId, filters)).query(Long.class).single();
    }

    /** The other side of a transaction's consumptions: what an outbound row consumed, or what consumed an inbound row. */
    public List<Map.Entry<Long, WalletTransaction>> linked(OrganizationId organization, UUID id, boolean inbound) {
        String self = inbound ? "inbound_id" : "outbound_id";
        String other = inbound ? "outbound_id" : "inbound_id";
        List<Map.Entry<Long, WalletTransaction>> result = new ArrayList<>();
        jdbc.sql("SELECT c.consumed_amount_cents, t.* FROM wallet_transaction_consumptions c JOIN wallet_transactions t ON t.id = c."
                        + other + " WHERE c.organization_id = ? AND c." + self + " = ? ORDER BY c.position")
                .params(organization.value(), id)
                .query((rs, n) -> result.add(Map.entry(rs.getLong("consumed_amount_cents"), row(rs, n))))
                .list();
        return result;
    }

    /** What an outbound row consumed of granted inbound rows, in cents: one aggregate, on the billing hot path. */
    public long grantedConsumedBy(OrganizationId organization, UUID outboundId) {
        return jdbc.sql("""
                SELECT coalesce(sum(c.consumed_amount_cents), 0) FROM wallet_transaction_consumptions c
                  JOIN wallet_transactions t ON t.id = c.inbound_id
                WHERE c.organization_id = ? AND c.outbound_id = ? AND t.transaction_status = 'granted'""")
                .params(organization.value(), outboundId).query(Long.class).single();
    }

    /** Granted rows whose own expiration has come with credits left, for the per-grant expiry job. */
    public List<Map.Entry<OrganizationId, WalletTransaction>> expiredGrants(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM wallet_transactions
                WHERE expiration_at <= ? AND remaining_amount_cents > 0 AND status = 'settled'
                ORDER BY expiration_at LIMIT ?""")
                .params(ts(now), limit)
                .query((rs, n) -> Map.entry(new OrganizationId(rs.getObject("organization_id", UUID.class)), row(rs, n)))
                .list();
    }

    private static final String FILTER = """
            organization_id = :organization AND wallet_id = :wallet
            AND (CAST(:status AS text) IS NULL OR status = :status)
            AND (CAST(:type AS text) IS NULL OR transaction_type = :type)
            AND (CAST(:tstatus AS text) IS NULL OR transaction_status = :tstatus)
            AND metadata @> CAST(:metadata AS jsonb)""";

    private static Map<String, Object> filterParams(OrganizationId organization, UUID walletId, Map<String, String> filters) {
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        params.put("wallet", walletId);
        params.put("status", filters.get("status"));
        params.put("type", filters.get("transaction_type"));
        params.put("tstatus", filters.get("transaction_status"));
        params.put("metadata", filters.getOrDefault("metadata", "[]"));
        return params;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private WalletTransaction row(ResultSet rs, int n) throws SQLException {
        List<WalletTransaction.MetadataPair> metadata = new ArrayList<>();
        for (JsonNode pair : json.readTree(rs.getString("metadata")).values()) {
            metadata.add(new WalletTransaction.MetadataPair(pair.get("key").asString(),
                    pair.get("value") == null || pair.get("value").isNull() ? null : pair.get("value").asString()));
        }
        return new WalletTransaction(
                rs.getObject("id", UUID.class),
                rs.getObject("wallet_id", UUID.class),
                rs.getString("status"),
                rs.getString("source"),
                rs.getString("transaction_status"),
                rs.getString("transaction_type"),
                rs.getLong("amount_cents"),
                rs.getBigDecimal("credit_amount"),
                Rows.nullableLong(rs, "remaining_amount_cents"),
                rs.getInt("priority"),
                rs.getString("name"),
                rs.getString("purchase_order_number"),
                metadata,
                rs.getBoolean("invoice_requires_successful_payment"),
                rs.getObject("invoice_id", UUID.class),
                rs.getObject("voided_invoice_id", UUID.class),
                Rows.instant(rs.getTimestamp("expiration_at")),
                Rows.instant(rs.getTimestamp("settled_at")),
                Rows.instant(rs.getTimestamp("failed_at")),
                Rows.instant(rs.getTimestamp("created_at")));
    }
}

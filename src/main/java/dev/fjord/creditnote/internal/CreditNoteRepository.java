package dev.fjord.creditnote.internal;

import dev.fjord.creditnote.CreditNote;
import dev.fjord.creditnote.CreditNoteQuery;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL for credit notes, their items and the credits later invoices took from them; every statement is scoped by
 * organization. Reads join {@code invoices} (another module's table, read only) for the credited invoice's number.
 */
@Repository
public class CreditNoteRepository {
    private static final String SELECT = """
            SELECT cn.*, i.number AS invoice_number FROM credit_notes cn
            JOIN invoices i ON i.id = cn.invoice_id""";

    private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CreditNoteRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What the invoice's earlier credit notes took (Lago counts voided ones too: voiding gives back credit only). */
    public record Issued(long creditAmountCents, long refundAmountCents, long offsetAmountCents,
            BigDecimal taxesRoundingCents) {}

    public Issued issuedOn(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("""
                SELECT coalesce(sum(credit_amount_cents), 0) AS credit, coalesce(sum(refund_amount_cents), 0) AS refund,
                  coalesce(sum(offset_amount_cents), 0) AS offset_cents,
                  coalesce(sum(taxes_amount_cents - precise_taxes_amount_cents), 0) AS rounding
                FROM credit_notes WHERE organization_id = ? AND invoice_id = ? AND status = 'finalized'""")
                .params(organization.value(), invoiceId)
                .query((rs, n) -> new Issued(rs.getLong("credit"), rs.getLong("refund"), rs.getLong("offset_cents"),
                        rs.getBigDecimal("rounding")))
                .single();
    }

    /** Per fee of the invoice, what credit notes already gave back of it. */
    public Map<UUID, Long> creditedByFee(OrganizationId organization, UUID invoiceId) {
        Map<UUID, Long> byFee = new HashMap<>();
        jdbc.sql("""
                SELECT it.fee_id, sum(it.amount_cents) AS credited FROM credit_note_items it
                JOIN credit_notes cn ON cn.id = it.credit_note_id
                WHERE cn.organization_id = ? AND cn.invoice_id = ? GROUP BY it.fee_id""")
                .params(organization.value(), invoiceId)
                .query(rs -> {
                    byFee.put(rs.getObject("fee_id", UUID.class), rs.getLong("credited"));
                });
        return byFee;
    }

    /** The invoice's next credit-note sequence; the invoice row lock held by the caller serializes it. */
    public int nextSequence(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("SELECT coalesce(max(sequential_id), 0) + 1 FROM credit_notes WHERE organization_id = ? AND invoice_id = ?")
                .params(organization.value(), invoiceId).query(Integer.class).single();
    }

    public void insert(OrganizationId organization, CreditNote note) {
        jdbc.sql("""
                INSERT INTO credit_notes (id, organization_id, customer_id, invoice_id, sequential_id, number,
                    issuing_date, status, credit_status, refund_status, reason, description, currency,
                    credit_amount_cents, refund_amount_cents, offset_amount_cents, total_amount_cents,
                    balance_amount_cents, taxes_amount_cents, precise_taxes_amount_cents,
                    coupons_adjustment_amount_cents, precise_coupons_adjustment_amount_cents,
                    sub_total_excluding_taxes_amount_cents, taxes_rate, created_at, updated_at)
                VALUES (:id, :organization, :customer, :invoice, :sequential_id, :number, :issuing_date, :status,
                    :credit_status, :refund_status, :reason, :description, :currency, :credit, :refund, :offset_cents,
                    :total, :balance, :taxes, :precise_taxes, :coupons, :precise_coupons, :sub_total, :taxes_rate,
                    :now, :now)""")
                .param("id", note.id())
                .param("organization", organization.value())
                .param("customer", note.customerId())
                .param("invoice", note.invoiceId())
                .param("sequential_id", note.sequentialId())
                .param("number", note.number())
                .param("issuing_date", Date.valueOf(note.issuingDate()))
                .param("status", note.status())
                .param("credit_status", note.creditStatus())
                .param("refund_status", note.refundStatus())
                .param("reason", note.reason())
                .param("description", note.description())
                .param("currency", note.currency())
                .param("credit", note.creditAmountCents())
                .param("refund", note.refundAmountCents())
                .param("offset_cents", note.offsetAmountCents())
                .param("total", note.totalAmountCents())
                .param("balance", note.balanceAmountCents())
                .param("taxes", note.taxesAmountCents())
                .param("precise_taxes", note.preciseTaxesAmountCents())
                .param("coupons", note.couponsAdjustmentAmountCents())
                .param("precise_coupons", note.preciseCouponsAdjustmentAmountCents())
                .param("sub_total", note.subTotalExcludingTaxesAmountCents())
                .param("taxes_rate", note.taxesRate())
                .param("now", Timestamp.from(note.createdAt()))
                .update();
        for (CreditNote.Item item : note.items()) {
            jdbc.sql("""
                    INSERT INTO credit_note_items (id, organization_id, credit_note_id, fee_id, amount_cents,
                        precise_amount_cents, amount_currency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(item.id(), organization.value(), note.id(), item.feeId(), item.amountCents(),
                            item.preciseAmountCents(), item.currency(), Timestamp.from(item.createdAt()))
                    .update();
        }
    }

    public Optional<CreditNote> find(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE cn.organization_id = ? AND cn.id = ?").params(organization.value(), id)
                .query(CreditNoteRepository::row).optional().map(note -> withItems(organization, List.of(note)).get(0));
    }

    /** The credit note row-locked until the transaction ends: voids, refund updates and consumption queue here. */
    public Optional<CreditNote> lock(OrganizationId organization, UUID id) {
        jdbc.sql("SELECT id FROM credit_notes WHERE organization_id = ? AND id = ? FOR UPDATE")
                .params(organization.value(), id).query(UUID.class).optional();
        return find(organization, id);
    }

    public boolean markVoided(OrganizationId organization, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE credit_notes SET credit_status = 'voided', balance_amount_cents = 0, voided_at = :now,
                    updated_at = :now
                WHERE organization_id = :organization AND id = :id AND credit_status = 'available'
                  AND balance_amount_cents > 0""")
                .param("now", Timestamp.from(now)).param("organization", organization.value()).param("id", id)
                .update() == 1;
    }

    /** Replaces the credit note's metadata; null (or empty) stores none. */
    public void replaceMetadata(OrganizationId organization, UUID id, Map<String, String> metadata) {
        jdbc.sql("UPDATE credit_notes SET metadata = CAST(? AS jsonb) WHERE organization_id = ? AND id = ?")
                .params(metadata == null || metadata.isEmpty() ? null : json.writeValueAsString(metadata),
                        organization.value(), id)
                .update();
    }

    /** The metadata of these credit notes, by id; those without any are absent. */
    public Map<UUID, Map<String, String>> metadata(OrganizationId organization, List<UUID> ids) {
        Map<UUID, Map<String, String>> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT id, metadata FROM credit_notes
                WHERE organization_id = :organization AND id IN (:ids) AND metadata IS NOT NULL""")
                .param("organization", organization.value()).param("ids", ids)
                .query(rs -> {
                    found.put(rs.getObject("id", UUID.class), json.readValue(rs.getString("metadata"), METADATA));
                });
        return found;
    }

    public void updateRefundStatus(OrganizationId organization, UUID id, String refundStatus, Instant now) {
        jdbc.sql("""
                UPDATE credit_notes SET refund_status = :status, updated_at = :now,
                    refunded_at = CASE WHEN :status = 'succeeded' THEN :now ELSE refunded_at END
                WHERE organization_id = :organization AND id = :id""")
                .param("status", refundStatus).param("now", Timestamp.from(now))
                .param("organization", organization.value()).param("id", id)
                .update();
    }

    /** Lago's list: finalized credit notes, newest first. */
    public List<CreditNote> list(OrganizationId organization, CreditNoteQuery query, int limit, long offset) {
        Filter filter = filter(organization, query);
        List<CreditNote> page = jdbc.sql(SELECT + filter.where() + " ORDER BY cn.created_at DESC, cn.id LIMIT :limit OFFSET :offset")
                .params(filter.params()).param("limit", limit).param("offset", offset)
                .query(CreditNoteRepository::row).list();
        return withItems(organization, page);
    }

    public long count(OrganizationId organization, CreditNoteQuery query) {
        Filter filter = filter(organization, query);
        return jdbc.sql("SELECT count(*) FROM credit_notes cn JOIN invoices i ON i.id = cn.invoice_id" + filter.where())
                .params(filter.params()).query(Long.class).single();
    }

    private record Filter(String where, Map<String, Object> params) {}

    private static Filter filter(OrganizationId organization, CreditNoteQuery q) {
        StringBuilder where = new StringBuilder(" WHERE cn.organization_id = :organization AND cn.status = 'finalized'");
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        if (q.externalCustomerId() != null) {
            where.append(" AND cn.customer_id IN (SELECT id FROM customers WHERE organization_id = :organization"
                    + " AND external_id = :external_customer_id)");
            params.put("external_customer_id", q.externalCustomerId());
        }
        if (q.currency() != null) {
            where.append(" AND cn.currency = :currency");
            params.put("currency", q.currency());
        }
        if (!q.reasons().isEmpty()) {
            where.append(" AND cn.reason IN (:reasons)");
            params.put("reasons", q.reasons());
        }
        if (!q.creditStatuses().isEmpty()) {
            where.append(" AND cn.credit_status IN (:credit_statuses)");
            params.put("credit_statuses", q.creditStatuses());
        }
        if (!q.refundStatuses().isEmpty()) {
            where.append(" AND cn.refund_status IN (:refund_statuses)");
            params.put("refund_statuses", q.refundStatuses());
        }
        if (q.invoiceNumber() != null) {
            where.append(" AND i.number = :invoice_number");
            params.put("invoice_number", q.invoiceNumber());
        }
        if (q.issuingDateFrom() != null) {
            where.append(" AND cn.issuing_date >= :issuing_date_from");
            params.put("issuing_date_from", Date.valueOf(q.issuingDateFrom()));
        }
        if (q.issuingDateTo() != null) {
            where.append(" AND cn.issuing_date <= :issuing_date_to");
            params.put("issuing_date_to", Date.valueOf(q.issuingDateTo()));
        }
        if (q.amountFrom() != null) {
            where.append(" AND cn.total_amount_cents >= :amount_from");
            params.put("amount_from", q.amountFrom());
        }
        if (q.amountTo() != null) {
            where.append(" AND cn.total_amount_cents <= :amount_to");
            params.put("amount_to", q.amountTo());
        }
        return new Filter(where.toString(), params);
    }

    private List<CreditNote> withItems(OrganizationId organization, List<CreditNote> notes) {
        if (notes.isEmpty()) {
            return notes;
        }
        Map<UUID, List<CreditNote.Item>> items = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM credit_note_items WHERE organization_id = :organization AND credit_note_id IN (:ids)
                ORDER BY created_at, id""")
                .param("organization", organization.value())
                .param("ids", notes.stream().map(CreditNote::id).toList())
                .query(rs -> {
                    items.computeIfAbsent(rs.getObject("credit_note_id", UUID.class), k -> new ArrayList<>())
                            .add(new CreditNote.Item(rs.getObject("id", UUID.class), rs.getObject("fee_id", UUID.class),
                                    rs.getLong("amount_cents"), rs.getBigDecimal("precise_amount_cents"),
                                    rs.getString("amount_currency"), Rows.instant(rs.getTimestamp("created_at"))));
                });
        return notes.stream().map(n -> n.withItems(items.getOrDefault(n.id(), List.of()))).toList();
    }

    private static CreditNote row(ResultSet rs, int n) throws SQLException {
        return new CreditNote(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("invoice_id", UUID.class),
                rs.getString("invoice_number"),
                rs.getInt("sequential_id"),
                rs.getString("number"),
                rs.getObject("issuing_date", LocalDate.class),
                rs.getString("status"),
                rs.getString("credit_status"),
                rs.getString("refund_status"),
                rs.getString("reason"),
                rs.getString("description"),
                rs.getString("currency"),
                rs.getLong("credit_amount_cents"),
                rs.getLong("refund_amount_cents"),
                rs.getLong("offset_amount_cents"),
                rs.getLong("total_amount_cents"),
                rs.getLong("balance_amount_cents"),
                rs.getLong("taxes_amount_cents"),
                rs.getBigDecimal("precise_taxes_amount_cents"),
                rs.getLong("coupons_adjustment_amount_cents"),
                rs.getBigDecimal("precise_coupons_adjustment_amount_cents"),
                rs.getLong("sub_total_excluding_taxes_amount_cents"),
                rs.getBigDecimal("taxes_rate"),
                Rows.instant(rs.getTimestamp("refunded_at")),
                Rows.instant(rs.getTimestamp("voided_at")),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("updated_at")),
                List.of());
    }
}

package dev.fjord.creditnote.internal;

import dev.fjord.invoicing.CreditNoteCredits;
import dev.fjord.invoicing.CreditNoteLine;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The creditnote module's side of {@link CreditNoteCredits}: available credit, its consumption, and its traces. */
@Component
class CreditNoteBalances implements CreditNoteCredits {
    private final JdbcClient jdbc;
    private final Clock clock;

    CreditNoteBalances(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<CreditNoteLine> lockAvailable(OrganizationId organization, UUID customerId, String currency) {
        return jdbc.sql("""
                SELECT id, balance_amount_cents, created_at FROM credit_notes
                WHERE organization_id = ? AND customer_id = ? AND currency = ? AND status = 'finalized'
                  AND credit_status = 'available' AND balance_amount_cents > 0
                ORDER BY created_at, id FOR UPDATE""")
                .params(organization.value(), customerId, currency)
                .query((rs, n) -> new CreditNoteLine(rs.getObject("id", UUID.class), rs.getLong("balance_amount_cents"),
                        Rows.instant(rs.getTimestamp("created_at"))))
                .list();
    }

    @Override
    public void consume(OrganizationId organization, UUID creditNoteId, long amountCents, UUID invoiceId) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                UPDATE credit_notes SET balance_amount_cents = balance_amount_cents - :amount,
                    credit_status = CASE WHEN balance_amount_cents = :amount THEN 'consumed' ELSE credit_status END,
                    updated_at = :now
                WHERE organization_id = :organization AND id = :id AND credit_status = 'available'
                  AND balance_amount_cents >= :amount""")
                .param("amount", amountCents).param("now", now).param("organization", organization.value())
                .param("id", creditNoteId)
                .update();
        if (updated != 1 || amountCents <= 0) {
            throw new IllegalStateException("credit note " + creditNoteId + " cannot give " + amountCents);
        }
        jdbc.sql("""
                INSERT INTO credit_note_credits (id, organization_id, credit_note_id, invoice_id, amount_cents, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(Ids.newId(), organization.value(), creditNoteId, invoiceId, amountCents, now)
                .update();
    }

    @Override
    public Map<UUID, List<CreditNoteCredit>> creditsOf(OrganizationId organization, List<UUID> invoiceIds) {
        Map<UUID, List<CreditNoteCredit>> byInvoice = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return byInvoice;
        }
        jdbc.sql("""
                SELECT c.id, c.invoice_id, c.credit_note_id, c.amount_cents, cn.number, cn.description, cn.currency,
                    i.number AS credited_invoice_number
                FROM credit_note_credits c
                JOIN credit_notes cn ON cn.id = c.credit_note_id
                JOIN invoices i ON i.id = cn.invoice_id
                WHERE c.organization_id = :organization AND c.invoice_id IN (:ids)
                ORDER BY c.created_at, c.id""")
                .param("organization", organization.value()).param("ids", invoiceIds)
                .query(rs -> {
                    byInvoice.computeIfAbsent(rs.getObject("invoice_id", UUID.class), k -> new ArrayList<>())
                            .add(new CreditNoteCredit(rs.getObject("id", UUID.class),
                                    rs.getObject("credit_note_id", UUID.class), rs.getString("number"),
                                    rs.getString("credited_invoice_number"), rs.getString("description"),
                                    rs.getLong("amount_cents"), rs.getString("currency")));
                });
        return byInvoice;
    }

    @Override
    public boolean anyNotVoidedOn(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM credit_notes WHERE organization_id = ? AND invoice_id = ?
                  AND credit_status <> 'voided')""")
                .params(organization.value(), invoiceId).query(Boolean.class).single();
    }
}

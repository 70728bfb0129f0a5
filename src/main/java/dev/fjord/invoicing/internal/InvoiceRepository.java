package dev.fjord.invoicing.internal;

import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceQuery;
import dev.fjord.invoicing.InvoiceUpdate;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.invoicing.AppliedTaxes;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for invoices, their fees, metadata and number sequences; every statement is scoped by organization. */
@Repository
public class InvoiceRepository {
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    /** Column types of the applied-tax rows, given so a batch needs no round trip to learn them (null descriptions). */
    private static final int[] APPLIED_TAX_TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR,
            Types.VARCHAR, Types.NUMERIC, Types.VARCHAR, Types.BIGINT, Types.NUMERIC, Types.VARCHAR, Types.TIMESTAMP};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    InvoiceRepository(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    public void insert(OrganizationId organization, Invoice invoice) {
        insert(organization, invoice, BigDecimal.ZERO);
    }

    /** Inserts the invoice row; {@code taxesRate} is the rate its taxes sum to, in percent (not shown by the API). */
    public void insert(OrganizationId organization, Invoice invoice, BigDecimal taxesRate) {
        Invoice.Amounts a = invoice.amounts();
        jdbc.sql("""
                INSERT INTO invoices (id, organization_id, customer_id, invoice_type, status, payment_status, currency,
                    number, sequential_id, organization_sequential_id, issuing_date, payment_due_date,
                    net_payment_term, timezone, purchase_order_number, self_billed, version_number,
                    fees_amount_cents, coupons_amount_cents, progressive_billing_credit_amount_cents,
                    sub_total_excluding_taxes_amount_cents, taxes_amount_cents, taxes_rate,
                    sub_total_including_taxes_amount_cents,
                    credit_notes_amount_cents, prepaid_credit_amount_cents, prepaid_granted_credit_amount_cents,
                    prepaid_purchased_credit_amount_cents, total_amount_cents, total_paid_amount_cents,
                    payment_dispute_lost_at, finalized_at, voided_at, created_at, updated_at)
                VALUES (:id, :organization, :customer, :type, :status, :payment_status, :currency,
                    :number, :sequential_id, :organization_sequential_id, :issuing_date, :payment_due_date,
                    :net_payment_term, :timezone, :purchase_order_number, :self_billed, :version_number,
                    :fees, :coupons, :progressive, :sub_total_excluding, :taxes, :taxes_rate, :sub_total_including,
                    :credit_notes, :prepaid, :prepaid_granted, :prepaid_purchased, :total, :total_paid,
                    :dispute_lost_at, :finalized_at, :voided_at, :created_at, :updated_at)""")
                .param("id", invoice.id())
                .param("organization", organization.value())
                .param("customer", invoice.customerId())
                .param("type", invoice.invoiceType())
                .param("status", invoice.status())
                .param("payment_status", invoice.paymentStatus())
                .param("currency", invoice.currency())
                .param("number", invoice.number())
                .param("sequential_id", invoice.sequentialId())
                .param("organization_sequential_id", invoice.organizationSequentialId())
                .param("issuing_date", Date.valueOf(invoice.issuingDate()))
                .param("payment_due_date", Date.valueOf(invoice.paymentDueDate()))
                .param("net_payment_term", invoice.netPaymentTerm())
                .param("timezone", invoice.timezone())
                .param("purchase_order_number", invoice.purchaseOrderNumber())
                .param("self_billed", invoice.selfBilled())
                .param("version_number", invoice.versionNumber())
                .param("fees", a.feesAmountCents())
                .param("coupons", a.couponsAmountCents())
                .param("progressive", a.progressiveBillingCreditAmountCents())
                .param("sub_total_excluding", a.subTotalExcludingTaxesAmountCents())
                .param("taxes", a.taxesAmountCents())
                .param("taxes_rate", taxesRate)
                .param("sub_total_including", a.subTotalIncludingTaxesAmountCents())
                .param("credit_notes", a.creditNotesAmountCents())
                .param("prepaid", a.prepaidCreditAmountCents())
                .param("prepaid_granted", a.prepaidGrantedCreditAmountCents())
                .param("prepaid_purchased", a.prepaidPurchasedCreditAmountCents())
                .param("total", a.totalAmountCents())
                .param("total_paid", a.totalPaidAmountCents())
                .param("dispute_lost_at", timestamp(invoice.paymentDisputeLostAt()))
                .param("finalized_at", timestamp(invoice.finalizedAt()))
                .param("voided_at", timestamp(invoice.voidedAt()))
                .param("created_at", timestamp(invoice.createdAt()))
                .param("updated_at", timestamp(invoice.updatedAt()))
                .update();
    }

    public void insertFee(OrganizationId organization, Fee fee) {
        jdbc.sql("""
                INSERT INTO fees (id, organization_id, invoice_id, fee_type, subscription_id, charge_id,
                    charge_filter_id, fixed_charge_id, add_on_id, wallet_transaction_id, true_up_parent_fee_id,
                    original_fee_id, invoice_display_name, description, amount_cents, precise_amount_cents,
                    amount_currency, units, total_aggregated_units, events_count, unit_amount_cents,
                    precise_unit_amount, precise_coupons_amount_cents, taxes_amount_cents, taxes_precise_amount_cents,
                    taxes_rate, pay_in_advance, invoiceable, pay_in_advance_event_transaction_id, grouped_by,
                    amount_details, from_datetime, to_datetime, payment_status, succeeded_at, failed_at, refunded_at,
                    created_at, updated_at)
                VALUES (:id, :organization, :invoice, :type, :subscription, :charge,
                    :charge_filter, :fixed_charge, :add_on, :wallet_transaction, :true_up_parent,
                    :original, :display_name, :description, :amount, :precise_amount,
                    :currency, :units, :total_aggregated_units, :events_count, :unit_amount,
                    :precise_unit_amount, :precise_coupons, :taxes, :taxes_precise,
                    :taxes_rate, :pay_in_advance, :invoiceable, :event_transaction, CAST(:grouped_by AS jsonb),
                    CAST(:amount_details AS jsonb), :from, :to, :payment_status, :succeeded_at, :failed_at, :refunded_at,
                    :created_at, :updated_at)""")
                .param("id", fee.id())
                .param("organization", organization.value())
                .param("invoice", fee.invoiceId())
                .param("type", fee.feeType())
                .param("subscription", fee.subscriptionId())
                .param("charge", fee.chargeId())
                .param("charge_filter", fee.chargeFilterId())
                .param("fixed_charge", fee.fixedChargeId())
                .param("add_on", fee.addOnId())
                .param("wallet_transaction", fee.walletTransactionId())
                .param("true_up_parent", fee.trueUpParentFeeId())
                .param("original", fee.originalFeeId())
                .param("display_name", fee.invoiceDisplayName())
                .param("description", fee.description())
                .param("amount", fee.amountCents())
                .param("precise_amount", fee.preciseAmountCents())
                .param("currency", fee.amountCurrency())
                .param("units", fee.units())
                .param("total_aggregated_units", fee.totalAggregatedUnits())
                .param("events_count", fee.eventsCount())
                .param("unit_amount", fee.unitAmountCents())
                .param("precise_unit_amount", fee.preciseUnitAmount())
                .param("precise_coupons", fee.preciseCouponsAmountCents())
                .param("taxes", fee.taxesAmountCents())
                .param("taxes_precise", fee.taxesPreciseAmountCents())
                .param("taxes_rate", fee.taxesRate())
                .param("pay_in_advance", fee.payInAdvance())
                .param("invoiceable", fee.invoiceable())
                .param("event_transaction", fee.payInAdvanceEventTransactionId())
                .param("grouped_by", json.writeValueAsString(fee.groupedBy()))
                .param("amount_details", json.writeValueAsString(fee.amountDetails()))
                .param("from", timestamp(fee.fromDatetime()))
                .param("to", timestamp(fee.toDatetime()))
                .param("payment_status", fee.paymentStatus())
                .param("succeeded_at", timestamp(fee.succeededAt()))
                .param("failed_at", timestamp(fee.failedAt()))
                .param("refunded_at", timestamp(fee.refundedAt()))
                .param("created_at", timestamp(fee.createdAt()))
                .param("updated_at", timestamp(fee.updatedAt()))
                .update();
    }

    /** What credit notes offset on the invoice grows by {@code amountCents}. */
    public void addOffset(OrganizationId organization, UUID id, long amountCents, Instant now) {
        jdbc.sql("""
                UPDATE invoices SET total_offsetted_credit_note_amount_cents
                    = total_offsetted_credit_note_amount_cents + ?, updated_at = ?
                WHERE organization_id = ? AND id = ?""")
                .params(amountCents, timestamp(now), organization.value(), id).update();
    }

    /** A fee's share of the credit notes its invoice consumed (Lago's {@code precise_credit_notes_amount_cents}). */
    public void recordCreditNotesShare(OrganizationId organization, UUID feeId, BigDecimal share) {
        if (share.signum() == 0) {
            return;
        }
        jdbc.sql("UPDATE fees SET precise_credit_notes_amount_cents = ? WHERE organization_id = ? AND id = ?")
                .params(share, organization.value(), feeId).update();
    }

    /** The invoice, any status, without fees and metadata. */
    public Optional<Invoice> find(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT * FROM invoices WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(InvoiceRepository::row).optional();
    }

    /** The invoice, any status, row-locked until the transaction ends: payment status changes are serialized. */
    public Optional<Invoice> lock(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT * FROM invoices WHERE organization_id = ? AND id = ? FOR UPDATE")
                .params(organization.value(), id).query(InvoiceRepository::row).optional();
    }

    /**
     * The next number of the customer's invoice sequence (from 1). The counter row stays locked until the
     * transaction ends, so concurrent finalizations for the customer queue behind it and a rollback frees the number.
     */
    public long nextCustomerSequence(OrganizationId organization, UUID customerId) {
        return jdbc.sql("""
                INSERT INTO invoice_sequences (organization_id, customer_id, last_value) VALUES (?, ?, 1)
                ON CONFLICT (organization_id, customer_id) WHERE customer_id IS NOT NULL
                DO UPDATE SET last_value = invoice_sequences.last_value + 1
                RETURNING last_value""")
                .params(organization.value(), customerId).query(Long.class).single();
    }

    /** The next number of the organization-wide sequence (per_organization numbering); same locking. */
    public long nextOrganizationSequence(OrganizationId organization) {
        return jdbc.sql("""
                INSERT INTO invoice_sequences (organization_id, customer_id, last_value) VALUES (?, NULL, 1)
                ON CONFLICT (organization_id) WHERE customer_id IS NULL
                DO UPDATE SET last_value = invoice_sequences.last_value + 1
                RETURNING last_value""")
                .param(organization.value()).query(Long.class).single();
    }

    /** Finalizes a not yet numbered invoice: its number, sequences, dates and finalized_at. */
    public void finalize(OrganizationId organization, UUID id, InvoiceNumbering.Assigned number, LocalDate issuingDate,
            LocalDate paymentDueDate, Instant now) {
        jdbc.sql("""
                UPDATE invoices SET status = 'finalized', number = :number, sequential_id = :sequential_id,
                    organization_sequential_id = :organization_sequential_id, issuing_date = :issuing_date,
                    payment_due_date = :payment_due_date, finalized_at = :now, updated_at = :now
                WHERE organization_id = :organization AND id = :id AND sequential_id IS NULL""")
                .param("number", number.number())
                .param("sequential_id", number.sequentialId())
                .param("organization_sequential_id", number.organizationSequentialId())
                .param("issuing_date", Date.valueOf(issuingDate))
                .param("payment_due_date", Date.valueOf(paymentDueDate))
                .param("now", timestamp(now))
                .param("organization", organization.value())
                .param("id", id)
                .update();
    }

    /**
     * Records the taxes applied to an invoice and its fees: one batch per table (the billing run writes them for
     * every invoice). Rows are never changed; a draft computed again deletes them first ({@link #deleteAppliedTaxes}).
     */
    public void insertAppliedTaxes(OrganizationId organization, AppliedTaxes taxes) {
        if (!taxes.invoice().isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO invoice_applied_taxes (id, organization_id, invoice_id, tax_id, tax_name, tax_code,
                        tax_rate, tax_description, amount_cents, fees_amount_cents, amount_currency, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    taxes.invoice().stream().map(t -> new Object[] {t.id(), organization.value(), t.invoiceId(),
                            t.taxId(), t.taxName(), t.taxCode(), t.taxRate(), t.taxDescription(), t.amountCents(),
                            t.feesAmountCents(), t.currency(), timestamp(t.createdAt())}).toList(),
                    APPLIED_TAX_TYPES);
        }
        List<Object[]> feeRows = taxes.fees().values().stream().flatMap(List::stream)
                .map(t -> new Object[] {t.id(), organization.value(), t.feeId(), t.taxId(), t.taxName(), t.taxCode(),
                        t.taxRate(), t.taxDescription(), t.amountCents(), t.preciseAmountCents(), t.currency(),
                        timestamp(t.createdAt())})
                .toList();
        if (!feeRows.isEmpty()) {
            batch.batchUpdate("""
                    INSERT INTO fee_applied_taxes (id, organization_id, fee_id, tax_id, tax_name, tax_code,
                        tax_rate, tax_description, amount_cents, precise_amount_cents, amount_currency, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", feeRows, APPLIED_TAX_TYPES);
        }
    }

    /** A draft's applied taxes, before its fees are computed again: those of its live fees and its own. */
    public void deleteAppliedTaxes(OrganizationId organization, UUID invoiceId) {
        jdbc.sql("""
                DELETE FROM fee_applied_taxes WHERE organization_id = ? AND fee_id IN (
                  SELECT id FROM fees WHERE organization_id = ? AND invoice_id = ? AND deleted_at IS NULL)""")
                .params(organization.value(), organization.value(), invoiceId).update();
        jdbc.sql("DELETE FROM invoice_applied_taxes WHERE organization_id = ? AND invoice_id = ?")
                .params(organization.value(), invoiceId).update();
    }

    /** The taxes applied to these invoices, by invoice, in the order they were recorded. */
    public Map<UUID, List<AppliedTaxes.OnInvoice>> invoiceTaxes(OrganizationId organization, List<UUID> invoiceIds) {
        Map<UUID, List<AppliedTaxes.OnInvoice>> byInvoice = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return byInvoice;
        }
        jdbc.sql("""
                SELECT * FROM invoice_applied_taxes WHERE organization_id = :organization AND invoice_id IN (:ids)
                ORDER BY created_at, id""")
                .param("organization", organization.value())
                .param("ids", invoiceIds)
                .query((rs, n) -> new AppliedTaxes.OnInvoice(rs.getObject("id", UUID.class),
                        rs.getObject("invoice_id", UUID.class), rs.getObject("tax_id", UUID.class),
                        rs.getString("tax_name"), rs.getString("tax_code"), rs.getBigDecimal("tax_rate"),
                        rs.getString("tax_description"), rs.getLong("amount_cents"), rs.getLong("fees_amount_cents"),
                        rs.getString("amount_currency"), Rows.instant(rs.getTimestamp("created_at"))))
                .list()
                .forEach(t -> byInvoice.computeIfAbsent(t.invoiceId(), k -> new ArrayList<>()).add(t));
        return byInvoice;
    }

    /** The taxes applied to these fees, by fee, in the order they were recorded. */
    public Map<UUID, List<AppliedTaxes.OnFee>> feeTaxes(OrganizationId organization, List<UUID> feeIds) {
        Map<UUID, List<AppliedTaxes.OnFee>> byFee = new HashMap<>();
        if (feeIds.isEmpty()) {
            return byFee;
        }
        jdbc.sql("""
                SELECT * FROM fee_applied_taxes WHERE organization_id = :organization AND fee_id IN (:ids)
                ORDER BY created_at, id""")
                .param("organization", organization.value())
                .param("ids", feeIds)
                .query((rs, n) -> new AppliedTaxes.OnFee(rs.getObject("id", UUID.class),
                        rs.getObject("fee_id", UUID.class), rs.getObject("tax_id", UUID.class),
                        rs.getString("tax_name"), rs.getString("tax_code"), rs.getBigDecimal("tax_rate"),
                        rs.getString("tax_description"), rs.getLong("amount_cents"),
                        rs.getBigDecimal("precise_amount_cents"), rs.getString("amount_currency"),
                        Rows.instant(rs.getTimestamp("created_at"))))
                .list()
                .forEach(t -> byFee.computeIfAbsent(t.feeId(), k -> new ArrayList<>()).add(t));
        return byFee;
    }

    /** finalized → voided; answers false when the invoice was not finalized. */
    public boolean markVoided(OrganizationId organization, UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE invoices SET status = 'voided', voided_at = :now, updated_at = :now
                WHERE organization_id = :organization AND id = :id AND status = 'finalized'""")
                .param("now", timestamp(now))
                .param("organization", organization.value())
                .param("id", id)
                .update() == 1;
    }

    /**
     * draft → closed: a zero-amount invoice the customer (or organization) does not finalize ({@code
     * finalize_zero_amount_invoice}); hidden from the API as in Lago.
     */
    public void close(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE invoices SET status = 'closed', updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(timestamp(now), organization.value(), id).update();
    }

    /** The invoice's payment status, and its fees' (Lago keeps them in step). */
    public void updatePaymentStatus(OrganizationId organization, UUID id, String paymentStatus, Instant now) {
        jdbc.sql("UPDATE invoices SET payment_status = ?, updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(paymentStatus, timestamp(now), organization.value(), id).update();
        jdbc.sql("""
                UPDATE fees SET payment_status = ?, updated_at = ?
                WHERE organization_id = ? AND invoice_id = ? AND deleted_at IS NULL""")
                .params(paymentStatus, timestamp(now), organization.value(), id).update();
    }

    /** A refreshed draft's old fees are set aside (soft-deleted): their replacements are inserted next. */
    public void deleteFees(OrganizationId organization, UUID invoiceId, Instant now) {
        jdbc.sql("""
                UPDATE fees SET deleted_at = ?, updated_at = ?
                WHERE organization_id = ? AND invoice_id = ? AND deleted_at IS NULL""")
                .params(timestamp(now), timestamp(now), organization.value(), invoiceId).update();
    }

    /** A draft's recomputed amounts. */
    public void updateAmounts(OrganizationId organization, UUID id, Invoice.Amounts a, Instant now) {
        jdbc.sql("""
                UPDATE invoices SET fees_amount_cents = ?, coupons_amount_cents = ?,
                  progressive_billing_credit_amount_cents = ?, sub_total_excluding_taxes_amount_cents = ?,
                  taxes_amount_cents = ?, sub_total_including_taxes_amount_cents = ?, credit_notes_amount_cents = ?,
                  prepaid_credit_amount_cents = ?, total_amount_cents = ?, updated_at = ?
                WHERE organization_id = ? AND id = ?""")
                .params(a.feesAmountCents(), a.couponsAmountCents(), a.progressiveBillingCreditAmountCents(),
                        a.subTotalExcludingTaxesAmountCents(), a.taxesAmountCents(),
                        a.subTotalIncludingTaxesAmountCents(), a.creditNotesAmountCents(),
                        a.prepaidCreditAmountCents(), a.totalAmountCents(), timestamp(now), organization.value(), id)
                .update();
    }

    /** What the wallets paid of an invoice, split into granted and purchased credits (they add up to its prepaid credits). */
    public void setPrepaidCreditSplit(OrganizationId organization, UUID id, long grantedCents, long purchasedCents) {
        jdbc.sql("""
                UPDATE invoices SET prepaid_granted_credit_amount_cents = ?, prepaid_purchased_credit_amount_cents = ?
                WHERE organization_id = ? AND id = ?""")
                .params(grantedCents, purchasedCents, organization.value(), id).update();
    }

    public void touch(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE invoices SET updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(timestamp(now), organization.value(), id).update();
    }

    /**
     * Replaces the metadata list. Pairs named by id keep their id and creation time; the rest are removed. Rewriting
     * the rows avoids transient key clashes when a request swaps keys between pairs.
     */
    public void replaceMetadata(OrganizationId organization, UUID invoiceId, List<InvoiceUpdate.MetadataInput> pairs,
            Instant now) {
        Map<UUID, Invoice.Metadata> existing = new HashMap<>();
        metadata(organization, List.of(invoiceId)).getOrDefault(invoiceId, List.of())
                .forEach(pair -> existing.put(pair.id(), pair));
        jdbc.sql("DELETE FROM invoice_metadata WHERE organization_id = ? AND invoice_id = ?")
                .params(organization.value(), invoiceId).update();
        for (InvoiceUpdate.MetadataInput pair : pairs) {
            Invoice.Metadata kept = pair.id() == null ? null : existing.get(pair.id());
            jdbc.sql("""
                    INSERT INTO invoice_metadata (id, organization_id, invoice_id, key, value, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(kept != null ? kept.id() : Ids.newId(), organization.value(), invoiceId, pair.key(),
                            pair.value(), timestamp(kept != null ? kept.createdAt() : now), timestamp(now))
                    .update();
        }
    }

    public List<UUID> metadataIds(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("SELECT id FROM invoice_metadata WHERE organization_id = ? AND invoice_id = ?")
                .params(organization.value(), invoiceId).query(UUID.class).list();
    }

    /** Visible invoices matching the query, in Lago's order: newest issuing date, newest creation, then id. */
    public List<Invoice> list(OrganizationId organization, InvoiceQuery query, Instant now, int limit, long offset) {
        Filter filter = filter(organization, query, now);
        var statement = jdbc.sql("SELECT * FROM invoices WHERE " + filter.sql
                + " ORDER BY issuing_date DESC, created_at DESC, id ASC LIMIT :limit OFFSET :offset");
        for (var param : filter.params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.param("limit", limit).param("offset", offset).query(InvoiceRepository::row).list();
    }

    public long count(OrganizationId organization, InvoiceQuery query, Instant now) {
        Filter filter = filter(organization, query, now);
        var statement = jdbc.sql("SELECT count(*) FROM invoices WHERE " + filter.sql);
        for (var param : filter.params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(Long.class).single();
    }

    public boolean existForCustomer(OrganizationId organization, UUID customerId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM invoices WHERE organization_id = ? AND customer_id = ?)")
                .params(organization.value(), customerId).query(Boolean.class).single();
    }

    /** A draft invoice owing something: what the ongoing balance counts of it. */
    public record OwingDraft(UUID id, String currency, long totalAmountCents) {}

    /** The customer's drafts with a non-zero total (Lago's ongoing balance skips the others). */
    public List<OwingDraft> owingDrafts(OrganizationId organization, UUID customerId) {
        return jdbc.sql("""
                SELECT id, currency, total_amount_cents FROM invoices
                WHERE organization_id = ? AND customer_id = ? AND status = 'draft' AND total_amount_cents <> 0
                ORDER BY id""")
                .params(organization.value(), customerId)
                .query((rs, n) -> new OwingDraft(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3)))
                .list();
    }

    /** The customer's draft invoices, oldest first. */
    public List<UUID> drafts(OrganizationId organization, UUID customerId) {
        return jdbc.sql("SELECT id FROM invoices WHERE organization_id = ? AND customer_id = ? AND status = 'draft' ORDER BY id")
                .params(organization.value(), customerId).query(UUID.class).list();
    }

    /** The live fees of these invoices, by invoice, oldest first. */
    public Map<UUID, List<Fee>> fees(OrganizationId organization, List<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Fee>> byInvoice = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM fees
                WHERE organization_id = :organization AND invoice_id IN (:ids) AND deleted_at IS NULL
                ORDER BY created_at, id""")
                .param("organization", organization.value())
                .param("ids", invoiceIds)
                .query(this::fee)
                .list()
                .forEach(fee -> byInvoice.computeIfAbsent(fee.invoiceId(), k -> new ArrayList<>()).add(fee));
        return byInvoice;
    }

    public Map<UUID, List<Invoice.Metadata>> metadata(OrganizationId organization, List<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Invoice.Metadata>> byInvoice = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM invoice_metadata WHERE organization_id = :organization AND invoice_id IN (:ids)
                ORDER BY created_at, key""")
                .param("organization", organization.value())
                .param("ids", invoiceIds)
                .query((rs, n) -> {
                    byInvoice.computeIfAbsent(rs.getObject("invoice_id", UUID.class), k -> new ArrayList<>())
                            .add(new Invoice.Metadata(rs.getObject("id", UUID.class), rs.getString("key"),
                                    rs.getString("value"), Rows.instant(rs.getTimestamp("created_at"))));
                    return null;
                })
                .list();
        return byInvoice;
    }

    private record Filter(String sql, Map<String, Object> params) {}

    private static Filter filter(OrganizationId organization, InvoiceQuery query, Instant now) {
        StringBuilder sql = new StringBuilder("organization_id = :organization AND status IN (:statuses)");
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        params.put("statuses", query.statuses() == null || query.statuses().isEmpty()
                ? Invoice.VISIBLE_STATUSES
                : query.statuses().stream().filter(Invoice.VISIBLE_STATUSES::contains).toList());
        if (query.externalCustomerId() != null) {
            // Lago matches the live customer with this external id
            sql.append(" AND customer_id IN (SELECT id FROM customers WHERE organization_id = :organization"
                    + " AND external_id = :external_customer_id AND deleted_at IS NULL)");
            params.put("external_customer_id", query.externalCustomerId());
        }
        inList(sql, params, "invoice_type", query.invoiceTypes());
        inList(sql, params, "payment_status", query.paymentStatuses());
        if (query.currency() != null) {
            sql.append(" AND currency = :currency");
            params.put("currency", query.currency());
        }
        if (query.issuingDateFrom() != null) {
            sql.append(" AND issuing_date >= :issuing_date_from");
            params.put("issuing_date_from", Date.valueOf(query.issuingDateFrom()));
        }
        if (query.issuingDateTo() != null) {
            sql.append(" AND issuing_date <= :issuing_date_to");
            params.put("issuing_date_to", Date.valueOf(query.issuingDateTo()));
        }
        if (query.amountFrom() != null) {
            sql.append(" AND total_amount_cents >= :amount_from");
            params.put("amount_from", query.amountFrom());
        }
        if (query.amountTo() != null) {
            sql.append(" AND total_amount_cents <= :amount_to");
            params.put("amount_to", query.amountTo());
        }
        if (query.paymentOverdue() != null) {
            // Invoice.paymentOverdue in SQL: the due date's midnight UTC has passed
            sql.append(query.paymentOverdue() ? " AND " : " AND NOT ").append("""
                    (status = 'finalized' AND payment_status <> 'succeeded' AND payment_dispute_lost_at IS NULL
                     AND payment_due_date < (CAST(:now AS timestamptz) AT TIME ZONE 'UTC'))""");
            params.put("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        if (query.searchTerm() != null) {
            // Lago's search_term: the invoice's id or number, its customer's names, external id or email
            sql.append(" AND ").append("""
                    (CAST(id AS text) ILIKE :search ESCAPE '\\' OR number ILIKE :search ESCAPE '\\'
                     OR customer_id IN (SELECT c.id FROM customers c WHERE c.organization_id = :organization
                       AND (c.name ILIKE :search ESCAPE '\\' OR c.firstname ILIKE :search ESCAPE '\\'
                         OR c.lastname ILIKE :search ESCAPE '\\' OR c.external_id ILIKE :search ESCAPE '\\'
                         OR c.email ILIKE :search ESCAPE '\\')))""");
            params.put("search", "%" + likeEscaped(query.searchTerm()) + "%");
        }
        int index = 0;
        for (Map.Entry<String, String> pair : query.metadata() == null ? Map.<String, String>of().entrySet()
                : query.metadata().entrySet()) {
            String key = "metadata_key_" + index;
            String value = "metadata_value_" + index++;
            if (pair.getValue().isEmpty()) {
                sql.append(" AND NOT EXISTS (SELECT 1 FROM invoice_metadata m WHERE m.invoice_id = invoices.id AND m.key = :")
                        .append(key).append(")");
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM invoice_metadata m WHERE m.invoice_id = invoices.id AND m.key = :")
                        .append(key).append(" AND m.value = :").append(value).append(")");
                params.put(value, pair.getValue());
            }
            params.put(key, pair.getKey());
        }
        return new Filter(sql.toString(), params);
    }

    /** The term with LIKE's wildcards taken literally. */
    private static String likeEscaped(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static void inList(StringBuilder sql, Map<String, Object> params, String column, List<String> values) {
        if (values != null && !values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (:").append(column).append(")");
            params.put(column, values);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** An invoice row; its fees and metadata are attached by the caller. */
    private static Invoice row(ResultSet rs, int n) throws SQLException {
        return new Invoice(
                rs.getObject("id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getString("invoice_type"),
                rs.getString("status"),
                rs.getString("payment_status"),
                rs.getString("number"),
                Rows.nullableLong(rs, "sequential_id"),
                Rows.nullableLong(rs, "organization_sequential_id"),
                rs.getString("currency"),
                rs.getObject("issuing_date", LocalDate.class),
                rs.getObject("payment_due_date", LocalDate.class),
                rs.getInt("net_payment_term"),
                rs.getString("timezone"),
                rs.getString("purchase_order_number"),
                rs.getBoolean("self_billed"),
                rs.getInt("version_number"),
                new Invoice.Amounts(
                        rs.getLong("fees_amount_cents"),
                        rs.getLong("coupons_amount_cents"),
                        rs.getLong("progressive_billing_credit_amount_cents"),
                        rs.getLong("sub_total_excluding_taxes_amount_cents"),
                        rs.getLong("taxes_amount_cents"),
                        rs.getLong("sub_total_including_taxes_amount_cents"),
                        rs.getLong("credit_notes_amount_cents"),
                        rs.getLong("prepaid_credit_amount_cents"),
                        Rows.nullableLong(rs, "prepaid_granted_credit_amount_cents"),
                        Rows.nullableLong(rs, "prepaid_purchased_credit_amount_cents"),
                        rs.getLong("total_amount_cents"),
                        rs.getLong("total_paid_amount_cents"),
                        rs.getLong("total_offsetted_credit_note_amount_cents")),
                Rows.instant(rs.getTimestamp("payment_dispute_lost_at")),
                Rows.instant(rs.getTimestamp("finalized_at")),
                Rows.instant(rs.getTimestamp("voided_at")),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("updated_at")),
                List.of(),
                List.of());
    }

    private Fee fee(ResultSet rs, int n) throws SQLException {
        return new Fee(
                rs.getObject("id", UUID.class),
                rs.getObject("invoice_id", UUID.class),
                rs.getString("fee_type"),
                rs.getObject("subscription_id", UUID.class),
                rs.getObject("charge_id", UUID.class),
                rs.getObject("charge_filter_id", UUID.class),
                rs.getObject("fixed_charge_id", UUID.class),
                rs.getObject("add_on_id", UUID.class),
                rs.getObject("wallet_transaction_id", UUID.class),
                rs.getObject("true_up_parent_fee_id", UUID.class),
                rs.getObject("original_fee_id", UUID.class),
                rs.getString("invoice_display_name"),
                rs.getString("description"),
                rs.getLong("amount_cents"),
                rs.getBigDecimal("precise_amount_cents"),
                rs.getString("amount_currency"),
                rs.getBigDecimal("units"),
                rs.getBigDecimal("total_aggregated_units"),
                Rows.integer(rs, "events_count"),
                rs.getBigDecimal("unit_amount_cents"),
                rs.getBigDecimal("precise_unit_amount"),
                rs.getBigDecimal("precise_coupons_amount_cents"),
                rs.getLong("taxes_amount_cents"),
                rs.getBigDecimal("taxes_precise_amount_cents"),
                rs.getBigDecimal("taxes_rate"),
                rs.getBoolean("pay_in_advance"),
                rs.getBoolean("invoiceable"),
                rs.getString("pay_in_advance_event_transaction_id"),
                json.readValue(rs.getString("grouped_by"), JSON_OBJECT),
                json.readValue(rs.getString("amount_details"), JSON_OBJECT),
                Rows.instant(rs.getTimestamp("from_datetime")),
                Rows.instant(rs.getTimestamp("to_datetime")),
                rs.getString("payment_status"),
                Rows.instant(rs.getTimestamp("succeeded_at")),
                Rows.instant(rs.getTimestamp("failed_at")),
                Rows.instant(rs.getTimestamp("refunded_at")),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("updated_at")));
    }
}

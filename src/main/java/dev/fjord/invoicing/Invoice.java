package dev.fjord.invoicing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * An invoice of any of Lago's types (only {@code credit} invoices are created so far), with its fees and metadata.
 * Amounts are in minor units of {@code currency}. {@code number} is {@code <prefix>-DRAFT} until the invoice is
 * finalized; {@code sequentialId} (the customer's sequence) and {@code organizationSequentialId} (per_organization
 * numbering) are given at finalization.
 */
public record Invoice(
        UUID id,
        UUID customerId,
        String invoiceType,
        String status,
        String paymentStatus,
        String number,
        Long sequentialId,
        Long organizationSequentialId,
        String currency,
        LocalDate issuingDate,
        LocalDate paymentDueDate,
        int netPaymentTerm,
        String timezone,
        String purchaseOrderNumber,
        boolean selfBilled,
        int versionNumber,
        Amounts amounts,
        Instant paymentDisputeLostAt,
        Instant finalizedAt,
        Instant voidedAt,
        Instant createdAt,
        Instant updatedAt,
        List<Fee> fees,
        List<Metadata> metadata) {

    public static final List<String> TYPES =
            List.of("subscription", "add_on", "credit", "one_off", "advance_charges", "progressive_billing");
    /** Statuses the API shows; the others ({@code generating, open, closed, deleted}) are hidden, as in Lago. */
    public static final List<String> VISIBLE_STATUSES = List.of("draft", "finalized", "voided", "failed", "pending");
    public static final List<String> PAYMENT_STATUSES = List.of("pending", "succeeded", "failed");

    /** Spec §4.4, Lago's version 4 arithmetic. */
    public record Amounts(
            long feesAmountCents,
            long couponsAmountCents,
            long progressiveBillingCreditAmountCents,
            long subTotalExcludingTaxesAmountCents,
            long taxesAmountCents,
            long subTotalIncludingTaxesAmountCents,
            long creditNotesAmountCents,
            long prepaidCreditAmountCents,
            Long prepaidGrantedCreditAmountCents,
            Long prepaidPurchasedCreditAmountCents,
            long totalAmountCents,
            long totalPaidAmountCents,
            long totalOffsettedCreditNoteAmountCents) {

        /** Amounts of an invoice no credit note has offset yet: every invoice when it is created. */
        public Amounts(long feesAmountCents, long couponsAmountCents, long progressiveBillingCreditAmountCents,
                long subTotalExcludingTaxesAmountCents, long taxesAmountCents, long subTotalIncludingTaxesAmountCents,
                long creditNotesAmountCents, long prepaidCreditAmountCents, Long prepaidGrantedCreditAmountCents,
                Long prepaidPurchasedCreditAmountCents, long totalAmountCents, long totalPaidAmountCents) {
            this(feesAmountCents, couponsAmountCents, progressiveBillingCreditAmountCents,
                    subTotalExcludingTaxesAmountCents, taxesAmountCents, subTotalIncludingTaxesAmountCents,
                    creditNotesAmountCents, prepaidCreditAmountCents, prepaidGrantedCreditAmountCents,
                    prepaidPurchasedCreditAmountCents, totalAmountCents, totalPaidAmountCents, 0);
        }

        /** One fee total, nothing deducted: what a credit invoice holds. */
        public static Amounts ofFees(long feesAmountCents) {
            return new Amounts(feesAmountCents, 0, 0, feesAmountCents, 0, feesAmountCents, 0, 0, null, null,
                    feesAmountCents, 0);
        }
    }

    public record Metadata(UUID id, String key, String value, Instant createdAt) {}

    /** This invoice with its fees and metadata, which are not stored on its row. */
    public Invoice withDetails(List<Fee> invoiceFees, List<Metadata> pairs) {
        return new Invoice(id, customerId, invoiceType, status, paymentStatus, number, sequentialId,
                organizationSequentialId, currency, issuingDate, paymentDueDate, netPaymentTerm, timezone,
                purchaseOrderNumber, selfBilled, versionNumber, amounts, paymentDisputeLostAt, finalizedAt, voidedAt,
                createdAt, updatedAt, invoiceFees, pairs);
    }

    public boolean visible() {
        return VISIBLE_STATUSES.contains(status);
    }

    /** What remains to be paid, net of credit-note offsets. A voided invoice owes nothing (Lago). */
    public long totalDueAmountCents() {
        return "voided".equals(status) ? 0 : Math.max(0, amounts.totalAmountCents() - amounts.totalPaidAmountCents()
                - amounts.totalOffsettedCreditNoteAmountCents());
    }

    /**
     * Lago's overdue rule, evaluated at {@code now} instead of by an hourly job: a finalized invoice whose payment has
     * not succeeded, without a lost dispute, whose due date (midnight UTC) has passed.
     */
    public boolean paymentOverdue(Instant now) {
        return "finalized".equals(status) && !"succeeded".equals(paymentStatus) && paymentDisputeLostAt == null
                && paymentDueDate.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(now);
    }
}

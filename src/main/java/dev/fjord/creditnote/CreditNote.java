package dev.fjord.creditnote;

import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A credit note (spec §5.10, Lago's {@code CreditNote}): money given back on a finalized invoice as credit for later
 * invoices ({@code creditAmountCents}, of which {@code balanceAmountCents} is left), as a refund, or as an offset of
 * what the invoice still owes. Numbered {@code <invoice number>-CN<sequence of the invoice, 3 digits>}.
 */
public record CreditNote(
        UUID id,
        UUID customerId,
        UUID invoiceId,
        String invoiceNumber,
        int sequentialId,
        String number,
        LocalDate issuingDate,
        String status,
        String creditStatus,
        String refundStatus,
        String reason,
        String description,
        String currency,
        long creditAmountCents,
        long refundAmountCents,
        long offsetAmountCents,
        long totalAmountCents,
        long balanceAmountCents,
        long taxesAmountCents,
        BigDecimal preciseTaxesAmountCents,
        long couponsAdjustmentAmountCents,
        BigDecimal preciseCouponsAdjustmentAmountCents,
        long subTotalExcludingTaxesAmountCents,
        BigDecimal taxesRate,
        Instant refundedAt,
        Instant voidedAt,
        Instant createdAt,
        Instant updatedAt,
        List<Item> items) {

    public static final List<String> REASONS = List.of("duplicated_charge", "product_unsatisfactory", "order_change",
            "order_cancellation", "fraudulent_charge", "other");
    public static final List<String> CREDIT_STATUSES = List.of("available", "consumed", "voided");
    public static final List<String> REFUND_STATUSES = List.of("pending", "succeeded", "failed");

    /** What the credit note gives back of one fee of its invoice. */
    public record Item(UUID id, UUID feeId, long amountCents, BigDecimal preciseAmountCents, String currency,
            Instant createdAt) {}

    /** Lago's {@code precise_total}: items − their coupon share + precise taxes. */
    public BigDecimal preciseTotalAmountCents() {
        return items.stream().map(Item::preciseAmountCents).reduce(BigDecimal.ZERO, BigDecimal::add)
                .subtract(preciseCouponsAdjustmentAmountCents).add(preciseTaxesAmountCents)
                .setScale(Money.PRECISE_SCALE, java.math.RoundingMode.HALF_UP);
    }

    public CreditNote withItems(List<Item> noteItems) {
        return new CreditNote(id, customerId, invoiceId, invoiceNumber, sequentialId, number, issuingDate, status,
                creditStatus, refundStatus, reason, description, currency, creditAmountCents, refundAmountCents,
                offsetAmountCents, totalAmountCents, balanceAmountCents, taxesAmountCents, preciseTaxesAmountCents,
                couponsAdjustmentAmountCents, preciseCouponsAdjustmentAmountCents, subTotalExcludingTaxesAmountCents,
                taxesRate, refundedAt, voidedAt, createdAt, updatedAt, noteItems);
    }
}

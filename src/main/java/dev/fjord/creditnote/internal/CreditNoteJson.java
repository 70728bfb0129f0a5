package dev.fjord.creditnote.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.creditnote.CreditNote;
import dev.fjord.creditnote.CreditNoteEstimate;
import dev.fjord.customer.Customer;
import dev.fjord.customer.CustomerJson;
import dev.fjord.invoicing.Fee;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Lago's {@code credit_note} object ({@code V1::CreditNoteSerializer} with items, applied taxes and customer). */
record CreditNoteJson(
        String lagoId,
        String billingEntityCode,
        int sequentialId,
        String number,
        String lagoInvoiceId,
        String invoiceNumber,
        String purchaseOrderNumber,
        String issuingDate,
        String creditStatus,
        String refundStatus,
        String reason,
        String description,
        String currency,
        long totalAmountCents,
        String preciseTotalAmountCents,
        long taxesAmountCents,
        String preciseTaxesAmountCents,
        long subTotalExcludingTaxesAmountCents,
        long balanceAmountCents,
        long creditAmountCents,
        long refundAmountCents,
        long offsetAmountCents,
        long couponsAdjustmentAmountCents,
        BigDecimal taxesRate,
        String createdAt,
        String updatedAt,
        String fileUrl,
        String xmlUrl,
        boolean selfBilled,
        CustomerJson customer,
        List<ItemJson> items,
        List<Object> appliedTaxes,
        Map<String, String> metadata,
        List<Object> errorDetails) {

    record ItemJson(String lagoId, long amountCents, String preciseAmountCents, String amountCurrency, FeeJson fee) {}

    /** The credited fee, the fields a credit note's reader needs of Lago's {@code FeeObject}. */
    record FeeJson(String lagoId, String lagoInvoiceId, String lagoSubscriptionId, String lagoChargeId,
            long amountCents, String amountCurrency, long taxesAmountCents, BigDecimal taxesRate,
            long totalAmountCents, String units, String preciseCouponsAmountCents, boolean payInAdvance,
            boolean invoiceable, String paymentStatus, FeeItem item, String createdAt) {}

    record FeeItem(String type, String name, String invoiceDisplayName) {}

    /** {@code fileUrl}: the credit note's PDF, null until generated; {@code metadata} null when none. */
    static CreditNoteJson of(CreditNote note, Customer customer, Map<UUID, Fee> fees, String fileUrl,
            Map<String, String> metadata) {
        return new CreditNoteJson(
                note.id().toString(),
                CustomerJson.DEFAULT_BILLING_ENTITY,
                note.sequentialId(),
                note.number(),
                note.invoiceId().toString(),
                note.invoiceNumber(),
                null,
                JsonFormats.date(note.issuingDate()),
                note.creditStatus(),
                note.refundStatus(),
                note.reason(),
                note.description(),
                note.currency(),
                note.totalAmountCents(),
                note.preciseTotalAmountCents().toPlainString(),
                note.taxesAmountCents(),
                note.preciseTaxesAmountCents().toPlainString(),
                note.subTotalExcludingTaxesAmountCents(),
                note.balanceAmountCents(),
                note.creditAmountCents(),
                note.refundAmountCents(),
                note.offsetAmountCents(),
                note.couponsAdjustmentAmountCents(),
                JsonFormats.number(note.taxesRate()),
                JsonFormats.timestamp(note.createdAt()),
                JsonFormats.timestamp(note.updatedAt()),
                fileUrl,
                null,
                false,
                CustomerJson.of(customer),
                note.items().stream().map(item -> new ItemJson(item.id().toString(), item.amountCents(),
                        item.preciseAmountCents().toPlainString(), item.currency(), fee(fees.get(item.feeId())))).toList(),
                List.of(),
                metadata,
                List.of());
    }

    private static FeeJson fee(Fee f) {
        return new FeeJson(f.id().toString(), f.invoiceId().toString(),
                f.subscriptionId() == null ? null : f.subscriptionId().toString(),
                f.chargeId() == null ? null : f.chargeId().toString(), f.amountCents(), f.amountCurrency(),
                f.taxesAmountCents(), JsonFormats.number(f.taxesRate()), f.totalAmountCents(),
                JsonFormats.decimal(f.units()), f.preciseCouponsAmountCents().toPlainString(), f.payInAdvance(),
                f.invoiceable(), f.paymentStatus(), new FeeItem(f.feeType(), f.invoiceDisplayName(),
                        f.invoiceDisplayName()),
                JsonFormats.timestamp(f.createdAt()));
    }

    /** Lago's {@code V1::CreditNotes::EstimateSerializer}. */
    record EstimateJson(String lagoInvoiceId, String invoiceNumber, String currency, long taxesAmountCents,
            BigDecimal preciseTaxesAmountCents, long subTotalExcludingTaxesAmountCents, long maxCreditableAmountCents,
            long maxRefundableAmountCents, long maxOffsettableAmountCents, long couponsAdjustmentAmountCents,
            BigDecimal preciseCouponsAdjustmentAmountCents, BigDecimal taxesRate, List<EstimatedItem> items,
            List<Object> appliedTaxes) {

        record EstimatedItem(String lagoFeeId, long amountCents) {}

        static EstimateJson of(CreditNoteEstimate e) {
            return new EstimateJson(e.invoiceId().toString(), e.invoiceNumber(), e.currency(), e.taxesAmountCents(),
                    e.preciseTaxesAmountCents(), e.subTotalExcludingTaxesAmountCents(), e.maxCreditableAmountCents(),
                    e.maxRefundableAmountCents(), e.maxOffsettableAmountCents(), e.couponsAdjustmentAmountCents(),
                    e.preciseCouponsAdjustmentAmountCents(), JsonFormats.number(e.taxesRate()),
                    e.items().stream().map(i -> new EstimatedItem(i.feeId().toString(), i.amountCents())).toList(),
                    List.of());
        }
    }
}

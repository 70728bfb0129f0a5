package dev.fjord.creditnote;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Lago's estimated credit note ({@code POST /credit_notes/estimate}): what the items would give back, and the most
 * of it that may be credited, refunded or offset.
 */
public record CreditNoteEstimate(UUID invoiceId, String invoiceNumber, String currency, long taxesAmountCents,
        BigDecimal preciseTaxesAmountCents, long subTotalExcludingTaxesAmountCents, long maxCreditableAmountCents,
        long maxRefundableAmountCents, long maxOffsettableAmountCents, long couponsAdjustmentAmountCents,
        BigDecimal preciseCouponsAdjustmentAmountCents, BigDecimal taxesRate, List<CreditNoteRequest.ItemRequest> items) {}

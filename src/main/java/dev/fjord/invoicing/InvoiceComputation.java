package dev.fjord.invoicing;

import java.util.Map;
import java.util.UUID;

public record InvoiceComputation(long feesAmountCents, long couponsAmountCents, long subTotalExcludingTaxesAmountCents, long taxesAmountCents, long subTotalIncludingTaxesAmountCents, long prepaidCreditAmountCents, long totalAmountCents,
    Map<UUID, Long> couponAmounts,
    Map<UUID, FeeResult> fees,
    Map<UUID, Long> walletDebits) {}

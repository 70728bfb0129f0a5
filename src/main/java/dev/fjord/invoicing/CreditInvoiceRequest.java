package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A credit invoice for a paid wallet top-up (Lago's {@code invoice_type: credit}). The wallet module chooses the
 * invoice id up front, so the ledger row can name its invoice in the same transaction.
 *
 * @param creditAmount credits bought (the fee's units)
 * @param unitAmountCents value of one credit in minor units (the fee's unit price)
 * @param amountCents the transaction amount in minor units (the fee and the invoice total)
 * @param label the fee's name: the transaction name, else "Prepaid credits - wallet name", else "Prepaid credits"
 * @param requiresSuccessfulPayment Lago's invoice_requires_successful_payment: the invoice stays open until paid
 */
public record CreditInvoiceRequest(
        OrganizationId organization,
        UUID invoiceId,
        UUID customerId,
        UUID walletTransactionId,
        String currency,
        BigDecimal creditAmount,
        BigDecimal unitAmountCents,
        long amountCents,
        String label,
        boolean requiresSuccessfulPayment) {}

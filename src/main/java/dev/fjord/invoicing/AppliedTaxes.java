package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The taxes applied to an invoice and to each of its fees (Lago's {@code invoices_taxes} and {@code fees_taxes}):
 * snapshots of the taxes when the invoice was computed. Amounts are in minor units of {@code currency}.
 */
public record AppliedTaxes(List<OnInvoice> invoice, Map<UUID, List<OnFee>> fees) {

    /**
     * One tax of the invoice: {@code amountCents} is this tax rounded once, {@code feesAmountCents} the fees it
     * applies to.
     */
    public record OnInvoice(UUID id, UUID invoiceId, UUID taxId, String taxName, String taxCode, BigDecimal taxRate,
            String taxDescription, long amountCents, long feesAmountCents, String currency, Instant createdAt) {}

    /** One tax of a fee, rounded ({@code amountCents}) and exact ({@code preciseAmountCents}). */
    public record OnFee(UUID id, UUID feeId, UUID taxId, String taxName, String taxCode, BigDecimal taxRate,
            String taxDescription, long amountCents, BigDecimal preciseAmountCents, String currency,
            Instant createdAt) {}

    public List<OnFee> ofFee(UUID feeId) {
        return fees.getOrDefault(feeId, List.of());
    }
}

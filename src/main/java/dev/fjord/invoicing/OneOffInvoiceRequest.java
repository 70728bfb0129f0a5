package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Lago's {@code POST /invoices}: a one-off invoice of add-on fees for a customer. Null fields take Lago's defaults:
 * the customer's currency, the add-on's amount as unit amount, one unit, the add-on's description, the taxes of the
 * add-on, else of the customer, else of the organization.
 */
public record OneOffInvoiceRequest(
        String externalCustomerId,
        String currency,
        String billingEntityCode,
        String purchaseOrderNumber,
        List<OneOffFee> fees) {

    /**
     * One add-on fee. {@code taxCodes} empty or null means the derived taxes; {@code fromDatetime} and
     * {@code toDatetime} are both null (the fee's period is the invoice's creation instant) or both set.
     */
    public record OneOffFee(
            String addOnCode,
            Long unitAmountCents,
            BigDecimal units,
            String description,
            String invoiceDisplayName,
            List<String> taxCodes,
            Instant fromDatetime,
            Instant toDatetime) {}
}

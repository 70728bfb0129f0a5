package dev.fjord.invoicing;

import java.time.LocalDate;
import java.util.List;

/**
 * Filters of the invoice list; null or empty means "no filter". {@code statuses} are visible statuses only: hidden
 * invoices are never listed.
 */
public record InvoiceQuery(
        String externalCustomerId,
        List<String> invoiceTypes,
        List<String> statuses,
        List<String> paymentStatuses,
        String currency,
        LocalDate issuingDateFrom,
        LocalDate issuingDateTo,
        Long amountFrom,
        Long amountTo,
        Boolean paymentOverdue) {}

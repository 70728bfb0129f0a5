package dev.fjord.invoicing;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Filters of the invoice list; null or empty means "no filter". {@code statuses} are visible statuses only: hidden
 * invoices are never listed.
 *
 * @param searchTerm part of the invoice's id or number, or of its customer's name, first or last name, external id or
 *     email (case-insensitive), as Lago's {@code search_term}
 * @param metadata invoices carrying each key with that value; an empty value means without that key
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
        Boolean paymentOverdue,
        String searchTerm,
        Map<String, String> metadata) {

    /** The filters without search term or metadata. */
    public InvoiceQuery(String externalCustomerId, List<String> invoiceTypes, List<String> statuses,
            List<String> paymentStatuses, String currency, LocalDate issuingDateFrom, LocalDate issuingDateTo,
            Long amountFrom, Long amountTo, Boolean paymentOverdue) {
        this(externalCustomerId, invoiceTypes, statuses, paymentStatuses, currency, issuingDateFrom, issuingDateTo,
                amountFrom, amountTo, paymentOverdue, null, Map.of());
    }
}

package dev.fjord.creditnote;

import java.time.LocalDate;
import java.util.List;

/** Filters of {@code GET /credit_notes}, Lago's names; null or empty = not filtered. */
public record CreditNoteQuery(String externalCustomerId, String currency, List<String> reasons,
        List<String> creditStatuses, List<String> refundStatuses, String invoiceNumber, LocalDate issuingDateFrom,
        LocalDate issuingDateTo, Long amountFrom, Long amountTo) {}

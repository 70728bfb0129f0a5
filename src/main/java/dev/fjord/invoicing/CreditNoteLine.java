package dev.fjord.invoicing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A finalized credit note of the customer, in the invoice currency, with credit left: what {@link InvoiceCalculator}
 * may take from it after taxes (spec §4.2 step 7). Oldest ({@code createdAt}) first, as Lago.
 */
public record CreditNoteLine(UUID creditNoteId, long balanceCents, Instant createdAt) {

    public CreditNoteLine {
        Objects.requireNonNull(creditNoteId, "creditNoteId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (balanceCents <= 0) {
            throw new IllegalArgumentException("a credit note line has credit left: " + balanceCents);
        }
    }
}

package dev.fjord.document.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.creditnote.CreditNote;
import dev.fjord.customer.Customer;
import dev.fjord.invoicing.Fee;
import dev.fjord.organization.Organization;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A credit note laid out as {@link CreditNoteSheet} and printed with the {@code credit_note} template. */
@Component
public class CreditNotePdf {
    private final PdfRenderer renderer;

    CreditNotePdf(PdfRenderer renderer) {
        this.renderer = renderer;
    }

    /** {@code fees}: the credited fees of the note's invoice, by id; {@code addOns}: the add-ons they bill. */
    public byte[] render(CreditNote note, Organization issuer, Customer customer, Map<UUID, Fee> fees,
            Map<UUID, AddOn> addOns) {
        return renderer.render("credit_note", Map.of("sheet",
                CreditNoteSheet.of(note, issuer, customer, fees, addOns)));
    }
}

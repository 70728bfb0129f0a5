package dev.fjord.catalog.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.TaxJson;
import java.util.List;

/** Lago's {@code add_on} object, fields in Lago's order, every one present. */
record AddOnJson(
        String lagoId,
        String name,
        String invoiceDisplayName,
        String code,
        long amountCents,
        String amountCurrency,
        String createdAt,
        String description,
        List<TaxJson> taxes) {

    static AddOnJson of(AddOn a) {
        return new AddOnJson(a.id().toString(), a.name(), a.invoiceDisplayName(), a.code(), a.amountCents(),
                a.amountCurrency(), JsonFormats.timestamp(a.createdAt()), a.description(),
                a.taxes().stream().map(TaxJson::of).toList());
    }
}

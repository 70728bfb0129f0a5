package dev.fjord.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A one-off charge (setup fee, support pack...) an organization can invoice, with the taxes it carries. */
public record AddOn(
        UUID id,
        String name,
        String invoiceDisplayName,
        String code,
        long amountCents,
        String amountCurrency,
        String description,
        List<Tax> taxes,
        Instant createdAt) {

    public AddOn withTaxes(List<Tax> attached) {
        return new AddOn(id, name, invoiceDisplayName, code, amountCents, amountCurrency, description, attached,
                createdAt);
    }
}

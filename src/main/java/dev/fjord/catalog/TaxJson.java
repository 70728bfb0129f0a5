package dev.fjord.catalog;

import dev.fjord.api.JsonFormats;
import java.math.BigDecimal;

/**
 * Lago's {@code tax} object as embedded in other objects (add-ons, customers, the organization). The rate is a JSON
 * number ({@code 20.0}): Lago stores it as a float, and its Go client decodes it into a float32.
 */
public record TaxJson(
        String lagoId,
        String name,
        String code,
        BigDecimal rate,
        String description,
        boolean appliedToOrganization,
        long addOnsCount,
        long customersCount,
        long plansCount,
        long chargesCount,
        long commitmentsCount,
        String createdAt) {

    public static TaxJson of(Tax tax) {
        return new TaxJson(tax.id().toString(), tax.name(), tax.code(), JsonFormats.number(tax.rate()),
                tax.description(), tax.appliedToOrganization(), tax.addOnsCount(), tax.customersCount(),
                tax.plansCount(), tax.chargesCount(), 0, JsonFormats.timestamp(tax.createdAt()));
    }
}

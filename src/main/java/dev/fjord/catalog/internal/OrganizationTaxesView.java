package dev.fjord.catalog.internal;

import dev.fjord.catalog.TaxJson;
import dev.fjord.catalog.Taxes;
import dev.fjord.organization.AppliedTaxes;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import org.springframework.stereotype.Component;

/** The organization object's {@code taxes}: the taxes applied to the organization, in Lago's embedded form. */
@Component
class OrganizationTaxesView implements AppliedTaxes {
    private final Taxes taxes;

    OrganizationTaxesView(Taxes taxes) {
        this.taxes = taxes;
    }

    @Override
    public List<TaxJson> of(OrganizationId organization) {
        return taxes.appliedToOrganization(organization).stream().map(TaxJson::of).toList();
    }
}

package dev.fjord.catalog.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonFormats;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.TaxPayload;
import dev.fjord.catalog.TaxPage;
import dev.fjord.catalog.Taxes;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/taxes} endpoints. */
@RestController
@RequestMapping("/api/v1/taxes")
class TaxController {
    /** Fjord's only billing entity; a tax applied to the organization is applied to it. */
    static final String DEFAULT_BILLING_ENTITY = "default";

    private final Taxes taxes;

    TaxController(Taxes taxes) {
        this.taxes = taxes;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        var values = TaxPayload.read(body, true);
        return Map.of("tax", TaxEndpointJson.of(taxes.create(organization, values)));
    }

    @PutMapping("/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String code,
            @RequestBody(required = false) JsonNode body) {
        var changes = TaxPayload.read(body, false);
        return Map.of("tax", TaxEndpointJson.of(taxes.update(organization, code, changes)));
    }

    @GetMapping("/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("tax", TaxEndpointJson.of(taxes.get(organization, code)));
    }

    @DeleteMapping("/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("tax", TaxEndpointJson.of(taxes.delete(organization, code)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        TaxPage result = taxes.list(organization, page.perPage(), page.offset());
        return ListResponse.of("taxes", result.taxes().stream().map(TaxEndpointJson::of).toList(), page,
                result.totalCount());
    }

    /**
     * The tax as the tax endpoints answer it: the embedded {@link dev.fjord.catalog.TaxJson} fields plus Lago's
     * {@code applied_to_billing_entities_codes}.
     */
    record TaxEndpointJson(
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
            String createdAt,
            List<String> appliedToBillingEntitiesCodes) {

        static TaxEndpointJson of(Tax tax) {
            return new TaxEndpointJson(tax.id().toString(), tax.name(), tax.code(), JsonFormats.number(tax.rate()),
                    tax.description(), tax.appliedToOrganization(), tax.addOnsCount(), tax.customersCount(),
                    tax.plansCount(), tax.chargesCount(), 0, JsonFormats.timestamp(tax.createdAt()),
                    tax.appliedToOrganization() ? List.of(DEFAULT_BILLING_ENTITY) : List.of());
        }
    }
}

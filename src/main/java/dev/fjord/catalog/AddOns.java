package dev.fjord.catalog;

import dev.fjord.catalog.internal.AddOnRepository;
import dev.fjord.catalog.internal.TaxRepository;
import dev.fjord.catalog.internal.TaxRepository.Owner;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Add-ons of an organization ({@code /api/v1/add_ons}) with the taxes applied to them. */
@Service
public class AddOns {
    private final AddOnRepository repository;
    private final TaxRepository taxRepository;
    private final Taxes taxes;
    private final Clock clock;

    AddOns(AddOnRepository repository, TaxRepository taxRepository, Taxes taxes, Clock clock) {
        this.repository = repository;
        this.taxRepository = taxRepository;
        this.taxes = taxes;
        this.clock = clock;
    }

    /** Creates the add-on and attaches its taxes; an unknown tax code writes nothing ({@code 404 tax_not_found}). */
    @Transactional
    public AddOn create(OrganizationId organization, AddOnInput input) {
        Instant now = clock.instant();
        UUID id = repository.insert(organization, input.changes(), now);
        if (input.taxCodes() != null) {
            attachTaxes(organization, id, input.taxCodes(), now);
        }
        return load(organization, id);
    }

    /** Changes only the sent fields; sent {@code tax_codes} replace the add-on's taxes. */
    @Transactional
    public AddOn update(OrganizationId organization, String code, AddOnInput input) {
        Instant now = clock.instant();
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("add_on"));
        repository.update(organization, id, input.changes(), now);
        if (input.taxCodes() != null) {
            attachTaxes(organization, id, input.taxCodes(), now);
        }
        return load(organization, id);
    }

    public AddOn get(OrganizationId organization, String code) {
        return repository.findLive(organization, code).map(addOn -> withTaxes(organization, List.of(addOn)).get(0))
                .orElseThrow(() -> BillingError.notFound("add_on"));
    }

    /**
     * The add-ons with these ids, deleted ones included (an invoice keeps naming the add-on it billed), with their
     * taxes; unknown ids are left out.
     */
    public List<AddOn> byIds(OrganizationId organization, java.util.Collection<UUID> ids) {
        return withTaxes(organization, repository.findByIds(organization, ids));
    }

    public AddOnPage list(OrganizationId organization, int limit, long offset) {
        return new AddOnPage(withTaxes(organization, repository.list(organization, limit, offset)),
                repository.count(organization));
    }

    /** Soft-deletes the add-on (its code becomes free) and answers it as it was. */
    @Transactional
    public AddOn delete(OrganizationId organization, String code) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("add_on"));
        AddOn before = load(organization, id);
        repository.markDeleted(organization, id, clock.instant());
        return before;
    }

    private void attachTaxes(OrganizationId organization, UUID addOnId, List<String> codes, Instant now) {
        List<UUID> taxIds = taxes.resolve(organization, codes).stream().map(Tax::id).toList();
        taxRepository.replaceLinks(organization, Owner.ADD_ON, addOnId, taxIds, now);
    }

    private AddOn load(OrganizationId organization, UUID id) {
        return withTaxes(organization, List.of(repository.findById(organization, id).orElseThrow())).get(0);
    }

    private List<AddOn> withTaxes(OrganizationId organization, List<AddOn> addOns) {
        Map<UUID, List<Tax>> linked =
                taxRepository.linked(organization, Owner.ADD_ON, addOns.stream().map(AddOn::id).toList());
        return addOns.stream().map(a -> a.withTaxes(linked.getOrDefault(a.id(), List.of()))).toList();
    }
}

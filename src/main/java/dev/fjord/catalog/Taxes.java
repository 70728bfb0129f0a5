package dev.fjord.catalog;

import dev.fjord.catalog.internal.TaxRepository;
import dev.fjord.catalog.internal.TaxRepository.Owner;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Taxes of an organization ({@code /api/v1/taxes}) and the taxes attached to customers. Other modules name taxes by
 * code; an unknown code is Lago's {@code 404 tax_not_found} and nothing is written.
 */
@Service
public class Taxes {
    private final TaxRepository repository;
    private final Clock clock;

    Taxes(TaxRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Creates a tax from its columns (name, code and rate are checked present by the caller). */
    @Transactional
    public Tax create(OrganizationId organization, Changes values) {
        UUID id = repository.insert(organization, values, clock.instant());
        return repository.findById(organization, id).orElseThrow();
    }

    /** Changes only the sent columns of the live tax {@code code}; a new code must be free. */
    @Transactional
    public Tax update(OrganizationId organization, String code, Changes changes) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("tax"));
        repository.update(organization, id, changes, clock.instant());
        return repository.findById(organization, id).orElseThrow();
    }

    public Tax get(OrganizationId organization, String code) {
        return repository.findLive(organization, code).orElseThrow(() -> BillingError.notFound("tax"));
    }

    public TaxPage list(OrganizationId organization, int limit, long offset) {
        return new TaxPage(repository.list(organization, limit, offset), repository.count(organization));
    }

    /**
     * Soft-deletes the tax, freeing its code, and removes it from the customers and add-ons it was applied to.
     * Answers the tax as it was before the removal (Lago answers the deleted record).
     */
    @Transactional
    public Tax delete(OrganizationId organization, String code) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("tax"));
        Tax before = repository.findById(organization, id).orElseThrow();
        repository.markDeleted(organization, id, clock.instant());
        return before;
    }

    /** The live taxes with these codes, by name; any unknown code is {@code 404 tax_not_found}. */
    public List<Tax> resolve(OrganizationId organization, Collection<String> codes) {
        LinkedHashSet<String> wanted = new LinkedHashSet<>(codes);
        List<Tax> found = repository.findLive(organization, wanted);
        if (found.size() != wanted.size()) {
            throw BillingError.notFound("tax");
        }
        return found;
    }

    /** Makes {@code codes} the exact list of the customer's own taxes (empty removes them all). */
    @Transactional
    public void applyToCustomer(OrganizationId organization, UUID customerId, Collection<String> codes) {
        List<UUID> ids = resolve(organization, codes).stream().map(Tax::id).toList();
        repository.replaceLinks(organization, Owner.CUSTOMER, customerId, ids, now());
    }

    /** The taxes attached to each customer; customers without taxes are absent from the map. */
    public Map<UUID, List<Tax>> ofCustomers(OrganizationId organization, Collection<UUID> customerIds) {
        return repository.linked(organization, Owner.CUSTOMER, customerIds);
    }

    /** Makes {@code codes} the exact list of the plan's taxes. */
    @Transactional
    public void applyToPlan(OrganizationId organization, UUID planId, Collection<String> codes) {
        List<UUID> ids = resolve(organization, codes).stream().map(Tax::id).toList();
        repository.replaceLinks(organization, Owner.PLAN, planId, ids, now());
    }

    /** Makes {@code codes} the exact list of the charge's own taxes. */
    @Transactional
    public void applyToCharge(OrganizationId organization, UUID chargeId, Collection<String> codes) {
        List<UUID> ids = resolve(organization, codes).stream().map(Tax::id).toList();
        repository.replaceLinks(organization, Owner.CHARGE, chargeId, ids, now());
    }

    public Map<UUID, List<Tax>> ofPlans(OrganizationId organization, Collection<UUID> planIds) {
        return repository.linked(organization, Owner.PLAN, planIds);
    }

    public Map<UUID, List<Tax>> ofCharges(OrganizationId organization, Collection<UUID> chargeIds) {
        return repository.linked(organization, Owner.CHARGE, chargeIds);
    }

    public Map<UUID, List<Tax>> ofAddOns(OrganizationId organization, Collection<UUID> addOnIds) {
        return repository.linked(organization, Owner.ADD_ON, addOnIds);
    }

    /**
     * The taxes of an add-on fee (one-off invoices), by Lago's precedence: the codes sent with the fee (any unknown
     * code is {@code 404 tax_not_found}), else the add-on's, else the customer's, else the organization's.
     */
    public List<Tax> forAddOnFee(OrganizationId organization, Collection<String> taxCodes, UUID addOnId,
            UUID customerId) {
        if (taxCodes != null && !taxCodes.isEmpty()) {
            return resolve(organization, taxCodes);
        }
        for (Map<UUID, List<Tax>> level : List.of(forPricing(organization, Owner.ADD_ON, addOnId),
                forPricing(organization, Owner.CUSTOMER, customerId))) {
            List<Tax> found = level.values().stream().findFirst().orElse(List.of());
            if (!found.isEmpty()) {
                return found;
            }
        }
        return repository.appliedToOrganization(organization, false);
    }

    /**
     * The taxes of a fee, by Lago's precedence: the charge's own, else the plan's, else the customer's, else the
     * organization's.
     */
    public List<Tax> forFee(OrganizationId organization, UUID planId, UUID chargeId, UUID customerId) {
        for (Map<UUID, List<Tax>> level : List.of(forPricing(organization, Owner.CHARGE, chargeId),
                forPricing(organization, Owner.PLAN, planId), forPricing(organization, Owner.CUSTOMER, customerId))) {
            List<Tax> taxes = level.values().stream().findFirst().orElse(List.of());
            if (!taxes.isEmpty()) {
                return taxes;
            }
        }
        return repository.appliedToOrganization(organization, false);
    }

    /** A customer's own taxes for pricing its fees: rates only, without the API's usage counts. */
    public List<Tax> ofCustomerForPricing(OrganizationId organization, UUID customerId) {
        return forPricing(organization, Owner.CUSTOMER, customerId).getOrDefault(customerId, List.of());
    }

    /** An owner's taxes for pricing a fee: rates without the API's usage counts, which cost a scan of customers. */
    private Map<UUID, List<Tax>> forPricing(OrganizationId organization, Owner owner, UUID ownerId) {
        return repository.linked(organization, owner, List.of(ownerId), false);
    }

    /** The taxes applied to the organization (its default billing entity in Lago's terms). */
    public List<Tax> appliedToOrganization(OrganizationId organization) {
        return repository.appliedToOrganization(organization, true);
    }

    private Instant now() {
        return clock.instant();
    }
}

package dev.fjord.organization;

import dev.fjord.organization.internal.OrganizationRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization module's public face. */
@Service
public class Organizations {
    private final OrganizationRepository repository;

    Organizations(OrganizationRepository repository) {
        this.repository = repository;
    }

    public Organization get(OrganizationId id) {
        return repository.find(id).orElseThrow(() -> BillingError.notFound("organization"));
    }

    @Transactional
    public Organization update(OrganizationId id, Changes changes) {
        repository.update(id, changes);
        return get(id);
    }

    /** Opens an organization with its API key and admin user, in one transaction. */
    @Transactional
    public OrganizationId create(NewOrganization organization) {
        return repository.create(organization);
    }

    /**
     * Takes the organization's row lock until the caller's transaction ends: creations of customers (and other
     * per-organization sequences) are serialized behind it, so a creator can re-check and number without races.
     */
    @Transactional
    public void lock(OrganizationId id) {
        repository.lock(id);
    }

    /** The next customer {@code sequential_id}; call under {@link #lock}. */
    @Transactional
    public long nextCustomerSequentialId(OrganizationId id) {
        return repository.nextCustomerSequence(id);
    }
}

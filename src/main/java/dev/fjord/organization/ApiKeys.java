package dev.fjord.organization;

import dev.fjord.organization.internal.ApiKeyStore;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's API keys: list (masked), create (the full key is answered once), revoke. Creations and
 * revocations run under the organization's row lock, so two revocations at once can never remove the last key.
 */
@Service
public class ApiKeys {
    private final ApiKeyStore store;
    private final Organizations organizations;

    ApiKeys(ApiKeyStore store, Organizations organizations) {
        this.store = store;
        this.organizations = organizations;
    }

    /** Oldest first. An organization has a handful of keys, so there is no paging. */
    public List<ApiKey> list(OrganizationId organization) {
        return store.list(organization);
    }

    public ApiKey get(OrganizationId organization, UUID id) {
        return store.find(organization, id).orElseThrow(() -> BillingError.notFound("api_key"));
    }

    @Transactional
    public NewApiKey create(OrganizationId organization) {
        organizations.lock(organization);
        // a random UUID as Lago's keys: 122 random bits from a SecureRandom
        String value = UUID.randomUUID().toString();
        return new NewApiKey(store.add(organization, value), value);
    }

    /**
     * Revokes the key at once on this instance (other instances stop accepting it within
     * {@link ApiKeyStore#REMEMBER}). The organization's last key is refused ({@code 405 last_api_key}): without a
     * key, nothing could call the API until someone signs in to make another.
     */
    @Transactional
    public ApiKey revoke(OrganizationId organization, UUID id) {
        organizations.lock(organization);
        ApiKey key = get(organization, id);
        if (store.count(organization) <= 1) {
            throw BillingError.notAllowed("last_api_key");
        }
        store.remove(organization, id);
        return key;
    }
}

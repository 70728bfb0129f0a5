package dev.fjord.webhook;

import dev.fjord.organization.Organizations;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.internal.WebhookEndpointRepository;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An organization's webhook endpoints (the API's and the UI's face). Creates and URL changes run under the organization's row lock, so the limit
 * and the unique URL hold under concurrent requests (the schema keeps URLs unique as well).
 */
@Service
public class WebhookEndpoints {
    /** Lago's limit per organization. */
    public static final int MAX_ENDPOINTS = 10;

    private final WebhookEndpointRepository repository;
    private final Organizations organizations;
    private final Clock clock;

    WebhookEndpoints(WebhookEndpointRepository repository, Organizations organizations, Clock clock) {
        this.repository = repository;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Transactional
    public WebhookEndpoint create(OrganizationId organization, Changes values) {
        organizations.lock(organization);
        if (repository.count(organization) >= MAX_ENDPOINTS) {
            throw BillingError.validation("base", "exceeded_limit");
        }
        UUID id = Ids.newId();
        refuseTakenUrl(organization, values, id);
        repository.insert(organization, id, values, clock.instant());
        return get(organization, id);
    }

    @Transactional
    public WebhookEndpoint update(OrganizationId organization, UUID id, Changes changes) {
        organizations.lock(organization);
        get(organization, id);
        refuseTakenUrl(organization, changes, id);
        repository.update(organization, id, changes, clock.instant());
        return get(organization, id);
    }

    /** Deletes the endpoint and the webhooks still waiting for it; answers it as it was. */
    @Transactional
    public WebhookEndpoint delete(OrganizationId organization, UUID id) {
        WebhookEndpoint endpoint = get(organization, id);
        repository.delete(organization, id);
        return endpoint;
    }

    public WebhookEndpoint get(OrganizationId organization, UUID id) {
        return repository.find(organization, id).orElseThrow(() -> BillingError.notFound("webhook_endpoint"));
    }

    public List<WebhookEndpoint> list(OrganizationId organization, int limit, long offset) {
        return repository.list(organization, limit, offset);
    }

    public long count(OrganizationId organization) {
        return repository.count(organization);
    }

    private void refuseTakenUrl(OrganizationId organization, Changes values, UUID id) {
        if (values.sets("webhook_url") && repository.urlTaken(organization, (String) values.get("webhook_url"), id)) {
            throw BillingError.validation("webhook_url", "value_already_exist");
        }
    }
}

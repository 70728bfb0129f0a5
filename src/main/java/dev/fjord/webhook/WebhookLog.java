package dev.fjord.webhook;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.internal.DeliveryRepository;
import dev.fjord.webhook.internal.DeliveryWakeUp;
import dev.fjord.webhook.internal.WebhookSettings;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** An organization's webhooks with their delivery status, and sending one again (the API's and the UI's face). */
@Service
public class WebhookLog {
    private final DeliveryRepository repository;
    private final WebhookSettings settings;
    private final DeliveryWakeUp wakeUp;
    private final Clock clock;

    WebhookLog(DeliveryRepository repository, WebhookSettings settings, DeliveryWakeUp wakeUp, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.wakeUp = wakeUp;
        this.clock = clock;
    }

    public WebhookDelivery get(OrganizationId organization, UUID id) {
        return repository.find(organization, id).orElseThrow(() -> BillingError.notFound("webhook"));
    }

    /** Newest first. */
    public List<WebhookDelivery> list(OrganizationId organization, WebhookFilter filter, int limit, long offset) {
        return repository.list(organization, filter, limit, offset);
    }

    public long count(OrganizationId organization, WebhookFilter filter) {
        return repository.count(organization, filter);
    }

    /**
     * Sends the webhook again as soon as a worker is free, with a fresh round of attempts and the same unique key.
     * A succeeded webhook is not sent again ({@code 405 is_succeeded}, as Lago).
     */
    public WebhookDelivery retry(OrganizationId organization, UUID id) {
        if (get(organization, id).succeeded()) {
            throw BillingError.notAllowed("is_succeeded");
        }
        if (repository.requeue(organization, id, settings.attempts(), clock.instant())) {
            wakeUp.signal();
        }
        return get(organization, id);
    }
}

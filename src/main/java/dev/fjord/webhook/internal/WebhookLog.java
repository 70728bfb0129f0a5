package dev.fjord.webhook.internal;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** An organization's webhooks with their delivery status, and sending one again. */
@Service
class WebhookLog {
    static final List<String> STATUSES = List.of("pending", "retrying", "succeeded", "failed");

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

    Delivery get(OrganizationId organization, UUID id) {
        return repository.find(organization, id).orElseThrow(() -> BillingError.notFound("webhook"));
    }

    List<Delivery> list(OrganizationId organization, DeliveryFilter filter, int limit, long offset) {
        return repository.list(organization, filter, limit, offset);
    }

    long count(OrganizationId organization, DeliveryFilter filter) {
        return repository.count(organization, filter);
    }

    /**
     * Sends the webhook again as soon as a worker is free, with a fresh round of attempts and the same unique key.
     * A succeeded webhook is not sent again ({@code 405 is_succeeded}, as Lago).
     */
    Delivery retry(OrganizationId organization, UUID id) {
        if ("succeeded".equals(get(organization, id).status())) {
            throw BillingError.notAllowed("is_succeeded");
        }
        if (repository.requeue(organization, id, settings.attempts(), clock.instant())) {
            wakeUp.signal();
        }
        return get(organization, id);
    }
}

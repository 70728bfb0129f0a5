package dev.fjord.webhook;

import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.internal.Outbox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook module's public face: records a webhook in the caller's transaction (an outbox), so it is sent if and
 * only if the change it reports commits. Delivery, signatures and retries happen later, in the background.
 */
@Service
public class Webhooks {
    private final Outbox outbox;
    private final JsonMapper json;

    Webhooks(Outbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Writes one delivery per endpoint of the organization that accepts {@code webhookType}, with Lago's body
     * {@code {"webhook_type", "object_type", "organization_id", "<object_type>": view}}. The view is serialized now,
     * so the webhook carries the object as it was in this transaction (the same JSON view the API answers).
     * Must run inside the transaction of the change: without one it throws rather than send a webhook for a change
     * that might not commit.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(OrganizationId organization, String webhookType, String objectType, Object view) {
        record(organization, webhookType, objectType, () -> view);
    }

    /**
     * The same, building the view only when some endpoint of the organization wants this type: callers whose view
     * costs queries (an invoice with its fees) pay for it only when a webhook is actually sent.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(OrganizationId organization, String webhookType, String objectType, Supplier<?> view) {
        outbox.add(organization, webhookType, objectType, () -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("webhook_type", webhookType);
            body.put("object_type", objectType);
            body.put("organization_id", organization.toString());
            body.put(objectType, view.get());
            return json.writeValueAsString(body);
        });
    }
}

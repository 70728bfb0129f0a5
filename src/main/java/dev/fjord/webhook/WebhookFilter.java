package dev.fjord.webhook;

import dev.fjord.shared.BillingError;
import java.util.List;
import java.util.UUID;

/** Optional filters of the webhook log (each null means any): status, webhook type, endpoint. */
public record WebhookFilter(String status, String webhookType, UUID endpointId) {
    public static final List<String> STATUSES = List.of("pending", "retrying", "succeeded", "failed");
    public static final WebhookFilter ANY = new WebhookFilter(null, null, null);

    public WebhookFilter {
        if (status != null && !STATUSES.contains(status)) {
            throw BillingError.validation("status", "value_is_invalid");
        }
    }
}

package dev.fjord.webhook.internal;

import dev.fjord.shared.OrganizationId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Optional filters of {@code GET /api/v1/webhooks}: status, webhook type, endpoint. */
record DeliveryFilter(String status, String webhookType, UUID endpointId) {

    String sql() {
        return (status == null ? "" : " AND w.status = :status")
                + (webhookType == null ? "" : " AND w.webhook_type = :type")
                + (endpointId == null ? "" : " AND w.webhook_endpoint_id = :endpoint");
    }

    Map<String, Object> params(OrganizationId organization) {
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        if (status != null) {
            params.put("status", status);
        }
        if (webhookType != null) {
            params.put("type", webhookType);
        }
        if (endpointId != null) {
            params.put("endpoint", endpointId);
        }
        return params;
    }
}

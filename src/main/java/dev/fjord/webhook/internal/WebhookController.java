package dev.fjord.webhook.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.api.PathIds;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.WebhookDelivery;
import dev.fjord.webhook.WebhookFilter;
import dev.fjord.webhook.WebhookLog;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/webhooks}: Lago's public keys, plus Fjord's webhook log (status and attempts of every webhook, its
 * body, a manual retry) and the organization's HMAC key, which Lago shows only in its UI.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {
    private final SigningKeys keys;
    private final WebhookLog log;
    private final JsonMapper json;

    WebhookController(SigningKeys keys, WebhookLog log, JsonMapper json) {
        this.keys = keys;
        this.log = log;
        this.json = json;
    }

    /** Deprecated in Lago, kept by its clients: the Base64 of the PEM public key, as plain text. */
    @GetMapping(value = "/public_key", produces = MediaType.TEXT_PLAIN_VALUE)
    String publicKey() {
        return base64PublicKey();
    }

    @GetMapping("/json_public_key")
    Map<String, Object> jsonPublicKey() {
        return Map.of("webhook", Map.of("public_key", base64PublicKey()));
    }

    @GetMapping("/hmac_key")
    Map<String, Object> hmacKey(@CurrentOrganization OrganizationId organization) {
        return Map.of("webhook", Map.of("hmac_key", keys.hmacKey(organization)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            @RequestParam(required = false) String status,
            @RequestParam(name = "webhook_type", required = false) String webhookType,
            @RequestParam(name = "webhook_endpoint_id", required = false) String endpointId) {
        UUID endpoint = endpointId == null ? null : PathIds.uuid(endpointId, "webhook_endpoint");
        WebhookFilter filter = new WebhookFilter(status, webhookType, endpoint);
        var items = log.list(organization, filter, page.perPage(), page.offset()).stream().map(WebhookDelivery::json)
                .toList();
        return ListResponse.of("webhooks", items, page, log.count(organization, filter));
    }

    @GetMapping("/{id}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return withPayload(log.get(organization, PathIds.uuid(id, "webhook")));
    }

    @PostMapping("/{id}/retry")
    Map<String, Object> retry(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return withPayload(log.retry(organization, PathIds.uuid(id, "webhook")));
    }

    private Map<String, Object> withPayload(WebhookDelivery delivery) {
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(delivery.json(), Map.class));
        body.put("payload", json.readTree(delivery.payload()));
        return Map.of("webhook", body);
    }

    private String base64PublicKey() {
        return Base64.getEncoder().encodeToString(keys.publicKeyPem().getBytes(StandardCharsets.UTF_8));
    }
}

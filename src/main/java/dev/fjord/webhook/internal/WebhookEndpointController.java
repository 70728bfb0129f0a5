package dev.fjord.webhook.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.api.PathIds;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.WebhookEndpoint;
import dev.fjord.webhook.WebhookEndpointPayload;
import dev.fjord.webhook.WebhookEndpoints;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/webhook_endpoints} endpoints. */
@RestController
@RequestMapping("/api/v1/webhook_endpoints")
class WebhookEndpointController {
    private static final String ROOT = "webhook_endpoint";

    private final WebhookEndpoints endpoints;

    WebhookEndpointController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        var values = WebhookEndpointPayload.create(body);
        return Map.of(ROOT, endpoints.create(organization, values).json());
    }

    @PutMapping("/{id}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        var changes = WebhookEndpointPayload.update(body);
        return Map.of(ROOT, endpoints.update(organization, PathIds.uuid(id, ROOT), changes).json());
    }

    @GetMapping("/{id}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return Map.of(ROOT, endpoints.get(organization, PathIds.uuid(id, ROOT)).json());
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return Map.of(ROOT, endpoints.delete(organization, PathIds.uuid(id, ROOT)).json());
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        var items = endpoints.list(organization, page.perPage(), page.offset()).stream().map(WebhookEndpoint::json)
                .toList();
        return ListResponse.of("webhook_endpoints", items, page, endpoints.count(organization));
    }
}

package dev.fjord.ui.internal;

import dev.fjord.api.PathIds;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.WebhookEndpoint;
import dev.fjord.webhook.WebhookEndpointPayload;
import dev.fjord.webhook.WebhookEndpoints;
import dev.fjord.webhook.WebhookTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook endpoints: create, edit, delete, read by the API's own reader ({@code /api/v1/webhook_endpoints}) so the
 * limit, the unique URL, the signature algorithms and the event types are the API's rules.
 */
@Controller
class WebhookEndpointPages {
    static final String ROOT = "webhook_endpoint";
    static final String EVENT_TYPES = "event_types";
    static final List<String> FIELDS = List.of("webhook_url", "name", "signature_algo", EVENT_TYPES);

    private final WebhookEndpoints endpoints;

    WebhookEndpointPages(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @GetMapping("/developers/webhook-endpoints/new")
    String newEndpoint(Model model) {
        return form(Map.of("signature_algo", "jwt"), List.of(), null, model);
    }

    @PostMapping("/developers/webhook-endpoints")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        var created = FormErrors.attempt(model, FIELDS,
                () -> endpoints.create(user.organization(), WebhookEndpointPayload.create(payload(form, false))));
        if (created.isEmpty()) {
            return form(form.toSingleValueMap(), selectedTypes(form), null, model);
        }
        redirect.addFlashAttribute("notice", "Webhook endpoint created.");
        return "redirect:/developers";
    }

    @GetMapping("/developers/webhook-endpoints/{id}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        WebhookEndpoint endpoint = find(user.organization(), id);
        Map<String, String> values = new HashMap<>();
        values.put("webhook_url", endpoint.webhookUrl());
        values.put("name", endpoint.name());
        values.put("signature_algo", endpoint.signatureAlgo());
        return form(values, endpoint.eventTypes() == null ? List.of() : endpoint.eventTypes(), endpoint, model);
    }

    @PostMapping("/developers/webhook-endpoints/{id}")
    String update(@AuthenticationPrincipal WebUser user, @PathVariable String id,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        WebhookEndpoint endpoint = find(user.organization(), id);
        var updated = FormErrors.attempt(model, FIELDS, () -> endpoints.update(user.organization(), endpoint.id(),
                WebhookEndpointPayload.update(payload(form, true))));
        if (updated.isEmpty()) {
            return form(form.toSingleValueMap(), selectedTypes(form), endpoint, model);
        }
        redirect.addFlashAttribute("notice", "Webhook endpoint saved.");
        return "redirect:/developers";
    }

    @GetMapping("/developers/webhook-endpoints/{id}/delete")
    String confirmDelete(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        model.addAttribute("endpoint", find(user.organization(), id));
        return "developers/endpoint-delete";
    }

    @PostMapping("/developers/webhook-endpoints/{id}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String id, RedirectAttributes redirect) {
        endpoints.delete(user.organization(), PathIds.uuid(id, ROOT));
        redirect.addFlashAttribute("notice", "Webhook endpoint deleted.");
        return "redirect:/developers";
    }

    /**
     * The form as the API's body. A multi-select sends nothing when nothing is chosen, which on this form means
     * "every type": that is {@code event_types: null} to the API, on create and on edit alike.
     */
    private static ObjectNode payload(MultiValueMap<String, String> form, boolean blankClears) {
        ObjectNode body = LagoPayload.of(ROOT, form, Set.of(), blankClears);
        if (selectedTypes(form).isEmpty()) {
            ((ObjectNode) body.get(ROOT)).putNull(EVENT_TYPES);
        }
        return body;
    }

    private static List<String> selectedTypes(MultiValueMap<String, String> form) {
        List<String> types = form.get(EVENT_TYPES + "[]");
        return types == null ? List.of() : types;
    }

    private WebhookEndpoint find(OrganizationId organization, String id) {
        return endpoints.get(organization, PathIds.uuid(id, ROOT));
    }

    private static String form(Map<String, ?> values, List<String> selected, WebhookEndpoint endpoint, Model model) {
        model.addAttribute("form", values);
        model.addAttribute("selectedTypes", selected);
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("eventTypes", WebhookTypes.ALL);
        return "developers/endpoint-form";
    }
}

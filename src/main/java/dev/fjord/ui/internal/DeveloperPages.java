package dev.fjord.ui.internal;

import dev.fjord.api.PathIds;
import dev.fjord.organization.ApiKeys;
import dev.fjord.organization.NewApiKey;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.WebhookEndpoints;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Developers page: the organization's API keys and webhook endpoints. A new key's full value is handed to the
 * next page view only (a flash attribute), so it is shown once; afterwards only its masked form exists.
 */
@Controller
class DeveloperPages {
    private final ApiKeys apiKeys;
    private final WebhookEndpoints endpoints;

    DeveloperPages(ApiKeys apiKeys, WebhookEndpoints endpoints) {
        this.apiKeys = apiKeys;
        this.endpoints = endpoints;
    }

    @GetMapping("/developers")
    String overview(@AuthenticationPrincipal WebUser user, Model model) {
        OrganizationId organization = user.organization();
        model.addAttribute("apiKeys", apiKeys.list(organization));
        model.addAttribute("endpoints", endpoints.list(organization, WebhookEndpoints.MAX_ENDPOINTS, 0));
        model.addAttribute("maxEndpoints", WebhookEndpoints.MAX_ENDPOINTS);
        return "developers/overview";
    }

    @PostMapping("/developers/api-keys")
    String createKey(@AuthenticationPrincipal WebUser user, RedirectAttributes redirect) {
        NewApiKey created = apiKeys.create(user.organization());
        redirect.addFlashAttribute("newApiKey", created);
        return "redirect:/developers";
    }

    @GetMapping("/developers/api-keys/{id}/revoke")
    String confirmRevoke(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        model.addAttribute("apiKey", apiKeys.get(user.organization(), PathIds.uuid(id, "api_key")));
        return "developers/revoke";
    }

    @PostMapping("/developers/api-keys/{id}/revoke")
    String revoke(@AuthenticationPrincipal WebUser user, @PathVariable String id, RedirectAttributes redirect) {
        Flash.outcome(redirect, "API key revoked: it no longer opens the API.",
                () -> apiKeys.revoke(user.organization(), PathIds.uuid(id, "api_key")));
        return "redirect:/developers";
    }
}

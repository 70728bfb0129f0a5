package dev.fjord.ui.internal;

import dev.fjord.api.PathIds;
import dev.fjord.webhook.WebhookDelivery;
import dev.fjord.webhook.WebhookFilter;
import dev.fjord.webhook.WebhookLog;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook delivery log: the latest webhooks with where their delivery stands (refreshed by htmx), one webhook
 * with its body, and sending one again under the API's rule ({@code POST /api/v1/webhooks/{id}/retry}).
 */
@Controller
class WebhookLogPages {
    static final int LATEST = 50;

    private final WebhookLog log;
    private final JsonMapper json;

    WebhookLogPages(WebhookLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    @GetMapping("/developers/webhooks")
    String list(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) String status, Model model) {
        String shown = status == null || status.isBlank() ? null : status;
        model.addAttribute("webhooks", log.list(user.organization(), new WebhookFilter(shown, null, null), LATEST, 0));
        model.addAttribute("status", shown);
        model.addAttribute("statuses", WebhookFilter.STATUSES);
        return "developers/webhooks";
    }

    @GetMapping("/developers/webhooks/{id}")
    String show(@AuthenticationPrincipal WebUser user, @PathVariable String id, Model model) {
        WebhookDelivery webhook = log.get(user.organization(), PathIds.uuid(id, "webhook"));
        model.addAttribute("webhook", webhook);
        // shown indented for reading; the body sent is the stored text, byte for byte
        model.addAttribute("payload", json.writerWithDefaultPrettyPrinter()
                .writeValueAsString(json.readTree(webhook.payload())));
        return "developers/webhook";
    }

    @PostMapping("/developers/webhooks/{id}/retry")
    String retry(@AuthenticationPrincipal WebUser user, @PathVariable String id, RedirectAttributes redirect) {
        Flash.outcome(redirect, "The webhook will be sent again in a moment.",
                () -> log.retry(user.organization(), PathIds.uuid(id, "webhook")));
        return "redirect:/developers/webhooks/" + Paths.segment(id);
    }
}

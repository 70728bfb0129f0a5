package dev.fjord.ui.internal;

import dev.fjord.organization.Organization;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionPayload;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Subscribing a customer to a plan (from the customer page) and terminating a subscription, with confirmation. */
@Controller
class SubscriptionPages {
    private final Subscriptions subscriptions;

    SubscriptionPages(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping("/customers/{externalId}/subscriptions")
    String subscribe(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            @PathVariable String externalId, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        var sent = new LinkedMultiValueMap<>(LagoPayload.withInstants(form, Set.of("subscription_at"), owner.timezone()));
        sent.put("external_customer_id", List.of(externalId));
        try {
            Subscription created = subscriptions.create(user.organization(),
                    SubscriptionPayload.create(LagoPayload.of("subscription", sent, Set.of(), false)));
            redirect.addFlashAttribute("notice", "Subscribed to " + created.planCode() + ".");
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", "The subscription was not created. " + ErrorMessages.sentence(refused));
            redirect.addFlashAttribute("subscribeForm", form.toSingleValueMap());
        }
        return "redirect:/customers/" + Paths.segment(externalId);
    }

    @GetMapping("/subscriptions/{externalId}/terminate")
    String confirmTermination(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        model.addAttribute("subscription", live(user.organization(), externalId));
        return "subscriptions/terminate";
    }

    @PostMapping("/subscriptions/{externalId}/terminate")
    String terminate(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            RedirectAttributes redirect) {
        Subscription subscription = live(user.organization(), externalId);
        subscriptions.terminate(user.organization(), externalId, subscription.status());
        redirect.addFlashAttribute("notice", "Subscription terminated.");
        return "redirect:/customers/" + Paths.segment(subscription.externalCustomerId());
    }

    /** The active subscription with this id, else the pending one (both can be terminated). */
    private Subscription live(OrganizationId organization, String externalId) {
        try {
            return subscriptions.get(organization, externalId, SubscriptionStatus.ACTIVE);
        } catch (BillingError notActive) {
            return subscriptions.get(organization, externalId, SubscriptionStatus.PENDING);
        }
    }
}

package dev.fjord.ui.internal;

import dev.fjord.organization.Organization;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.PlanChange;
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

/**
 * Subscribing a customer to a plan (from the customer page), changing a subscription's plan, and terminating a
 * subscription, with confirmation.
 */
@Controller
class SubscriptionPages {
    private final Subscriptions subscriptions;
    private final Display display;

    SubscriptionPages(Subscriptions subscriptions, Display display) {
        this.subscriptions = subscriptions;
        this.display = display;
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

    /**
     * Lago's plan change: the subscription posted again with another plan, through the facade {@code POST
     * /subscriptions} uses. An upgrade takes effect at once; a downgrade waits for the end of the current period.
     */
    @PostMapping("/subscriptions/{externalId}/plan")
    String changePlan(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            @RequestParam(name = "plan_code", required = false) String planCode, RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        Subscription current = live(organization, externalId);
        var sent = new LinkedMultiValueMap<String, String>();
        sent.add("external_customer_id", current.externalCustomerId());
        sent.add("external_id", externalId);
        sent.add("plan_code", planCode == null ? "" : planCode);
        try {
            Subscription shown = subscriptions.create(organization,
                    SubscriptionPayload.create(LagoPayload.of("subscription", sent, Set.of(), false)));
            redirect.addFlashAttribute("notice", outcome(organization, current, shown));
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", "The plan was not changed. " + ErrorMessages.sentence(refused));
        }
        return "redirect:/customers/" + Paths.segment(current.externalCustomerId());
    }

    /** What the change did: the new plan at once, or the downgrade waiting with its date (customer's timezone). */
    private String outcome(OrganizationId organization, Subscription before, Subscription shown) {
        if (!shown.planCode().equals(before.planCode())) {
            return before.status() == SubscriptionStatus.PENDING
                    ? "Plan changed to " + shown.planCode() + " before the subscription starts."
                    : "Upgraded to " + shown.planCode() + " at once; " + before.planCode() + " ends now with its final invoice.";
        }
        PlanChange change = subscriptions.planChanges(organization, List.of(shown))
                .getOrDefault(shown.id(), PlanChange.NONE);
        if (change.nextPlanCode() == null) {
            return "The subscription is already on " + shown.planCode() + ".";
        }
        return "Downgrade to " + change.nextPlanCode() + " on " + display.date(change.downgradeAt(), shown.zone().getId())
                + ", when the current period of " + shown.planCode() + " ends.";
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

    /**
     * A scheduled change is the pending subscription of an external id: a downgrade waiting for the end of the current
     * period, or a subscription not started yet. Canceling it is Lago's {@code DELETE ?status=pending}: the pending one
     * becomes canceled, nothing is billed, and a current subscription keeps its plan and renews on it.
     */
    @GetMapping("/subscriptions/{externalId}/pending/cancel")
    String confirmCancel(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        OrganizationId organization = user.organization();
        Subscription pending = subscriptions.get(organization, externalId, SubscriptionStatus.PENDING);
        List<String> consequences = pending.downgradeAt() == null
                ? List.of("The subscription " + externalId + " to " + pending.planCode() + " was to start on "
                        + display.date(pending.subscriptionAt(), pending.zone().getId()) + ". It is canceled and never"
                        + " starts; nothing is billed for it.")
                : List.of("The change to " + pending.planCode() + " planned for "
                        + display.date(pending.downgradeAt(), pending.zone().getId()) + " is canceled; nothing is"
                        + " billed for it.", "The subscription " + externalId + " stays on its current plan, "
                        + subscriptions.get(organization, externalId, SubscriptionStatus.ACTIVE).planCode()
                        + ", and renews on it at the end of the period.");
        return new Confirmation("Cancel the scheduled change to " + pending.planCode() + "?", consequences,
                "/subscriptions/" + Paths.segment(externalId) + "/pending/cancel", "Yes, cancel the change",
                "/customers/" + Paths.segment(pending.externalCustomerId())).show(model);
    }

    @PostMapping("/subscriptions/{externalId}/pending/cancel")
    String cancelPending(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            RedirectAttributes redirect) {
        Subscription canceled = subscriptions.terminate(user.organization(), externalId, SubscriptionStatus.PENDING);
        redirect.addFlashAttribute("notice", "Scheduled change to " + canceled.planCode() + " canceled.");
        return "redirect:/customers/" + Paths.segment(canceled.externalCustomerId());
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

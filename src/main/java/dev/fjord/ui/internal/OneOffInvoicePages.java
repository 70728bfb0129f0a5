package dev.fjord.ui.internal;

import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoicePayload;
import dev.fjord.invoicing.Invoices;
import dev.fjord.shared.BillingError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/** A one-off invoice of one add-on fee, from the customer page; the add-on's price and taxes apply unless changed. */
@Controller
class OneOffInvoicePages {
    private final Invoices invoices;

    OneOffInvoicePages(Invoices invoices) {
        this.invoices = invoices;
    }

    @PostMapping("/customers/{externalId}/one-off-invoices")
    String create(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        // the form's inputs are the one fee's fields; the API takes them as {"invoice": {"fees": [fee]}}
        ObjectNode body = LagoPayload.of("invoice", Map.of("external_customer_id", List.of(externalId)), Set.of(),
                false);
        ((ObjectNode) body.get("invoice")).withArrayProperty("fees")
                .add(LagoPayload.of("fee", form, Set.of(), false).get("fee"));
        try {
            Invoice created = invoices.createOneOff(user.organization(), InvoicePayload.oneOff(body));
            redirect.addFlashAttribute("notice", "One-off invoice " + created.number() + " created.");
            return "redirect:/invoices/" + created.id();
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", "The invoice was not created. " + ErrorMessages.sentence(refused));
            redirect.addFlashAttribute("oneOffForm", form.toSingleValueMap());
            return "redirect:/customers/" + Paths.segment(externalId);
        }
    }
}

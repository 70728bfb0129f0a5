package dev.fjord.ui.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.AddOnPayload;
import dev.fjord.catalog.AddOns;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.organization.Organization;
import dev.fjord.shared.OrganizationId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/**
 * Add-ons (one-off charges): the list, the form to create or edit one (read by the API's own {@link AddOnPayload}),
 * with its price typed in currency units and its taxes ticked, and deletion.
 */
@Controller
class AddOnPages {
    static final List<String> FIELDS = List.of("name", "code", "invoice_display_name", "amount_cents",
            "amount_currency", "description", "tax_codes");
    static final String TAX_CODES = "tax_codes[]";
    private static final int TAXES_SHOWN = 100;

    private final AddOns addOns;
    private final Taxes taxes;

    AddOnPages(AddOns addOns, Taxes taxes) {
        this.addOns = addOns;
        this.taxes = taxes;
    }

    @GetMapping("/add-ons")
    String list(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) Integer page, Model model) {
        Pagination requested = Pagination.of(page, 0);
        var result = addOns.list(user.organization(), requested.pageSize(), requested.offset());
        model.addAttribute("addOns", result.addOns());
        model.addAttribute("pagination", Pagination.of(page, result.totalCount()));
        return "catalog/add-ons";
    }

    @GetMapping("/add-ons/new")
    String newAddOn(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            Model model) {
        return form(user.organization(), Map.of("amount_currency", owner.defaultCurrency()), List.of(), null, model);
    }

    @PostMapping("/add-ons")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form,
            Model model, RedirectAttributes redirect) {
        var created = FormErrors.attempt(model, FIELDS,
                () -> addOns.create(user.organization(), AddOnPayload.read(payload(form, false), true)));
        if (created.isEmpty()) {
            return form(user.organization(), form.toSingleValueMap(), ticked(form), null, model);
        }
        redirect.addFlashAttribute("notice", "Add-on " + created.get().code() + " created.");
        return "redirect:/add-ons";
    }

    @GetMapping("/add-ons/{code}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        AddOn addOn = addOns.get(user.organization(), code);
        Map<String, Object> values = new HashMap<>();
        values.put("name", addOn.name());
        values.put("code", addOn.code());
        values.put("invoice_display_name", addOn.invoiceDisplayName());
        values.put("amount_cents", TypedAmount.typed(addOn.amountCents(), addOn.amountCurrency()));
        values.put("amount_currency", addOn.amountCurrency());
        values.put("description", addOn.description());
        return form(user.organization(), values, addOn.taxes().stream().map(Tax::code).toList(), code, model);
    }

    @PostMapping("/add-ons/{code}")
    String update(@AuthenticationPrincipal WebUser user, @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        var updated = FormErrors.attempt(model, FIELDS,
                () -> addOns.update(user.organization(), code, AddOnPayload.read(payload(form, true), false)));
        if (updated.isEmpty()) {
            return form(user.organization(), form.toSingleValueMap(), ticked(form), code, model);
        }
        redirect.addFlashAttribute("notice", "Add-on " + updated.get().code() + " saved.");
        return "redirect:/add-ons";
    }

    @GetMapping("/add-ons/{code}/delete")
    String confirmDeletion(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        AddOn addOn = addOns.get(user.organization(), code);
        return new Confirmation("Delete the add-on " + addOn.name() + "?", List.of(
                "The add-on " + addOn.code() + " can no longer be put on one-off invoices, and its code becomes free.",
                "Invoices already issued keep their add-on fees. This cannot be undone."),
                "/add-ons/" + Paths.segment(code) + "/delete", "Yes, delete the add-on", "/add-ons").show(model);
    }

    @PostMapping("/add-ons/{code}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String code, RedirectAttributes redirect) {
        addOns.delete(user.organization(), code);
        redirect.addFlashAttribute("notice", "Add-on " + code + " deleted.");
        return "redirect:/add-ons";
    }

    /**
     * The price typed in currency units becomes minor units; the ticked taxes are always the full list (none ticked
     * removes them all); blank fields clear only on edit.
     */
    private static ObjectNode payload(MultiValueMap<String, String> form, boolean editing) {
        ObjectNode body = LagoPayload.of("add_on", form, Set.of(), editing);
        ObjectNode addOn = (ObjectNode) body.get("add_on");
        String currency = form.getFirst("amount_currency");
        if (currency != null && !currency.isBlank()) {
            currency = currency.strip().toUpperCase(Locale.ROOT);
            addOn.put("amount_currency", currency);
        }
        TypedAmount.convert(addOn, "amount_cents", currency);
        addOn.withArrayProperty("tax_codes");
        return body;
    }

    private static List<String> ticked(MultiValueMap<String, String> form) {
        return form.getOrDefault(TAX_CODES, List.of());
    }

    private String form(OrganizationId organization, Map<String, ?> values, List<String> taxCodes, String editing,
            Model model) {
        model.addAttribute("form", values);
        model.addAttribute("taxCodes", taxCodes);
        model.addAttribute("taxes", taxes.list(organization, TAXES_SHOWN, 0).taxes());
        model.addAttribute("editing", editing);
        return "catalog/add-on-form";
    }
}

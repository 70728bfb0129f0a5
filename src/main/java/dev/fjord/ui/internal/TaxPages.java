package dev.fjord.ui.internal;

import dev.fjord.catalog.Tax;
import dev.fjord.catalog.TaxPayload;
import dev.fjord.catalog.Taxes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/** Taxes: the list, the form to create or edit one (read by the API's own {@link TaxPayload}), and deletion. */
@Controller
class TaxPages {
    static final List<String> FIELDS = List.of("name", "code", "rate", "description");
    private static final String APPLIED = "applied_to_organization";

    private final Taxes taxes;

    TaxPages(Taxes taxes) {
        this.taxes = taxes;
    }

    @GetMapping("/taxes")
    String list(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) Integer page, Model model) {
        Pagination first = Pagination.of(page, 0);
        var result = taxes.list(user.organization(), first.pageSize(), first.offset());
        model.addAttribute("taxes", result.taxes());
        model.addAttribute("pagination", Pagination.of(page, result.totalCount()));
        return "catalog/taxes";
    }

    @GetMapping("/taxes/new")
    String newTax(Model model) {
        return form(Map.of(), null, model);
    }

    @PostMapping("/taxes")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        var created = FormErrors.attempt(model, FIELDS,
                () -> taxes.create(user.organization(), TaxPayload.read(payload(form, false), true)));
        if (created.isEmpty()) {
            return form(form.toSingleValueMap(), null, model);
        }
        redirect.addFlashAttribute("notice", "Tax " + created.get().code() + " created.");
        return "redirect:/taxes";
    }

    @GetMapping("/taxes/{code}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        Tax tax = taxes.get(user.organization(), code);
        Map<String, Object> values = new HashMap<>();
        values.put("name", tax.name());
        values.put("code", tax.code());
        values.put("rate", tax.rate().stripTrailingZeros().toPlainString());
        values.put("description", tax.description());
        if (tax.appliedToOrganization()) {
            values.put(APPLIED, "on");
        }
        return form(values, code, model);
    }

    @PostMapping("/taxes/{code}")
    String update(@AuthenticationPrincipal WebUser user, @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        var updated = FormErrors.attempt(model, FIELDS,
                () -> taxes.update(user.organization(), code, TaxPayload.read(payload(form, true), false)));
        if (updated.isEmpty()) {
            return form(form.toSingleValueMap(), code, model);
        }
        redirect.addFlashAttribute("notice", "Tax " + updated.get().code() + " saved.");
        return "redirect:/taxes";
    }

    @GetMapping("/taxes/{code}/delete")
    String confirmDeletion(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        Tax tax = taxes.get(user.organization(), code);
        return new Confirmation("Delete the tax " + tax.name() + "?", List.of(
                "The tax " + tax.code() + " (" + tax.rate().stripTrailingZeros().toPlainString() + "%) is removed from"
                        + " every customer, plan and add-on it applies to: their next invoices no longer charge it.",
                "Invoices already issued keep it. This cannot be undone."),
                "/taxes/" + Paths.segment(code) + "/delete", "Yes, delete the tax", "/taxes").show(model);
    }

    /** Lago's deletion: the tax leaves the customers, plans and add-ons it was applied to. */
    @PostMapping("/taxes/{code}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String code, RedirectAttributes redirect) {
        taxes.delete(user.organization(), code);
        redirect.addFlashAttribute("notice", "Tax " + code + " deleted.");
        return "redirect:/taxes";
    }

    /** A checkbox is absent when unticked, so its value is always sent; blank fields clear only on edit. */
    private static ObjectNode payload(MultiValueMap<String, String> form, boolean editing) {
        var sent = new LinkedMultiValueMap<>(form);
        sent.remove(APPLIED);
        ObjectNode body = LagoPayload.of("tax", sent, Set.of(), editing);
        ((ObjectNode) body.get("tax")).put(APPLIED, form.containsKey(APPLIED));
        return body;
    }

    private static String form(Map<String, ?> values, String editing, Model model) {
        model.addAttribute("form", values);
        model.addAttribute("editing", editing);
        return "catalog/tax-form";
    }
}

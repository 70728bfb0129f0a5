package dev.fjord.ui.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetrics;
import dev.fjord.catalog.ChargeModel;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.PlanInterval;
import dev.fjord.catalog.PlanPayload;
import dev.fjord.catalog.Plans;
import dev.fjord.organization.Organization;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Plans: list, the plan form (create and edit) with any number of charges (each in any charge model, with filters) sent as Lago's plan
 * payload through {@link PlanPayload} and {@link Plans}, the plan page, and deleting a plan after a confirmation.
 */
@Controller
class PlanPages {
    static final List<String> PLAN_FIELDS = List.of("name", "code", "interval", "amount_cents", "amount_currency");
    static final List<String> CHARGE_MODELS = Arrays.stream(ChargeModel.values()).map(ChargeModel::code).toList();
    private static final int CATALOG_PAGE = 100;
    /** The edit form's hidden field naming the plan, so that a redraw draws the edit form again. */
    private static final String EDITING = "editing";

    private final Plans plans;
    private final BillableMetrics metrics;

    PlanPages(Plans plans, BillableMetrics metrics) {
        this.plans = plans;
        this.metrics = metrics;
    }

    @GetMapping("/plans")
    String plans(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) Integer page, Model model) {
        OrganizationId organization = user.organization();
        Pagination pagination = Pagination.of(page, plans.count(organization));
        model.addAttribute("plans", plans.list(organization, pagination.pageSize(), pagination.offset()));
        model.addAttribute("pagination", pagination);
        return "catalog/plans";
    }

    @GetMapping("/plans/new")
    String newPlan(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            Model model) {
        return planForm(user.organization(), PlanForm.blank(owner.defaultCurrency()), List.of(), null, model);
    }

    /**
     * The form drawn again with a charge or filter added or removed, or for another metric or model (htmx); the
     * edit form names its plan in {@code editing}.
     */
    @PostMapping("/plans/new/redraw")
    String redraw(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "form_action", defaultValue = "") String action,
            @RequestParam(name = EDITING, required = false) String editing, Model model) {
        List<PlanForm.Charge> charges = PlanForm.edited(PlanForm.charges(form), action);
        return planForm(user.organization(), form.toSingleValueMap(), charges, editing, model);
    }

    @PostMapping("/plans")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        try {
            Plan created = plans.create(organization, PlanPayload.read(PlanForm.payload(form), true));
            redirect.addFlashAttribute("notice", "Plan created.");
            return "redirect:/plans/" + Paths.segment(created.code());
        } catch (BillingError refused) {
            return refusedForm(organization, form, refused, null, model);
        }
    }

    @GetMapping("/plans/{code}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        Plan plan = plans.get(user.organization(), code);
        return planForm(user.organization(), StoredPlanForm.values(plan), StoredPlanForm.charges(plan), code, model);
    }

    /** Lago's {@code PUT /plans/{code}}: the plan's fields and its full list of charges, those kept named by id. */
    @PostMapping("/plans/{code}")
    String update(@AuthenticationPrincipal WebUser user, @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        try {
            Plan updated = plans.update(organization, code, PlanPayload.read(PlanForm.payload(form), false));
            redirect.addFlashAttribute("notice", "Plan saved.");
            return "redirect:/plans/" + Paths.segment(updated.code());
        } catch (BillingError refused) {
            return refusedForm(organization, form, refused, code, model);
        }
    }

    @GetMapping("/plans/{code}")
    String plan(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        OrganizationId organization = user.organization();
        Plan plan = plans.get(organization, code);
        model.addAttribute("plan", plan);
        model.addAttribute("metrics", plans.metricsOf(organization, plan));
        model.addAttribute("activeSubscriptions", plans.subscriptionCounts(organization, plan.id())[0]);
        return "catalog/plan";
    }

    /** Deleting a plan terminates its subscriptions, as in Lago: the page asks first (a confirm() on the button). */
    @PostMapping("/plans/{code}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String code, RedirectAttributes redirect) {
        plans.delete(user.organization(), code);
        redirect.addFlashAttribute("notice", "Plan " + code + " deleted.");
        return "redirect:/plans";
    }

    /** The form again with each message where it belongs: next to its charge or filter, or on the plan. */
    private String refusedForm(OrganizationId organization, MultiValueMap<String, String> form, BillingError refused,
            String editing, Model model) {
        var located = new ChargeErrors(plans, organization).locate(refused, PlanForm.charges(form), PLAN_FIELDS);
        model.addAttribute("errors", located.plan());
        model.addAttribute("chargesRefused", located.charges().stream().anyMatch(c -> !c.errors().isEmpty()
                || c.filters().stream().anyMatch(f -> !f.errors().isEmpty())));
        return planForm(organization, form.toSingleValueMap(), located.charges(), editing, model);
    }

    private String planForm(OrganizationId organization, Map<String, ?> form, List<PlanForm.Charge> charges,
            String editing, Model model) {
        List<BillableMetric> offered = metrics.list(organization, CATALOG_PAGE, 0);
        Map<String, BillableMetric> byId = new LinkedHashMap<>();
        offered.forEach(m -> byId.put(m.id().toString(), m));
        model.addAttribute("form", form);
        model.addAttribute("charges", charges);
        model.addAttribute("payableInAdvance", charges.stream().map(c -> payableInAdvance(byId.get(c.metricId()), c)).toList());
        model.addAttribute("intervals", Arrays.stream(PlanInterval.values()).map(PlanInterval::code).toList());
        model.addAttribute("chargeModels", CHARGE_MODELS);
        model.addAttribute("metrics", offered);
        model.addAttribute("metricsById", byId);
        model.addAttribute("editing", editing);
        // the plan facade refuses another interval, currency or pay in advance under live subscriptions
        model.addAttribute("locked", editing != null
                && plans.subscriptionCounts(organization, plans.get(organization, editing).id())[0] > 0);
        return "catalog/plan-form";
    }

    /** Whether to offer "pay in advance": by the plan facade's rule once a metric is picked (the API checks it too). */
    private static boolean payableInAdvance(BillableMetric metric, PlanForm.Charge charge) {
        return metric == null || ChargeModel.fromCode(charge.model())
                .map(m -> Plans.canPayInAdvance(metric.aggregationType(), m)).orElse(true);
    }
}

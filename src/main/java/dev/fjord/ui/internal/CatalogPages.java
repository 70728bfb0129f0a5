package dev.fjord.ui.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetricPayload;
import dev.fjord.catalog.BillableMetrics;
import dev.fjord.catalog.ChargeModel;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.PlanInterval;
import dev.fjord.catalog.PlanPayload;
import dev.fjord.catalog.Plans;
import dev.fjord.organization.Organization;
import dev.fjord.shared.OrganizationId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.node.ObjectNode;

/** The catalog: billable metrics, and plans with their charges (the plan form offers every charge model). */
@Controller
class CatalogPages {
    static final List<String> PLAN_FIELDS = List.of("name", "code", "interval", "amount_cents", "amount_currency",
            "properties", "billable_metric_id", "charge_model");
    static final List<String> CHARGE_MODELS = Arrays.stream(ChargeModel.values()).map(ChargeModel::code).toList();
    static final List<String> METRIC_FIELDS = List.of("name", "code", "aggregation_type", "field_name", "description");
    private static final int TIER_ROWS = 4;
    private static final int CATALOG_PAGE = 100;

    private final Plans plans;
    private final BillableMetrics metrics;

    CatalogPages(Plans plans, BillableMetrics metrics) {
        this.plans = plans;
        this.metrics = metrics;
    }

    @GetMapping("/metrics")
    String metrics(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) Integer page, Model model) {
        OrganizationId organization = user.organization();
        Pagination pagination = Pagination.of(page, metrics.count(organization));
        model.addAttribute("metrics", metrics.list(organization, pagination.pageSize(), pagination.offset()));
        model.addAttribute("pagination", pagination);
        return "catalog/metrics";
    }

    @GetMapping("/metrics/new")
    String newMetric(Model model) {
        return metricForm(Map.of("aggregation_type", AggregationType.COUNT_AGG.code()), model);
    }

    @PostMapping("/metrics")
    String createMetric(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form,
            Model model, RedirectAttributes redirect) {
        var sent = new LinkedMultiValueMap<>(form);
        sent.remove("recurring");
        ObjectNode body = LagoPayload.of("billable_metric", sent, Set.of(), false);
        ((ObjectNode) body.get("billable_metric")).put("recurring", form.containsKey("recurring"));
        var created = FormErrors.attempt(model, METRIC_FIELDS,
                () -> metrics.create(user.organization(), BillableMetricPayload.create(body)));
        if (created.isEmpty()) {
            return metricForm(form.toSingleValueMap(), model);
        }
        redirect.addFlashAttribute("notice", "Billable metric created.");
        return "redirect:/metrics";
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
        return planForm(user.organization(), PlanForm.blank(owner.defaultCurrency()), List.of(), model);
    }

    @PostMapping("/plans")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        var created = FormErrors.attempt(model, PLAN_FIELDS,
                () -> plans.create(organization, PlanPayload.read(PlanForm.payload(form), true)));
        if (created.isEmpty()) {
            return planForm(organization, form.toSingleValueMap(), PlanForm.tiers(form), model);
        }
        redirect.addFlashAttribute("notice", "Plan created.");
        return "redirect:/plans/" + Paths.segment(created.get().code());
    }

    @GetMapping("/plans/{code}")
    String plan(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        OrganizationId organization = user.organization();
        Plan plan = plans.get(organization, code);
        model.addAttribute("plan", plan);
        model.addAttribute("metrics", plans.metricsOf(organization, plan));
        return "catalog/plan";
    }

    private String metricForm(Map<String, ?> form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("aggregations", Arrays.stream(AggregationType.values()).map(AggregationType::code).toList());
        return "catalog/metric-form";
    }

    private String planForm(OrganizationId organization, Map<String, ?> form, List<PlanForm.Tier> tiers, Model model) {
        List<PlanForm.Tier> rows = new java.util.ArrayList<>(tiers.stream().filter(t -> !t.blank()).toList());
        if (rows.isEmpty()) {
            rows.add(new PlanForm.Tier("0", "", "", ""));
        }
        while (rows.size() < TIER_ROWS) {
            rows.add(new PlanForm.Tier("", "", "", ""));
        }
        model.addAttribute("form", form);
        model.addAttribute("tiers", rows);
        model.addAttribute("intervals", Arrays.stream(PlanInterval.values()).map(PlanInterval::code).toList());
        model.addAttribute("chargeModels", CHARGE_MODELS);
        model.addAttribute("metrics", metrics.list(organization, CATALOG_PAGE, 0));
        return "catalog/plan-form";
    }
}

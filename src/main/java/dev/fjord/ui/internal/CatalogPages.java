package dev.fjord.ui.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetricPayload;
import dev.fjord.catalog.BillableMetrics;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.node.ObjectNode;

/** The catalog's billable metrics (plans are {@link PlanPages}). */
@Controller
class CatalogPages {
    static final List<String> METRIC_FIELDS = List.of("name", "code", "aggregation_type", "field_name", "description");

    private final BillableMetrics metrics;

    CatalogPages(BillableMetrics metrics) {
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

    private String metricForm(Map<String, ?> form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("aggregations", Arrays.stream(AggregationType.values()).map(AggregationType::code).toList());
        return "catalog/metric-form";
    }
}

package dev.fjord.ui.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetricPayload;
import dev.fjord.catalog.BillableMetrics;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The catalog's billable metrics (plans are {@link PlanPages}): list, and the metric form (create and edit) with its
 * filter rows, sent as Lago's billable metric payload through {@link BillableMetricPayload} and {@link BillableMetrics}.
 */
@Controller
class CatalogPages {
    static final List<String> METRIC_FIELDS = List.of("name", "code", "aggregation_type", "field_name", "description",
            "weighted_interval", "recurring", "rounding_function", "rounding_precision", "filters");
    /** The choices the reader takes, in the words shown ("" sends nothing: the API's default). */
    private static final Map<String, String> WEIGHTINGS = Choices.of(
            "", "Default (per second)", "seconds", "Per second");
    private static final Map<String, String> ROUNDINGS = Choices.of(
            "", "No rounding", "round", "Round to nearest", "ceil", "Round up", "floor", "Round down");
    /** The edit form's hidden field naming the metric, so that a redraw draws the edit form again. */
    private static final String EDITING = "editing";

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
    String newMetric(@AuthenticationPrincipal WebUser user, Model model) {
        return metricForm(user.organization(), Map.of("aggregation_type", AggregationType.COUNT_AGG.code()), List.of(),
                null, model);
    }

    /** The form drawn again with a filter row added or removed (htmx), nothing saved. */
    @PostMapping("/metrics/new/redraw")
    String redraw(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "form_action", defaultValue = "") String action,
            @RequestParam(name = EDITING, required = false) String editing, Model model) {
        List<MetricForm.FilterRow> rows = MetricForm.edited(MetricForm.filters(form), action);
        return metricForm(user.organization(), form.toSingleValueMap(), rows, editing, model);
    }

    @PostMapping("/metrics")
    String createMetric(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form,
            Model model, RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        try {
            metrics.create(organization, BillableMetricPayload.create(MetricForm.payload(form, false, false)));
        } catch (BillingError refused) {
            return refusedForm(organization, form, refused, null, model);
        }
        redirect.addFlashAttribute("notice", "Billable metric created.");
        return "redirect:/metrics";
    }

    @GetMapping("/metrics/{code}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        BillableMetric metric = metrics.get(user.organization(), code);
        return metricForm(user.organization(), MetricForm.values(metric), MetricForm.rows(metric), code, model);
    }

    /** Lago's {@code PUT /billable_metrics/{code}}: every field the form shows and the full filter list. */
    @PostMapping("/metrics/{code}")
    String update(@AuthenticationPrincipal WebUser user, @PathVariable String code,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        boolean locked = usedByPlans(organization, metrics.get(organization, code));
        try {
            metrics.update(organization, code, BillableMetricPayload.update(MetricForm.payload(form, true, locked)));
        } catch (BillingError refused) {
            return refusedForm(organization, form, refused, code, model);
        }
        redirect.addFlashAttribute("notice", "Billable metric saved.");
        return "redirect:/metrics";
    }

    private String refusedForm(OrganizationId organization, MultiValueMap<String, String> form, BillingError refused,
            String editing, Model model) {
        model.addAttribute("errors", FormErrors.of(refused, METRIC_FIELDS));
        List<MetricForm.FilterRow> rows = MetricForm.located(MetricForm.filters(form), refused);
        return metricForm(organization, form.toSingleValueMap(), rows, editing, model);
    }

    private String metricForm(OrganizationId organization, Map<String, ?> form, List<MetricForm.FilterRow> filters,
            String editing, Model model) {
        BillableMetric stored = editing == null ? null : metrics.get(organization, editing);
        model.addAttribute("form", form);
        model.addAttribute("filters", filters);
        model.addAttribute("filtersLocated", filters.stream().anyMatch(f -> f.message() != null));
        model.addAttribute("aggregations", Arrays.stream(AggregationType.values()).map(AggregationType::code).toList());
        model.addAttribute("weightings", WEIGHTINGS);
        model.addAttribute("roundings", ROUNDINGS);
        model.addAttribute("editing", editing);
        // the facade refuses a new aggregation, field, interval or recurring once plans price the metric
        model.addAttribute("locked", stored != null && usedByPlans(organization, stored));
        model.addAttribute("stored", stored);
        return "catalog/metric-form";
    }

    private boolean usedByPlans(OrganizationId organization, BillableMetric metric) {
        return metrics.plansCount(organization, metric.id()) > 0;
    }
}

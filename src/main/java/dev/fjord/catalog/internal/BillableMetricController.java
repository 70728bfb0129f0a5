package dev.fjord.catalog.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetricInput;
import dev.fjord.catalog.BillableMetrics;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Limits;
import dev.fjord.shared.OrganizationId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/billable_metrics}. */
@RestController
@RequestMapping("/api/v1/billable_metrics")
class BillableMetricController {
    static final List<String> AGGREGATION_TYPES = Arrays.stream(AggregationType.values()).map(AggregationType::code).toList();
    /** Accepted by Lago, not by Fjord yet: they need a custom code runtime or an expression engine. */
    static final List<String> UNSUPPORTED_AGGREGATION_TYPES = List.of("custom_agg");
    static final List<String> ROUNDING_FUNCTIONS = List.of("round", "ceil", "floor");
    static final int MAX_FILTERS = 50;
    static final int MAX_FILTER_VALUES = 500;
    static final int MAX_ROUNDING_PRECISION = 15;

    private final BillableMetrics metrics;

    BillableMetricController(BillableMetrics metrics) {
        this.metrics = metrics;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        JsonInput in = JsonInput.root(body, "billable_metric");
        for (String mandatory : List.of("name", "code", "aggregation_type")) {
            if (!in.has(mandatory)) {
                in.error(mandatory, "value_is_mandatory");
            }
        }
        BillableMetricInput input = read(in);
        if ("weighted_sum_agg".equals(input.changes().get("aggregation_type")) && !input.changes().sets("weighted_interval")) {
            input.changes().set("weighted_interval", "seconds");
        }
        return json(organization, metrics.create(organization, input));
    }

    @PutMapping("/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String code,
            @RequestBody(required = false) JsonNode body) {
        return json(organization, metrics.update(organization, code, read(JsonInput.root(body, "billable_metric"))));
    }

    @GetMapping("/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return json(organization, metrics.get(organization, code));
    }

    @DeleteMapping("/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("billable_metric", BillableMetricJson.of(metrics.delete(organization, code), 0));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        List<BillableMetricJson> items = metrics.list(organization, page.perPage(), page.offset()).stream()
                .map(m -> BillableMetricJson.of(m, metrics.plansCount(organization, m.id()))).toList();
        return ListResponse.of("billable_metrics", items, page, metrics.count(organization));
    }

    private Map<String, Object> json(OrganizationId organization, BillableMetric metric) {
        return Map.of("billable_metric", BillableMetricJson.of(metric, metrics.plansCount(organization, metric.id())));
    }

    private static BillableMetricInput read(JsonInput in) {
        Changes changes = new Changes();
        String code = in.string("code", Limits.MAX_TEXT_LENGTH);
        in.setRequiredIfSent(changes, "name", in.string("name", Limits.MAX_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "code", code);
        in.setIfSent(changes, "description", in.string("description", Limits.MAX_LONG_TEXT_LENGTH));
        String type = in.string("aggregation_type", 64);
        if (type != null && UNSUPPORTED_AGGREGATION_TYPES.contains(type)) {
            in.error("aggregation_type", "not_supported");
        } else if (type != null && !AGGREGATION_TYPES.contains(type)) {
            in.error("aggregation_type", "value_is_invalid");
        }
        in.setRequiredIfSent(changes, "aggregation_type", type);
        in.setIfSent(changes, "field_name", in.string("field_name", Limits.MAX_TEXT_LENGTH));
        in.setIfSent(changes, "weighted_interval", in.oneOf("weighted_interval", List.of("seconds")));
        in.setRequiredIfSent(changes, "recurring", in.bool("recurring"));
        in.setIfSent(changes, "rounding_function", in.oneOf("rounding_function", ROUNDING_FUNCTIONS));
        in.setIfSent(changes, "rounding_precision",
                in.integer("rounding_precision", -MAX_ROUNDING_PRECISION, MAX_ROUNDING_PRECISION));
        if (in.string("expression", Limits.MAX_LONG_TEXT_LENGTH) != null) {
            in.error("expression", "not_supported");
        }
        List<BillableMetric.Filter> filters = readFilters(in);
        in.validate();
        return new BillableMetricInput(code, changes, filters);
    }

    /** {@code filters: [{key, values: [...]}]}: keys unique, at least one value each. */
    private static List<BillableMetric.Filter> readFilters(JsonInput in) {
        List<JsonInput> items = in.objects("filters", MAX_FILTERS);
        if (items == null) {
            return in.has("filters") && !in.hasError("filters") ? List.of() : null;
        }
        List<BillableMetric.Filter> filters = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonInput item : items) {
            String key = item.string("key", Limits.MAX_TEXT_LENGTH);
            List<String> values = item.stringList("values", MAX_FILTER_VALUES, Limits.MAX_TEXT_LENGTH);
            if (key == null || values == null || values.isEmpty()) {
                if (!item.hasError("key")) {
                    item.error("key", "value_is_mandatory");
                }
                continue;
            }
            if (!keys.add(key)) {
                item.error("key", "value_already_exist");
            }
            filters.add(new BillableMetric.Filter(key, values));
        }
        return filters;
    }
}

package dev.fjord.catalog.internal;

import dev.fjord.api.JsonInput;
import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetricInput;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Limits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Lago's billable metric payload, read with every error collected into one 422. */
public final class BillableMetricInputReader {
    static final List<String> AGGREGATION_TYPES = Arrays.stream(AggregationType.values()).map(AggregationType::code).toList();
    /** Accepted by Lago, not by Fjord yet: they need a custom code runtime or an expression engine. */
    static final List<String> UNSUPPORTED_AGGREGATION_TYPES = List.of("custom_agg");
    static final List<String> ROUNDING_FUNCTIONS = List.of("round", "ceil", "floor");
    static final int MAX_FILTERS = 50;
    static final int MAX_FILTER_VALUES = 500;
    static final int MAX_ROUNDING_PRECISION = 15;

    private BillableMetricInputReader() {}

    /** {@code POST /billable_metrics}: name, code and aggregation type are mandatory; weighted sums default to seconds. */
    public static BillableMetricInput create(JsonInput in) {
        for (String mandatory : List.of("name", "code", "aggregation_type")) {
            if (!in.has(mandatory)) {
                in.error(mandatory, "value_is_mandatory");
            }
        }
        BillableMetricInput input = read(in);
        if ("weighted_sum_agg".equals(input.changes().get("aggregation_type")) && !input.changes().sets("weighted_interval")) {
            input.changes().set("weighted_interval", "seconds");
        }
        return input;
    }

    /** {@code PUT /billable_metrics/{code}}: the sent fields only. */
    public static BillableMetricInput read(JsonInput in) {
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

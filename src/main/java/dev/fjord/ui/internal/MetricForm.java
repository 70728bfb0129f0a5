package dev.fjord.ui.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.shared.BillingError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The billable metric form as Lago's billable metric payload: its plain fields carry the API's names, its filter rows
 * ({@code filters[0].key}, {@code filters[0].values}: values separated by commas or lines) become
 * {@code filters: [{key, values}]}. The catalog's reader validates it all, as for an API call.
 */
final class MetricForm {
    /** The fields a plan's prices depend on: not sent once plans use the metric (the facade refuses them then). */
    static final List<String> PRICING_FIELDS = List.of("aggregation_type", "field_name", "weighted_interval");
    private static final List<String> OTHER_FIELDS = List.of("name", "code", "description", "rounding_function",
            "rounding_precision");
    private static final Pattern FILTER_INPUT = Pattern.compile("filters\\[(\\d{1,3})]\\.(key|values)");
    private static final Pattern VALUE_SEPARATOR = Pattern.compile("[,\\r\\n]+");
    private static final String REMOVE_FILTER = "remove_filter:";

    private MetricForm() {}

    /** One filter row as typed; {@code message} says why the API refused it, when it did. */
    record FilterRow(String key, String values, String message) {
        static FilterRow blank() {
            return new FilterRow("", "", null);
        }

        List<String> valueList() {
            return Arrays.stream(VALUE_SEPARATOR.split(values)).map(String::strip).filter(v -> !v.isEmpty()).toList();
        }

        /** A row left empty is not a filter: it is not sent. */
        boolean isBlank() {
            return key.isBlank() && valueList().isEmpty();
        }

        FilterRow withMessage(String text) {
            return new FilterRow(key, values, text);
        }
    }

    static List<FilterRow> filters(MultiValueMap<String, String> form) {
        Map<Integer, String[]> rows = new TreeMap<>();
        form.forEach((name, values) -> {
            Matcher input = FILTER_INPUT.matcher(name);
            if (input.matches() && !values.isEmpty()) {
                String[] row = rows.computeIfAbsent(Integer.parseInt(input.group(1)), i -> new String[] {"", ""});
                row[input.group(2).equals("key") ? 0 : 1] = values.get(0);
            }
        });
        return rows.values().stream().map(r -> new FilterRow(r[0], r[1], null)).toList();
    }

    /** The rows after the redraw's action: {@code add_filter} or {@code remove_filter:<index>}. */
    static List<FilterRow> edited(List<FilterRow> rows, String action) {
        List<FilterRow> edited = new ArrayList<>(rows);
        if (action.equals("add_filter")) {
            edited.add(FilterRow.blank());
        } else if (action.startsWith(REMOVE_FILTER)) {
            try {
                int index = Integer.parseInt(action.substring(REMOVE_FILTER.length()));
                if (index >= 0 && index < edited.size()) {
                    edited.remove(index);
                }
            } catch (NumberFormatException ignored) {
                // a tampered action draws the form unchanged
            }
        }
        return edited;
    }

    /**
     * The payload: on an update blank fields clear (name, code and aggregation are then the API's "required"), and
     * with {@code pricingLocked} the pricing fields and recurring are left out; the filter list is always sent whole.
     */
    static ObjectNode payload(MultiValueMap<String, String> form, boolean update, boolean pricingLocked) {
        Map<String, List<String>> plain = new LinkedHashMap<>();
        List<String> fields = new ArrayList<>(OTHER_FIELDS);
        if (!pricingLocked) {
            fields.addAll(PRICING_FIELDS);
        }
        fields.stream().filter(form::containsKey).forEach(f -> plain.put(f, form.get(f)));
        ObjectNode body = LagoPayload.of("billable_metric", plain, Set.of("rounding_precision"), update);
        ObjectNode metric = (ObjectNode) body.get("billable_metric");
        if (!pricingLocked) {
            metric.put("recurring", form.containsKey("recurring"));
        }
        ArrayNode filters = metric.putArray("filters");
        for (FilterRow row : filters(form)) {
            if (row.isBlank()) {
                continue;
            }
            ObjectNode filter = filters.addObject();
            if (!row.key().isBlank()) {
                filter.put("key", row.key().strip());
            }
            ArrayNode values = filter.putArray("values");
            row.valueList().forEach(values::add);
        }
        return body;
    }

    /** A stored metric as the form's values. */
    static Map<String, Object> values(BillableMetric metric) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", metric.name());
        values.put("code", metric.code());
        values.put("description", metric.description());
        values.put("aggregation_type", metric.aggregationType().code());
        values.put("field_name", metric.fieldName());
        values.put("weighted_interval", metric.weightedInterval());
        values.put("rounding_function", metric.roundingFunction());
        values.put("rounding_precision", metric.roundingPrecision() == null ? null : metric.roundingPrecision().toString());
        if (metric.recurring()) {
            values.put("recurring", "on");
        }
        return values;
    }

    static List<FilterRow> rows(BillableMetric metric) {
        return metric.filters().stream().map(f -> new FilterRow(f.key(), String.join(", ", f.values()), null)).toList();
    }

    /**
     * Lago reports a refused filter under {@code filters} without saying which: each row the API's codes describe
     * (no key or no value: {@code value_is_mandatory}; a key twice: {@code value_already_exist}) gets the message.
     */
    static List<FilterRow> located(List<FilterRow> rows, BillingError refused) {
        Object details = refused.details() == null ? null : refused.details().get("filters");
        List<String> codes = details == null ? List.of() : ErrorMessages.codes(details);
        Set<String> keys = new HashSet<>();
        List<FilterRow> located = new ArrayList<>();
        for (FilterRow row : rows) {
            boolean incomplete = !row.isBlank() && (row.key().isBlank() || row.valueList().isEmpty());
            String message = null;
            if (incomplete && codes.contains("value_is_mandatory")) {
                message = "Give this filter a key and at least one value.";
            } else if (!row.isBlank() && codes.contains("value_already_exist") && !keys.add(row.key().strip())) {
                message = "Another filter already has this key.";
            }
            located.add(row.withMessage(message));
        }
        return located;
    }
}

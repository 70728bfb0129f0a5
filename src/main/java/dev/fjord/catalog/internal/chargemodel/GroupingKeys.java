package dev.fjord.catalog.internal.chargemodel;

import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The grouping keys Lago accepts on every charge model: {@code pricing_group_keys} (one fee per distinct value of
 * these event properties), its deprecated alias {@code grouped_by}, and {@code presentation_group_keys} (invoice
 * display breakdown). The grouping itself is done by the caller.
 */
final class GroupingKeys {
    private GroupingKeys() {}

    static final String PRICING = "pricing_group_keys";
    static final String GROUPED_BY = "grouped_by";
    static final String PRESENTATION = "presentation_group_keys";
    private static final int MAX_PRESENTATION_KEYS = 2;

    static void validate(JsonNode properties, PropertyErrors errors) {
        // Lago checks only the key it will use; Fjord checks both when sent, so no unchecked alias gets stored.
        for (String key : new String[] {PRICING, GROUPED_BY}) {
            JsonNode keys = properties.get(key);
            if (!JsonValues.absent(keys) && !isListOfNames(keys)) {
                errors.add(key, "invalid_type");
            }
        }
        validatePresentation(properties.get(PRESENTATION), errors);
    }

    /** Copies the grouping keys the charge uses: under both names, as Lago's serializer renders them. */
    static void copy(JsonNode properties, ObjectNode out) {
        JsonNode keys = nonEmpty(properties.get(PRICING)) ? properties.get(PRICING) : properties.get(GROUPED_BY);
        if (nonEmpty(keys)) {
            out.set(PRICING, keys.deepCopy());
            out.set(GROUPED_BY, keys.deepCopy());
        }
        if (nonEmpty(properties.get(PRESENTATION))) {
            out.set(PRESENTATION, properties.get(PRESENTATION).deepCopy());
        }
    }

    private static boolean isListOfNames(JsonNode keys) {
        if (!keys.isArray()) {
            return false;
        }
        for (JsonNode key : keys.values()) {
            if (!key.isString() || key.stringValue().isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Up to two {@code {"value": "name", "options": {"display_in_invoice": bool}}} with distinct values. */
    private static void validatePresentation(JsonNode keys, PropertyErrors errors) {
        if (JsonValues.absent(keys) || keys.isArray() && keys.isEmpty()) {
            return;
        }
        if (!keys.isArray()) {
            errors.add(PRESENTATION, "invalid_type");
            return;
        }
        Set<String> values = new HashSet<>();
        boolean duplicated = false;
        for (JsonNode key : keys.values()) {
            if (!isPresentationKey(key)) {
                errors.add(PRESENTATION, "invalid_type");
            } else if (!values.add(key.get("value").stringValue())) {
                duplicated = true;
            }
        }
        if (keys.size() > MAX_PRESENTATION_KEYS) {
            errors.add(PRESENTATION, "too_many_keys");
        }
        if (duplicated) {
            errors.add(PRESENTATION, "value_is_duplicated");
        }
    }

    private static boolean isPresentationKey(JsonNode key) {
        if (!key.isObject() || !key.has("value") || !key.get("value").isString() || key.get("value").stringValue().isBlank()) {
            return false;
        }
        for (String name : key.propertyNames()) {
            if (!name.equals("value") && !name.equals("options")) {
                return false;
            }
        }
        if (!key.has("options")) {
            return true;
        }
        JsonNode options = key.get("options");
        return options.isObject() && options.size() == 1 && options.has("display_in_invoice")
                && options.get("display_in_invoice").isBoolean();
    }

    private static boolean nonEmpty(JsonNode node) {
        return node instanceof ArrayNode array && !array.isEmpty();
    }
}

package dev.fjord.api;

import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.shared.BillingError;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads and renders Lago's newer {@code metadata} object (wallets, credit notes): string keys to string or null
 * values. How it is replaced, merged and emptied is {@link dev.fjord.shared.MetadataMaps}.
 */
public final class MetadataObject {
    /** Keys of one object: far more than any integration writes, few enough to render with the object. */
    public static final int MAX_KEYS = 50;

    private MetadataObject() {}

    /** The {@code metadata} field of {@code in}: null when absent, empty when sent as null. */
    public static Map<String, String> read(JsonInput in) {
        JsonNode node = in.rawObject("metadata");
        if (node == null) {
            return in.has("metadata") ? Map.of() : null;
        }
        if (!node.isObject() || node.size() > MAX_KEYS) {
            in.error("metadata", node.isObject() ? "too_many_keys" : "invalid_type");
            return null;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (!value.isNull() && !value.isValueNode()) {
                in.error("metadata", "nested_structure_not_allowed");
            } else if (entry.getKey().length() > MAX_TEXT_LENGTH || (!value.isNull() && value.asString().length() > MAX_TEXT_LENGTH)) {
                in.error("metadata", "value_too_long");
            } else {
                metadata.put(entry.getKey(), value.isNull() ? null : value.asString());
            }
        }
        return metadata;
    }

    /** The body of the metadata endpoints, {@code {"metadata": {...}}}; without it Lago answers 400. */
    public static Map<String, String> readBody(JsonNode body) {
        if (body == null || !body.isObject() || !body.has("metadata")) {
            throw BillingError.badRequest("param is missing or the value is empty or invalid: metadata");
        }
        JsonInput in = JsonInput.item(body);
        Map<String, String> metadata = read(in);
        in.validate();
        return metadata;
    }

    /** The answer of the metadata endpoints (a null value kept, which {@code Map.of} refuses). */
    public static Map<String, Object> body(Map<String, String> metadata) {
        Map<String, Object> body = new HashMap<>();
        body.put("metadata", metadata);
        return body;
    }
}

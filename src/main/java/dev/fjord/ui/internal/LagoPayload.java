package dev.fjord.ui.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A submitted form as the JSON body the API would receive: the form's inputs carry the API's field names, so the
 * module reads and validates it exactly as it reads an API call. {@code a.b} names a field of the object {@code a};
 * a name ending in {@code []} is a list. Blank inputs are left out (or sent as null where clearing is meant); integer
 * fields are sent as numbers when they look like one, else as text for the API to reject with its own message.
 */
final class LagoPayload {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
    private static final String CSRF_FIELD = "_csrf";

    private LagoPayload() {}

    static ObjectNode of(String root, Map<String, List<String>> form, Set<String> integerFields, boolean blankClears) {
        ObjectNode inner = JSON.objectNode();
        form.forEach((name, values) -> {
            if (!name.equals(CSRF_FIELD) && !values.isEmpty()) {
                put(inner, name, values, integerFields, blankClears);
            }
        });
        ObjectNode body = JSON.objectNode();
        body.set(root, inner);
        return body;
    }

    /**
     * Date-time inputs ({@code 2026-12-31T23:59}, no zone) read in the organization's timezone and sent as the ISO
     * instants the API takes; text that is not such a value is sent unchanged for the API to reject.
     */
    static Map<String, List<String>> withInstants(Map<String, List<String>> form, Set<String> timeFields,
            String timezone) {
        Map<String, List<String>> converted = new LinkedHashMap<>(form);
        for (String field : timeFields) {
            List<String> values = form.get(field);
            if (values != null && !values.isEmpty() && !values.get(0).isBlank()) {
                try {
                    Instant instant = LocalDateTime.parse(values.get(0).strip()).atZone(ZoneId.of(timezone)).toInstant();
                    converted.put(field, List.of(instant.toString()));
                } catch (DateTimeParseException notLocal) {
                    // left as typed
                }
            }
        }
        return converted;
    }

    private static void put(ObjectNode object, String name, List<String> values, Set<String> integerFields,
            boolean blankClears) {
        boolean list = name.endsWith("[]");
        String path = list ? name.substring(0, name.length() - 2) : name;
        ObjectNode parent = object;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            parent = parent.withObjectProperty(parts[i]);
        }
        String field = parts[parts.length - 1];
        if (list) {
            var array = parent.withArrayProperty(field);
            values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(array::add);
            return;
        }
        String value = values.get(0).strip();
        if (value.isEmpty()) {
            if (blankClears) {
                parent.putNull(field);
            }
        } else if (integerFields.contains(path) && INTEGER.matcher(value).matches()) {
            parent.put(field, Long.parseLong(value));
        } else {
            parent.put(field, value);
        }
    }
}

package dev.fjord.api;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads one Lago request object field by field. Type and range problems are collected (not thrown one by one), so a
 * client sees every invalid field at once; {@link #validate()} then throws a single 422 in Lago's envelope.
 * Absent and {@code null} fields both read as Java null; {@link #has} tells them apart for partial updates.
 * Nested objects share the error list and report under their own field names, as Lago does.
 */
public final class JsonInput {
    /** A decimal as text: digits, an optional fraction, an optional sign (so a negative is out of range, not garbage). */
    private static final Pattern DECIMAL_TEXT = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,20})?");

    private final JsonNode node;
    private final Map<String, List<String>> errors;
    /** Items of an array report under the array's name ({@code metadata}), not their own field names. */
    private final String errorKey;

    private JsonInput(JsonNode node, Map<String, List<String>> errors, String errorKey) {
        this.node = node;
        this.errors = errors;
        this.errorKey = errorKey;
    }

    /** Lago's mandatory root key: {@code {"customer": {...}}}. Missing, null or not an object is a 400. */
    public static JsonInput root(JsonNode body, String key) {
        JsonNode inner = body == null || !body.isObject() ? null : body.get(key);
        if (inner == null || !inner.isObject()) {
            throw BillingError.badRequest("param is missing or the value is empty or invalid: " + key);
        }
        return new JsonInput(inner, new LinkedHashMap<>(), null);
    }

    /** One object of a batch, validated on its own (its errors are reported under its index by the caller). */
    public static JsonInput item(JsonNode item) {
        if (item == null || !item.isObject()) {
            return null;
        }
        return new JsonInput(item, new LinkedHashMap<>(), null);
    }

    /** The errors collected so far, by field (empty when valid). */
    public Map<String, List<String>> errors() {
        return errors;
    }

    /** True when the field was sent, even as null. */
    public boolean has(String field) {
        return node.has(field);
    }

    /** A string of at most {@code maxLength} characters; blank strings count as sent-but-empty (null). */
    public String string(String field, int maxLength) {
        String text = text(field);
        if (text != null && text.length() > maxLength) {
            return reject(field, "value_is_too_long");
        }
        return text;
    }

    /** A string that must pass {@code format} (and fit {@code maxLength}), else {@code errorCode}. */
    public String string(String field, int maxLength, Predicate<String> format, String errorCode) {
        String text = text(field);
        if (text != null && (text.length() > maxLength || !format.test(text))) {
            return reject(field, errorCode);
        }
        return text;
    }

    private String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        // PostgreSQL text cannot hold NUL, and no business value needs it.
        if (!value.isString() || value.stringValue().indexOf('\0') >= 0) {
            return reject(field, "value_is_invalid");
        }
        return value.stringValue().isBlank() ? null : value.stringValue();
    }

    /** A string from a closed list, else {@code value_is_invalid}. */
    public String oneOf(String field, List<String> allowed) {
        return string(field, 64, allowed::contains, "value_is_invalid");
    }

    public Integer integer(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            return reject(field, "value_is_invalid");
        }
        if (!value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            return reject(field, "value_is_out_of_range");
        }
        return value.intValue();
    }

    /** A whole number in {@code [min, max]}, such as an amount in cents. */
    public Long longInteger(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            return reject(field, "value_is_invalid");
        }
        if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
            return reject(field, "value_is_out_of_range");
        }
        return value.longValue();
    }

    /** A JSON number (integer or decimal) within bounds, e.g. a trial period of 1.5 days. */
    public BigDecimal decimalNumber(String field, BigDecimal min, BigDecimal max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            return reject(field, "value_is_invalid");
        }
        BigDecimal number = value.decimalValue();
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            return reject(field, "value_is_out_of_range");
        }
        return number;
    }

    /** A UUID string (Lago ids), else {@code value_is_invalid}. */
    public UUID uuid(String field) {
        String text = string(field, 36);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return reject(field, "value_is_invalid");
        }
    }

    /** The raw JSON of a field whose shape another component validates (charge properties), or null. */
    public JsonNode rawObject(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /**
     * A decimal sent as a JSON string ({@code "20.5"}, what Lago documents) or a JSON number (what the Go and Python
     * clients send for some fields). At most {@code maxScale} decimals, else {@code value_is_invalid}; outside
     * {@code [min, max]} is {@code value_is_out_of_range}; an {@code exclusiveMin} bound rejects {@code min} itself.
     */
    public BigDecimal decimal(String field, BigDecimal min, boolean exclusiveMin, BigDecimal max, int maxScale) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isString() && DECIMAL_TEXT.matcher(value.stringValue().strip()).matches()) {
            number = new BigDecimal(value.stringValue().strip());
        } else {
            return reject(field, "value_is_invalid");
        }
        number = number.stripTrailingZeros();
        if (number.scale() > maxScale) {
            return reject(field, "value_is_invalid");
        }
        int toMin = number.compareTo(min);
        if (toMin < 0 || (exclusiveMin && toMin == 0) || number.compareTo(max) > 0) {
            return reject(field, "value_is_out_of_range");
        }
        return number.scale() < 0 ? number.setScale(0) : number;
    }

    /**
     * A point in time: ISO 8601 with an offset ({@code 2025-08-08T23:59:59Z}), without one (read as UTC) or a bare
     * date (its first second, UTC), the forms Lago's parser accepts; a space may stand for the {@code T}. Anything
     * else is {@code errorCode}.
     */
    public Instant timestamp(String field, String errorCode) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.length() > 64) {
            return reject(field, errorCode);
        }
        if (trimmed.length() > 10 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + "T" + trimmed.substring(11);
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(trimmed).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            return reject(field, errorCode);
        }
    }

    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            return reject(field, "value_is_invalid");
        }
        return value.booleanValue();
    }

    /** A nested object, or null when absent/null; anything else is {@code value_is_invalid}. */
    public JsonInput object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            return reject(field, "value_is_invalid");
        }
        return new JsonInput(value, errors, errorKey);
    }

    /** An array of objects with at most {@code maxItems}; too many is {@code too_many_items}. */
    public List<JsonInput> objects(String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            return reject(field, "value_is_invalid");
        }
        if (value.size() > maxItems) {
            return reject(field, "too_many_items");
        }
        List<JsonInput> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isObject()) {
                return reject(field, "value_is_invalid");
            }
            items.add(new JsonInput(item, errors, field));
        }
        return items;
    }

    /** An array of strings from a closed list. */
    public List<String> strings(String field, List<String> allowed) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > allowed.size() * 2) {
            return reject(field, "value_is_invalid");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString() || !allowed.contains(item.stringValue())) {
                return reject(field, "value_is_invalid");
            }
            if (!items.contains(item.stringValue())) {
                items.add(item.stringValue());
            }
        }
        return items;
    }

    /**
     * An array of free strings (codes), each non-blank and at most {@code maxLength} characters, duplicates dropped
     * in order. More than {@code maxItems} is {@code too_many_items}.
     */
    public List<String> stringList(String field, int maxItems, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            return reject(field, "value_is_invalid");
        }
        if (value.size() > maxItems) {
            return reject(field, "too_many_items");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            if (!item.isString() || item.stringValue().isBlank() || item.stringValue().indexOf('\0') >= 0) {
                return reject(field, "value_is_invalid");
            }
            if (item.stringValue().length() > maxLength) {
                return reject(field, "value_is_too_long");
            }
            if (!items.contains(item.stringValue())) {
                items.add(item.stringValue());
            }
        }
        return items;
    }

    /** Puts a sent field into {@code changes} under {@code column}; sent as null, it clears the column. */
    public void setIfSent(Changes changes, String field, String column, Object value) {
        if (has(field) && !hasError(field)) {
            changes.set(column, value);
        }
    }

    public void setIfSent(Changes changes, String field, Object value) {
        setIfSent(changes, field, field, value);
    }

    /** Like {@link #setIfSent} for a field that cannot be cleared: sent as null or blank is {@code value_is_mandatory}. */
    public void setRequiredIfSent(Changes changes, String field, Object value) {
        setRequiredIfSent(changes, field, field, value);
    }

    public void setRequiredIfSent(Changes changes, String field, String column, Object value) {
        if (has(field) && value == null && !hasError(field)) {
            error(field, "value_is_mandatory");
        }
        setIfSent(changes, field, column, value);
    }

    /** A field a create needs: absent, null or blank is {@code value_is_mandatory} (unless already in error). */
    public void require(String field, Object value) {
        if (value == null && !hasError(field)) {
            error(field, "value_is_mandatory");
        }
    }

    /** Records a field error found by the caller (a rule across fields, a uniqueness check...). */
    public void error(String field, String code) {
        List<String> codes = errors.computeIfAbsent(errorKey(field), f -> new ArrayList<>());
        if (!codes.contains(code)) {
            codes.add(code);
        }
    }

    public boolean hasError(String field) {
        return errors.containsKey(errorKey(field));
    }

    private String errorKey(String field) {
        return errorKey != null ? errorKey : field;
    }

    /** Throws one 422 listing every collected error; does nothing when the input is valid. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
    }

    private <T> T reject(String field, String code) {
        error(field, code);
        return null;
    }
}

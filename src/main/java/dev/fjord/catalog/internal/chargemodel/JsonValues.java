package dev.fjord.catalog.internal.chargemodel;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Readers for the JSON values found in charge properties; each says what Lago accepts. */
final class JsonValues {
    private JsonValues() {}

    /** Plain or scientific notation, as Ruby's BigDecimal() reads it (but no spaces or underscores). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,9})?");
    // Fjord guards, not Lago rules: a price like "1e999999999" would make every later computation explode.
    private static final int MAX_TEXT_LENGTH = 100;
    private static final int MAX_INTEGER_DIGITS = 30;
    private static final int MAX_FRACTION_DIGITS = 40;

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /**
     * A Lago decimal amount: a JSON string holding a finite number &ge; 0. Lago takes strings only, so that no float
     * parsing ever touches a price: the JSON number {@code 0.5} is rejected.
     */
    static Optional<BigDecimal> nonNegativeDecimalString(JsonNode node) {
        if (node == null || !node.isString()) {
            return Optional.empty();
        }
        String text = node.stringValue();
        if (text.length() > MAX_TEXT_LENGTH || !DECIMAL.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text)).filter(d -> d.signum() >= 0).filter(JsonValues::reasonable);
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            return Optional.empty();
        }
    }

    /** A tier bound: a JSON number (integer or decimal, Lago accepts decimal bounds since 2026-04). */
    static Optional<BigDecimal> number(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        try {
            return Optional.of(node.decimalValue()).filter(JsonValues::reasonable);
        } catch (NumberFormatException | ArithmeticException notFinite) {
            return Optional.empty();
        }
    }

    /** A JSON integer (Ruby's {@code is_a?(Integer)}): {@code 10} yes; {@code 10.0} and {@code "10"} no. */
    static OptionalLong integer(JsonNode node) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(node.longValue());
    }

    /** Reads a decimal already validated (a string amount or a number bound). */
    static BigDecimal decimal(JsonNode node) {
        if (node != null && node.isString()) {
            return new BigDecimal(node.stringValue());
        }
        if (node != null && node.isNumber()) {
            return node.decimalValue();
        }
        throw new IllegalArgumentException("not a validated decimal: " + node);
    }

    /** A validated decimal, or {@code fallback} when the key is absent. */
    static BigDecimal decimal(JsonNode node, BigDecimal fallback) {
        return absent(node) ? fallback : decimal(node);
    }

    private static boolean reasonable(BigDecimal value) {
        return value.precision() - value.scale() <= MAX_INTEGER_DIGITS
                && value.stripTrailingZeros().scale() <= MAX_FRACTION_DIGITS;
    }
}

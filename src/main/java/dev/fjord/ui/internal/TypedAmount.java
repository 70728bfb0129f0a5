package dev.fjord.ui.internal;

import dev.fjord.shared.Formats;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prices as people type them (currency units, "150.00") ⇄ the API's minor units. The conversion is exact, never a
 * rounding: a price with more decimals than the currency has is sent as typed, and the API rejects it with its own
 * message.
 */
final class TypedAmount {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,16}(\\.[0-9]+)?");

    private TypedAmount() {}

    static JsonNode minorUnits(String typed, String currency) {
        String price = typed.strip();
        if (DECIMAL.matcher(price).matches() && currency != null && Formats.isCurrency(currency)) {
            BigDecimal units = new BigDecimal(price);
            int exponent = Money.exponent(currency);
            if (units.scale() <= exponent) {
                return JsonNodeFactory.instance.numberNode(units.movePointRight(exponent).longValueExact());
            }
        }
        return JsonNodeFactory.instance.stringNode(price);
    }

    /** Replaces the typed {@code field} of {@code object} (if present as text) by its minor units in {@code currency}. */
    static void convert(ObjectNode object, String field, String currency) {
        JsonNode typed = object.get(field);
        if (typed != null && typed.isString()) {
            object.set(field, minorUnits(typed.stringValue(), currency));
        }
    }

    /** Minor units as the form shows them to edit: 15000 EUR → "150.00". */
    static String typed(Long minorUnits, String currency) {
        if (minorUnits == null || currency == null) {
            return "";
        }
        return BigDecimal.valueOf(minorUnits, Money.exponent(currency)).toPlainString();
    }
}

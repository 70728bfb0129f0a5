package dev.fjord.catalog.internal.chargemodel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lago's tier lists ({@code graduated_ranges}, {@code volume_ranges}, {@code graduated_percentage_ranges}): each
 * {@code {from_value, to_value, <price>, flat_amount}}, sorted from the bottom tier up.
 *
 * <p>Bounds rules: the first {@code from_value} is 0; every other {@code from_value} equals the previous
 * {@code to_value} (adjacent tiers, Lago 2026) or that value + 1 (integer tiers, Lago's original convention);
 * {@code to_value > from_value}; the last {@code to_value} is null. Bounds are JSON numbers, decimals allowed.
 */
final class TierRanges {
    private TierRanges() {}

    static final String FROM = "from_value";
    static final String TO = "to_value";
    static final String FLAT = "flat_amount";

    /**
     * Adds {@code missing_<field>} (absent or empty list) or {@code invalid_<field>} (bad bounds, not a list of
     * objects); {@code prices} checks the amounts of each tier and reports under their own keys, as Lago does.
     */
    static void validate(JsonNode properties, String field, PropertyErrors errors,
            BiConsumer<JsonNode, PropertyErrors> prices) {
        JsonNode ranges = properties.get(field);
        if (JsonValues.absent(ranges) || ranges.isArray() && ranges.isEmpty()) {
            errors.add(field, "missing_" + field);
            return;
        }
        if (!ranges.isArray()) {
            errors.add(field, "invalid_" + field);
            return;
        }
        BigDecimal previousTo = null;
        for (int i = 0; i < ranges.size(); i++) {
            JsonNode range = ranges.get(i);
            if (!range.isObject()) {
                errors.add(field, "invalid_" + field);
                previousTo = null;
                continue;
            }
            prices.accept(range, errors);
            Optional<BigDecimal> to = JsonValues.number(range.get(TO));
            if (!validBounds(range, i == 0, i == ranges.size() - 1, previousTo)) {
                errors.add(field, "invalid_" + field);
            }
            previousTo = to.orElse(null);
        }
    }

    private static boolean validBounds(JsonNode range, boolean first, boolean last, BigDecimal previousTo) {
        Optional<BigDecimal> from = JsonValues.number(range.get(FROM));
        if (from.isEmpty()) {
            return false;
        }
        // Lago also lets the first tier start at 1 (a side effect of its adjacent-tier change); Fjord keeps 0.
        boolean continues = first
                ? from.get().signum() == 0
                : previousTo != null
                        && (from.get().compareTo(previousTo) == 0
                                || from.get().compareTo(previousTo.add(BigDecimal.ONE)) == 0);
        if (last) {
            return continues && JsonValues.absent(range.get(TO));
        }
        Optional<BigDecimal> to = JsonValues.number(range.get(TO));
        return continues && to.isPresent() && to.get().compareTo(from.get()) > 0;
    }

    /** The tiers with only Lago's keys: bounds as sent (numbers), {@code to_value} null on the last one. */
    static ArrayNode normalize(JsonNode ranges, String priceField) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (JsonNode range : ranges.values()) {
            ObjectNode tier = out.addObject();
            tier.set(FROM, range.get(FROM).deepCopy());
            if (JsonValues.absent(range.get(TO))) {
                tier.putNull(TO);
            } else {
                tier.set(TO, range.get(TO).deepCopy());
            }
            tier.put(priceField, range.get(priceField).stringValue());
            tier.put(FLAT, range.get(FLAT).stringValue());
        }
        return out;
    }

    /** Reads validated tiers; {@code price} converts the price field (e.g. a percentage rate to a unit price). */
    static List<Tier> read(JsonNode ranges, String priceField, UnaryOperator<BigDecimal> price) {
        List<Tier> tiers = new ArrayList<>(ranges.size());
        BigDecimal lower = BigDecimal.ZERO;
        for (JsonNode range : ranges.values()) {
            BigDecimal upper = JsonValues.absent(range.get(TO)) ? null : JsonValues.decimal(range.get(TO));
            tiers.add(new Tier(lower, upper, price.apply(JsonValues.decimal(range.get(priceField))),
                    JsonValues.decimal(range.get(FLAT))));
            lower = upper;
        }
        return tiers;
    }
}

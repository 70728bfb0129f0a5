package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graduated: each tier bills its own units at its own price, plus its flat amount once the tier is reached.
 * The first tier is always reached, so its flat amount is due even at 0 units (Lago: "applies the flat amount from
 * the first tier"); a later tier is reached when the units exceed the previous {@code to_value}.
 */
final class GraduatedModel implements ModelRules {
    static final GraduatedModel RULES = new GraduatedModel();
    private static final String RANGES = "graduated_ranges";
    private static final String PER_UNIT = "per_unit_amount";

    @Override
    public ObjectNode defaults() {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        defaults.putArray(RANGES).addObject().put(TierRanges.FROM, 0).putNull(TierRanges.TO)
                .put(PER_UNIT, "0").put(TierRanges.FLAT, "0");
        return defaults;
    }

    @Override
    public void validate(JsonNode properties, PropertyErrors errors) {
        TierRanges.validate(properties, RANGES, errors, GraduatedModel::validatePrices);
    }

    /** Per-unit and flat amounts of one tier; shared with the volume model. */
    static void validatePrices(JsonNode range, PropertyErrors errors) {
        if (JsonValues.nonNegativeDecimalString(range.get(PER_UNIT)).isEmpty()) {
            errors.add(PER_UNIT, "invalid_amount");
        }
        if (JsonValues.nonNegativeDecimalString(range.get(TierRanges.FLAT)).isEmpty()) {
            errors.add(TierRanges.FLAT, "invalid_amount");
        }
    }

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        out.set(RANGES, TierRanges.normalize(properties.get(RANGES), PER_UNIT));
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        return sum(TierRanges.read(properties.get(RANGES), PER_UNIT, UnaryOperator.identity()), usage.units());
    }

    /**
     * Units in a tier = min(units, upper) - lower, whichever way the tiers are written. (Lago counts "+1" for integer
     * tiers only when every tier is written that way; with mixed writing it bills one unit too many per tier.)
     * Units at or below 0 fall in the first tier, as in Lago.
     */
    static BigDecimal sum(List<Tier> tiers, BigDecimal units) {
        BigDecimal total = BigDecimal.ZERO;
        for (Tier tier : tiers) {
            BigDecimal top = tier.upper() == null ? units : units.min(tier.upper());
            total = total.add(top.subtract(tier.lower()).multiply(tier.price())).add(tier.flat());
            if (tier.holds(units)) {
                break;
            }
        }
        return total;
    }
}

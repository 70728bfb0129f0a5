package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Graduated percentage: graduated tiers over an amount (the units are money, e.g. a sum of transaction amounts);
 * each tier takes {@code rate}% of the part of the amount it covers, plus its flat amount once reached.
 * Tier arithmetic is the graduated model's (Lago still counts "+1" units here even for adjacent tiers; Fjord
 * counts the same way for both writings, see {@link GraduatedModel#sum}).
 */
final class GraduatedPercentageModel implements ModelRules {
    static final GraduatedPercentageModel RULES = new GraduatedPercentageModel();
    private static final String RANGES = "graduated_percentage_ranges";
    private static final String RATE = "rate";

    @Override
    public ObjectNode defaults() {
        ObjectNode defaults = JsonNodeFactory.instance.objectNode();
        defaults.putArray(RANGES).addObject().put(TierRanges.FROM, 0).putNull(TierRanges.TO)
                .put(RATE, "0").put(TierRanges.FLAT, "0");
        return defaults;
    }

    @Override
    public void validate(JsonNode properties, PropertyErrors errors) {
        TierRanges.validate(properties, RANGES, errors, (range, found) -> {
            if (JsonValues.nonNegativeDecimalString(range.get(TierRanges.FLAT)).isEmpty()) {
                found.add(TierRanges.FLAT, "invalid_amount");
            }
            if (JsonValues.nonNegativeDecimalString(range.get(RATE)).isEmpty()) {
                found.add(RATE, "invalid_rate");
            }
        });
    }

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        out.set(RANGES, TierRanges.normalize(properties.get(RANGES), RATE));
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        // rate 1.5 (percent) is a price of 0.015 per unit of amount.
        return GraduatedModel.sum(TierRanges.read(properties.get(RANGES), RATE, rate -> rate.movePointLeft(2)),
                usage.units());
    }
}

package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Volume: all units priced at the tier the total reaches, {@code units × per_unit_amount + flat_amount}. At 0 units
 * (or below) the first tier applies, flat amount included (Lago's own test: "applies the flat amount from the first
 * tier").
 *
 * <p>Bounds follow the same rules as graduated tiers. Lago's volume validator differs by accident: it rejects
 * adjacent tiers ({@code 0-10, 10-20}) and accepts a one-unit hole ({@code 0-10, 12-20}) where no tier then matches;
 * Fjord accepts the two documented writings only.
 */
final class VolumeModel implements ModelRules {
    static final VolumeModel RULES = new VolumeModel();
    private static final String RANGES = "volume_ranges";
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

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        out.set(RANGES, TierRanges.normalize(properties.get(RANGES), PER_UNIT));
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        List<Tier> tiers = TierRanges.read(properties.get(RANGES), PER_UNIT, UnaryOperator.identity());
        BigDecimal units = usage.units();
        Tier reached = tiers.stream().filter(tier -> tier.holds(units)).findFirst().orElseThrow();
        return units.multiply(reached.price()).add(reached.flat());
    }
}

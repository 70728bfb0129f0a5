package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Package: units are sold in packs of {@code package_size} at {@code amount} each, after {@code free_units};
 * a started pack is due in full: {@code ceil((units - free_units) / package_size) × amount}, 0 when units &le; free.
 */
final class PackageModel implements ModelRules {
    static final PackageModel RULES = new PackageModel();
    private static final String AMOUNT = "amount";
    private static final String SIZE = "package_size";
    private static final String FREE = "free_units";

    @Override
    public ObjectNode defaults() {
        return JsonNodeFactory.instance.objectNode().put(SIZE, 1).put(AMOUNT, "0").put(FREE, 0);
    }

    @Override
    public void validate(JsonNode properties, PropertyErrors errors) {
        if (JsonValues.nonNegativeDecimalString(properties.get(AMOUNT)).isEmpty()) {
            errors.add(AMOUNT, "invalid_amount");
        }
        // Lago requires free_units; Fjord reads a missing one as 0 (nothing free).
        JsonNode free = properties.get(FREE);
        if (!JsonValues.absent(free) && JsonValues.integer(free).orElse(-1) < 0) {
            errors.add(FREE, "invalid_free_units");
        }
        if (JsonValues.integer(properties.get(SIZE)).orElse(0) <= 0) {
            errors.add(SIZE, "invalid_package_size");
        }
    }

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        out.put(AMOUNT, properties.get(AMOUNT).stringValue());
        out.set(SIZE, properties.get(SIZE).deepCopy());
        if (JsonValues.absent(properties.get(FREE))) {
            out.put(FREE, 0);
        } else {
            out.set(FREE, properties.get(FREE).deepCopy());
        }
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        BigDecimal paidUnits = usage.units().subtract(JsonValues.decimal(properties.get(FREE), BigDecimal.ZERO));
        if (paidUnits.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal packages = paidUnits.divide(JsonValues.decimal(properties.get(SIZE)), 0, RoundingMode.CEILING);
        return packages.multiply(JsonValues.decimal(properties.get(AMOUNT)));
    }
}

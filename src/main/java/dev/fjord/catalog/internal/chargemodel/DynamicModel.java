package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dynamic: each event carries its own price ({@code precise_total_amount_cents}); the fee is their sum, turned from
 * cents into currency units. No properties of its own (grouping keys only). Nothing is due when the period has no
 * units, as in Lago.
 */
final class DynamicModel implements ModelRules {
    static final DynamicModel RULES = new DynamicModel();

    @Override
    public ObjectNode defaults() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void validate(JsonNode properties, PropertyErrors errors) {
        // Nothing of its own to check.
    }

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        // Nothing of its own to keep.
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        BigDecimal cents = usage.preciseTotalAmountCents();
        if (usage.units().signum() == 0 || cents == null) {
            return BigDecimal.ZERO;
        }
        return cents.movePointLeft(currencyExponent);
    }
}

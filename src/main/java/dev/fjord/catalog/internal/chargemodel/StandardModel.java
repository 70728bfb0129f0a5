package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Standard: one price per unit, {@code units × amount}. */
final class StandardModel implements ModelRules {
    static final StandardModel RULES = new StandardModel();
    private static final String AMOUNT = "amount";

    @Override
    public ObjectNode defaults() {
        return JsonNodeFactory.instance.objectNode().put(AMOUNT, "0");
    }

    @Override
    public void validate(JsonNode properties, PropertyErrors errors) {
        if (JsonValues.nonNegativeDecimalString(properties.get(AMOUNT)).isEmpty()) {
            errors.add(AMOUNT, "invalid_amount");
        }
    }

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        out.put(AMOUNT, properties.get(AMOUNT).stringValue());
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        return usage.units().multiply(JsonValues.decimal(properties.get(AMOUNT)));
    }
}

package dev.fjord.catalog;

import dev.fjord.catalog.internal.chargemodel.ChargeModelRules;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Applies a charge model to one period's usage. Pure arithmetic on {@link java.math.BigDecimal}: no rounding. */
public final class ChargeCalculator {
    private ChargeCalculator() {}

    /** {@link #compute(ChargeModel, JsonNode, ChargeUsage, int)} for a currency with cents (exponent 2). */
    public static ChargeResult compute(ChargeModel model, JsonNode normalizedProperties, ChargeUsage usage) {
        return compute(model, normalizedProperties, usage, 2);
    }

    /**
     * The fee amount of the period in currency units, unrounded.
     *
     * @param normalizedProperties the output of {@link ChargeProperties#normalize} (valid properties)
     * @param currencyExponent digits after the decimal point of the plan currency (EUR 2, JPY 0, KWD 3); only the
     *     dynamic model uses it, to turn {@code preciseTotalAmountCents} (cents) into currency units
     */
    public static ChargeResult compute(ChargeModel model, JsonNode normalizedProperties, ChargeUsage usage,
            int currencyExponent) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        if (currencyExponent < 0) {
            throw new IllegalArgumentException("currencyExponent must be >= 0: " + currencyExponent);
        }
        return new ChargeResult(ChargeModelRules.amount(model, normalizedProperties, usage, currencyExponent), usage.units());
    }
}

package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The rules of one charge model; grouping keys are handled once for all models by {@link ChargeModelRules}. */
interface ModelRules {

    /** Lago's default properties, used when a charge comes with none ({@code BuildDefaultPropertiesService}). */
    ObjectNode defaults();

    /** Checks the model's own keys, in Lago's order. */
    void validate(JsonNode properties, PropertyErrors errors);

    /** Copies the model's own keys of valid properties, filling defaults. */
    void normalize(JsonNode properties, ObjectNode out);

    /** The unrounded amount in currency units. */
    BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent);
}

package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeModel;
import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Dispatches to the rules of each charge model; the entry point of {@code ChargeProperties} and {@code ChargeCalculator}. */
public final class ChargeModelRules {
    private ChargeModelRules() {}

    public static Map<String, List<String>> validate(ChargeModel model, JsonNode properties) {
        PropertyErrors errors = new PropertyErrors();
        if (!JsonValues.absent(properties) && !properties.isObject()) {
            errors.add("properties", "value_is_invalid");
            return errors.toMap();
        }
        ModelRules rules = of(model);
        JsonNode effective = orDefaults(rules, properties);
        rules.validate(effective, errors);
        GroupingKeys.validate(effective, errors);
        return errors.toMap();
    }

    /** Call on valid properties only. */
    public static ObjectNode normalize(ChargeModel model, JsonNode properties) {
        ModelRules rules = of(model);
        JsonNode effective = orDefaults(rules, properties);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        rules.normalize(effective, out);
        GroupingKeys.copy(effective, out);
        return out;
    }

    public static BigDecimal amount(ChargeModel model, JsonNode properties, ChargeUsage usage, int currencyExponent) {
        ModelRules rules = of(model);
        return rules.amount(orDefaults(rules, properties), usage, currencyExponent);
    }

    /** Lago replaces absent or empty properties by the model's defaults ({@code params[:properties].presence}). */
    private static JsonNode orDefaults(ModelRules rules, JsonNode properties) {
        return JsonValues.absent(properties) || properties.isObject() && properties.isEmpty()
                ? rules.defaults()
                : properties;
    }

    private static ModelRules of(ChargeModel model) {
        return switch (model) {
            case STANDARD -> StandardModel.RULES;
            case GRADUATED -> GraduatedModel.RULES;
            case GRADUATED_PERCENTAGE -> GraduatedPercentageModel.RULES;
            case PACKAGE -> PackageModel.RULES;
            case PERCENTAGE -> PercentageModel.RULES;
            case VOLUME -> VolumeModel.RULES;
            case DYNAMIC -> DynamicModel.RULES;
        };
    }
}

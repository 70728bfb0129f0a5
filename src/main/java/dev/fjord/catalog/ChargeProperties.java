package dev.fjord.catalog;

import dev.fjord.catalog.internal.chargemodel.ChargeModelRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lago's charge {@code properties}: validation and the normalized form Fjord stores and returns.
 *
 * <p>Only the keys of the charge model are read (Lago slices the properties to the model before validating), plus
 * {@code pricing_group_keys}/{@code grouped_by} and {@code presentation_group_keys}, which Lago accepts for every model.
 * Absent, null or empty ({@code {}}) properties stand for the model's defaults, as in Lago (standard
 * {@code {"amount": "0"}}, graduated/volume one free tier from 0 to infinity, package size 1 at "0", percentage
 * rate "0", dynamic {@code {}}).
 */
public final class ChargeProperties {
    private ChargeProperties() {}

    /**
     * Validates Lago {@code properties} for the model. Errors are keyed like Lago's charge validators
     * ({@code "amount": ["invalid_amount"]}, {@code "graduated_ranges": ["invalid_graduated_ranges"]}, each code once
     * per key, in the order Lago checks them); an empty map means valid. Lago's HTTP 422 lists these codes under the
     * single key {@code "properties"} (the charge model copies every code there); rendering is the caller's choice.
     */
    public static Map<String, List<String>> validate(ChargeModel model, JsonNode properties) {
        Objects.requireNonNull(model, "model");
        return ChargeModelRules.validate(model, properties);
    }

    /**
     * The properties as Fjord stores and returns them: only the keys of the model, decimals as the strings the client
     * sent (Lago renders {@code "amount": "0.5"}), tier bounds as JSON numbers, defaults filled (package
     * {@code free_units} 0, percentage {@code fixed_amount} "0"); grouping keys under both {@code pricing_group_keys}
     * and the deprecated {@code grouped_by}, as Lago renders them.
     *
     * @throws IllegalArgumentException when the properties are not valid (call {@link #validate} first)
     */
    public static ObjectNode normalize(ChargeModel model, JsonNode properties) {
        Objects.requireNonNull(model, "model");
        Map<String, List<String>> errors = validate(model, properties);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid " + model.code() + " properties: " + errors);
        }
        return ChargeModelRules.normalize(model, properties);
    }
}

package dev.fjord.catalog.internal;

import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.catalog.ChargeModel;
import dev.fjord.catalog.ChargeProperties;
import dev.fjord.catalog.PlanInput;
import dev.fjord.catalog.PlanInterval;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import dev.fjord.shared.Limits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Lago's plan payload (with its charges) → a {@link PlanInput}; every field error collected into one 422. */
public final class PlanInputReader {
    static final List<String> INTERVALS = Arrays.stream(PlanInterval.values()).map(PlanInterval::code).toList();
    static final List<String> CHARGE_MODELS = Arrays.stream(ChargeModel.values()).map(ChargeModel::code).toList();
    /** Bounds on what one plan may hold. */
    static final int MAX_CHARGES = 100;
    static final int MAX_FILTERS_PER_CHARGE = 100;
    static final int MAX_FILTER_VALUES = 500;
    static final long MAX_AMOUNT_CENTS = 1_000_000_000_000_000L;
    static final int MAX_TRIAL_DAYS = 3_650;

    private PlanInputReader() {}

    public static PlanInput read(JsonInput in, boolean creating) {
        if (creating) {
            for (String mandatory : List.of("name", "code", "interval", "amount_cents", "amount_currency")) {
                if (!in.has(mandatory)) {
                    in.error(mandatory, "value_is_mandatory");
                }
            }
        }
        Changes changes = new Changes();
        String code = in.string("code", MAX_TEXT_LENGTH);
        in.setRequiredIfSent(changes, "name", in.string("name", MAX_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "code", code);
        in.setIfSent(changes, "invoice_display_name", in.string("invoice_display_name", MAX_TEXT_LENGTH));
        in.setIfSent(changes, "description", in.string("description", MAX_LONG_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "interval", in.oneOf("interval", INTERVALS));
        in.setRequiredIfSent(changes, "amount_cents", in.longInteger("amount_cents", 0, MAX_AMOUNT_CENTS));
        in.setRequiredIfSent(changes, "amount_currency",
                in.string("amount_currency", 3, Formats::isCurrency, "value_is_invalid"));
        BigDecimal trial = in.decimalNumber("trial_period", BigDecimal.ZERO, BigDecimal.valueOf(MAX_TRIAL_DAYS));
        in.setRequiredIfSent(changes, "trial_period", trial);
        in.setRequiredIfSent(changes, "pay_in_advance", in.bool("pay_in_advance"));
        in.setRequiredIfSent(changes, "bill_charges_monthly", in.bool("bill_charges_monthly"));
        JsonInput commitment = in.object("minimum_commitment");
        if (in.has("minimum_commitment") && commitment == null && !in.hasError("minimum_commitment")) {
            changes.set("minimum_commitment_amount_cents", null);
            changes.set("minimum_commitment_invoice_display_name", null);
        } else if (commitment != null) {
            commitment.setRequiredIfSent(changes, "amount_cents", "minimum_commitment_amount_cents",
                    commitment.longInteger("amount_cents", 0, MAX_AMOUNT_CENTS));
            commitment.setIfSent(changes, "invoice_display_name", "minimum_commitment_invoice_display_name",
                    commitment.string("invoice_display_name", MAX_TEXT_LENGTH));
        }
        List<PlanInput.ChargeInput> charges = readCharges(in);
        List<String> taxCodes = in.stringList("tax_codes", Limits.MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
        in.validate();
        return new PlanInput(code, changes, charges, in.has("tax_codes") && taxCodes == null ? List.of() : taxCodes);
    }

    private static List<PlanInput.ChargeInput> readCharges(JsonInput in) {
        List<JsonInput> items = in.objects("charges", MAX_CHARGES);
        if (items == null) {
            return in.has("charges") && !in.hasError("charges") ? List.of() : null;
        }
        List<PlanInput.ChargeInput> charges = new ArrayList<>();
        for (JsonInput item : items) {
            UUID id = item.uuid("id");
            UUID metricId = item.uuid("billable_metric_id");
            if (metricId == null && !item.hasError("billable_metric_id")) {
                item.error("billable_metric_id", "value_is_mandatory");
            }
            String modelCode = item.oneOf("charge_model", CHARGE_MODELS);
            if (modelCode == null && !item.hasError("charge_model")) {
                item.error("charge_model", "value_is_mandatory");
            }
            ChargeModel model = modelCode == null ? null : ChargeModel.fromCode(modelCode).orElseThrow();
            Boolean payInAdvance = item.bool("pay_in_advance");
            Boolean invoiceable = item.bool("invoiceable");
            Boolean prorated = item.bool("prorated");
            Long minAmount = item.longInteger("min_amount_cents", 0, MAX_AMOUNT_CENTS);
            String regroup = item.oneOf("regroup_paid_fees", List.of("invoice"));
            ObjectNode properties = properties(in, model, item.rawObject("properties"));
            List<PlanInput.FilterInput> filters = readFilters(in, model, item);
            List<String> taxCodes = item.stringList("tax_codes", Limits.MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
            if (metricId == null || model == null || properties == null || filters == null) {
                continue;
            }
            charges.add(new PlanInput.ChargeInput(id, metricId, item.string("code", MAX_TEXT_LENGTH),
                    item.string("invoice_display_name", MAX_TEXT_LENGTH), model, Boolean.TRUE.equals(payInAdvance),
                    !Boolean.FALSE.equals(invoiceable), Boolean.TRUE.equals(prorated), minAmount == null ? 0 : minAmount,
                    regroup, properties, filters, item.has("tax_codes") && taxCodes == null ? List.of() : taxCodes));
        }
        return charges;
    }

    private static List<PlanInput.FilterInput> readFilters(JsonInput in, ChargeModel model, JsonInput charge) {
        List<JsonInput> items = charge.objects("filters", MAX_FILTERS_PER_CHARGE);
        if (items == null) {
            return charge.hasError("filters") ? null : List.of();
        }
        List<PlanInput.FilterInput> filters = new ArrayList<>();
        for (JsonInput item : items) {
            ObjectNode properties = properties(in, model, item.rawObject("properties"));
            Map<String, List<String>> values = filterValues(item.rawObject("values"));
            if (values == null || values.isEmpty()) {
                item.error("values", "value_is_invalid");
                continue;
            }
            if (properties != null) {
                filters.add(new PlanInput.FilterInput(item.string("invoice_display_name", MAX_TEXT_LENGTH), properties, values));
            }
        }
        return charge.hasError("filters") ? null : filters;
    }

    /** {@code {"region": ["eu", "us"]}}: each key a list of non-blank strings. */
    private static Map<String, List<String>> filterValues(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode list = entry.getValue();
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_FILTER_VALUES) {
                return null;
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode value : list.values()) {
                if (!value.isString() || value.stringValue().isBlank()) {
                    return null;
                }
                strings.add(value.stringValue());
            }
            values.put(entry.getKey(), strings);
        }
        return values;
    }

    /** Validates the model's properties and normalizes them; like Lago, every property error is listed under {@code properties}. */
    private static ObjectNode properties(JsonInput in, ChargeModel model, JsonNode properties) {
        if (model == null) {
            return null;
        }
        JsonNode given = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
        Map<String, List<String>> errors = ChargeProperties.validate(model, given);
        errors.values().forEach(codes -> codes.forEach(code -> in.error("properties", code)));
        return errors.isEmpty() ? ChargeProperties.normalize(model, given) : null;
    }
}

package dev.fjord.ui.internal;

import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored plan as its edit form shows it: the plan price in currency units, each charge with its id, its prices in
 * the form's fields and what the form does not edit carried along unchanged ({@link PlanForm.Charge#kept()}).
 */
final class StoredPlanForm {
    private static final List<String> RANGES = List.of("graduated_ranges", "volume_ranges", "graduated_percentage_ranges");

    private StoredPlanForm() {}

    static Map<String, String> values(Plan plan) {
        Map<String, String> values = new HashMap<>();
        values.put("name", plan.name());
        values.put("code", plan.code());
        values.put("interval", plan.interval().code());
        values.put("amount_cents", TypedAmount.typed(plan.amountCents(), plan.amountCurrency()));
        values.put("amount_currency", plan.amountCurrency());
        if (plan.payInAdvance()) {
            values.put("pay_in_advance", "on");
        }
        return values;
    }

    static List<PlanForm.Charge> charges(Plan plan) {
        return plan.charges().stream().map(StoredPlanForm::charge).toList();
    }

    private static PlanForm.Charge charge(Charge charge) {
        List<PlanForm.Filter> filters = charge.filters().stream()
                .map(f -> new PlanForm.Filter(text(f.invoiceDisplayName()), f.values(), prices(f.properties()),
                        keptProperties(JsonNodeFactory.instance.objectNode(), f.properties()).toString(),
                        FormErrors.none()))
                .toList();
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        if (charge.code() != null) {
            kept.put("code", charge.code());
        }
        kept.put("invoiceable", charge.invoiceable());
        kept.put("prorated", charge.prorated());
        kept.put("min_amount_cents", charge.minAmountCents());
        if (charge.regroupPaidFees() != null) {
            kept.put("regroup_paid_fees", charge.regroupPaidFees());
        }
        return new PlanForm.Charge(charge.id().toString(), charge.billableMetricId().toString(),
                charge.chargeModel().code(), charge.payInAdvance(), text(charge.invoiceDisplayName()),
                prices(charge.properties()), filters, keptProperties(kept, charge.properties()).toString(),
                FormErrors.none());
    }

    /** The properties the form has no field for (grouping keys, a percentage's per-event bounds...), under "properties". */
    private static ObjectNode keptProperties(ObjectNode kept, ObjectNode properties) {
        ObjectNode others = JsonNodeFactory.instance.objectNode();
        properties.properties().forEach(p -> {
            if (!PlanForm.MODEL_FIELDS.contains(p.getKey()) && !RANGES.contains(p.getKey())) {
                others.set(p.getKey(), p.getValue());
            }
        });
        if (!others.isEmpty()) {
            kept.set("properties", others);
        }
        return kept;
    }

    /** Stored properties back into the form's fields: the model's values as the API renders them, tiers as rows. */
    private static PlanForm.Prices prices(ObjectNode properties) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : PlanForm.MODEL_FIELDS) {
            JsonNode value = properties.get(field);
            fields.put(field, value == null || value.isNull() ? "" : value.asString());
        }
        List<PlanForm.Tier> tiers = new ArrayList<>();
        for (String key : RANGES) {
            for (JsonNode range : properties.path(key).values()) {
                JsonNode unit = range.has("rate") ? range.get("rate") : range.get("per_unit_amount");
                tiers.add(new PlanForm.Tier(range.path("from_value").asString(),
                        range.path("to_value").isNull() ? "" : range.path("to_value").asString(),
                        unit == null ? "" : unit.asString(), range.path("flat_amount").asString()));
            }
        }
        return new PlanForm.Prices(fields, tiers);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

package dev.fjord.catalog.internal;

import dev.fjord.shared.BillingError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lago's {@code plan_overrides}: the parent plan as the plan endpoints render it, with the fields a subscription may
 * override laid over it, as one plan payload. The override is then read and checked by the plan reader like any
 * plan, so its errors are the plan's own. Interval, code, payment timing and the charges' models stay the parent's.
 */
public final class PlanOverrideMerge {
    private static final List<String> PLAN_COPIED = List.of("name", "invoice_display_name", "code", "interval",
            "description", "amount_cents", "amount_currency", "trial_period", "pay_in_advance", "bill_charges_monthly");
    private static final List<String> PLAN_OVERRIDABLE = List.of("name", "invoice_display_name", "description",
            "amount_cents", "amount_currency", "trial_period", "tax_codes");
    private static final List<String> CHARGE_COPIED = List.of("code", "invoice_display_name", "charge_model",
            "invoiceable", "regroup_paid_fees", "pay_in_advance", "prorated", "min_amount_cents", "properties", "filters");
    private static final List<String> CHARGE_OVERRIDABLE = List.of("invoice_display_name", "min_amount_cents",
            "properties", "filters", "tax_codes");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanOverrideMerge() {}

    /** {@code {"plan": ...}}: the parent's rendering ({@link PlanJson}) with {@code overrides} applied. */
    public static ObjectNode merged(JsonNode parent, JsonNode overrides) {
        if (overrides == null || !overrides.isObject()) {
            throw BillingError.validation("plan_overrides", "value_is_invalid");
        }
        ObjectNode plan = NODES.objectNode();
        copy(parent, plan, PLAN_COPIED);
        plan.set("tax_codes", codes(parent.get("taxes")));
        JsonNode commitment = parent.get("minimum_commitment");
        if (commitment != null && commitment.isObject()) {
            ObjectNode kept = plan.putObject("minimum_commitment");
            copy(commitment, kept, List.of("amount_cents", "invoice_display_name"));
        }
        Map<String, ObjectNode> chargesById = new LinkedHashMap<>();
        ArrayNode charges = plan.putArray("charges");
        for (JsonNode charge : parent.get("charges")) {
            ObjectNode copied = charges.addObject();
            copied.set("billable_metric_id", charge.get("lago_billable_metric_id"));
            copy(charge, copied, CHARGE_COPIED);
            copied.set("tax_codes", codes(charge.get("taxes")));
            chargesById.put(charge.get("lago_id").stringValue(), copied);
        }
        overlay(overrides, plan, PLAN_OVERRIDABLE);
        if (overrides.has("minimum_commitment")) {
            overrideCommitment(plan, overrides.get("minimum_commitment"));
        }
        if (overrides.has("charges")) {
            overrideCharges(chargesById, overrides.get("charges"));
        }
        ObjectNode payload = NODES.objectNode();
        payload.set("plan", plan);
        return payload;
    }

    private static void overrideCommitment(ObjectNode plan, JsonNode commitment) {
        if (commitment == null || commitment.isNull()) {
            plan.remove("minimum_commitment");
            return;
        }
        if (!commitment.isObject()) {
            throw BillingError.validation("minimum_commitment", "value_is_invalid");
        }
        JsonNode kept = plan.get("minimum_commitment");
        ObjectNode merged = kept instanceof ObjectNode object ? object : plan.putObject("minimum_commitment");
        overlay(commitment, merged, List.of("amount_cents", "invoice_display_name"));
    }

    /** Each overriding charge names a charge of the parent by its {@code id}; an unknown one is {@code 404}. */
    private static void overrideCharges(Map<String, ObjectNode> chargesById, JsonNode charges) {
        if (!charges.isArray()) {
            throw BillingError.validation("charges", "value_is_invalid");
        }
        for (JsonNode charge : charges) {
            JsonNode id = charge.get("id");
            ObjectNode target = id == null || !id.isString() ? null : chargesById.get(id.stringValue());
            if (target == null) {
                throw BillingError.notFound("charge");
            }
            overlay(charge, target, CHARGE_OVERRIDABLE);
        }
    }

    /** Copies the non-null fields. */
    private static void copy(JsonNode from, ObjectNode to, List<String> fields) {
        for (String field : fields) {
            JsonNode value = from.get(field);
            if (value != null && !value.isNull()) {
                to.set(field, value.deepCopy());
            }
        }
    }

    /** Copies the fields sent, null included (an override may clear a display name). */
    private static void overlay(JsonNode from, ObjectNode to, List<String> fields) {
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }

    private static ArrayNode codes(JsonNode taxes) {
        ArrayNode codes = NODES.arrayNode();
        if (taxes != null) {
            taxes.forEach(tax -> codes.add(tax.get("code").stringValue()));
        }
        return codes;
    }
}

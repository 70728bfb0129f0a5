package dev.fjord.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan form as Lago's plan payload: the plan, and at most one usage charge in any of Lago's charge models
 * (standard, graduated, volume, graduated percentage, package, percentage, dynamic). People type prices in currency
 * units; {@link TypedAmount} turns the plan price into the API's
 * minor units.
 */
final class PlanForm {
    static final String NO_CHARGE = "";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,18}");

    private PlanForm() {}

    /** One tier row as typed; empty rows are dropped. */
    record Tier(String from, String to, String perUnit, String flat) {
        boolean blank() {
            return from.isBlank() && to.isBlank() && perUnit.isBlank() && flat.isBlank();
        }
    }

    static ObjectNode payload(MultiValueMap<String, String> form) {
        ObjectNode plan = JSON.objectNode();
        putText(plan, "name", form.getFirst("name"));
        putText(plan, "code", form.getFirst("code"));
        putText(plan, "interval", form.getFirst("interval"));
        String currency = text(form.getFirst("amount_currency")).toUpperCase(java.util.Locale.ROOT);
        putText(plan, "amount_currency", currency);
        String price = text(form.getFirst("amount_cents"));
        if (!price.isEmpty()) {
            plan.set("amount_cents", TypedAmount.minorUnits(price, currency));
        }
        plan.put("pay_in_advance", form.containsKey("pay_in_advance"));
        ArrayNode charges = plan.putArray("charges");
        String metric = text(form.getFirst("charge_metric"));
        if (!metric.equals(NO_CHARGE)) {
            charges.add(charge(metric, text(form.getFirst("charge_model")), form));
        }
        ObjectNode body = JSON.objectNode();
        body.set("plan", plan);
        return body;
    }

    static List<Tier> tiers(MultiValueMap<String, String> form) {
        List<String> from = form.getOrDefault("tier_from", List.of());
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            tiers.add(new Tier(at(from, i), at(form.get("tier_to"), i), at(form.get("tier_per_unit"), i),
                    at(form.get("tier_flat"), i)));
        }
        return tiers;
    }

    private static ObjectNode charge(String metricId, String model, MultiValueMap<String, String> form) {
        ObjectNode charge = JSON.objectNode();
        charge.put("billable_metric_id", metricId);
        charge.put("charge_model", model);
        ObjectNode properties = charge.putObject("properties");
        switch (model) {
            case "graduated" -> ranges(properties.putArray("graduated_ranges"), form, "per_unit_amount");
            case "volume" -> ranges(properties.putArray("volume_ranges"), form, "per_unit_amount");
            case "graduated_percentage" -> ranges(properties.putArray("graduated_percentage_ranges"), form, "rate");
            case "package" -> {
                putText(properties, "amount", form.getFirst("package_amount"));
                putInteger(properties, "package_size", form.getFirst("package_size"));
                putInteger(properties, "free_units", form.getFirst("package_free_units"));
            }
            case "percentage" -> {
                putText(properties, "rate", form.getFirst("percentage_rate"));
                putText(properties, "fixed_amount", form.getFirst("percentage_fixed_amount"));
                putInteger(properties, "free_units_per_events", form.getFirst("percentage_free_events"));
                putText(properties, "free_units_per_total_aggregation", form.getFirst("percentage_free_amount"));
            }
            case "dynamic" -> { } // the price comes with each event
            default -> putText(properties, "amount", form.getFirst("standard_amount"));
        }
        return charge;
    }

    /**
     * The tier table as the model's ranges: graduated and volume price units ({@code per_unit_amount}), graduated
     * percentage takes a {@code rate} from the same column; a tier's flat fee is its {@code flat_amount}.
     */
    private static void ranges(ArrayNode ranges, MultiValueMap<String, String> form, String unitField) {
        for (Tier tier : tiers(form)) {
            if (!tier.blank()) {
                ObjectNode range = ranges.addObject();
                range.set("from_value", integer(tier.from()));
                range.set("to_value", tier.to().isBlank() ? JSON.nullNode() : integer(tier.to()));
                range.put(unitField, tier.perUnit().isBlank() ? "0" : tier.perUnit().strip());
                range.put("flat_amount", tier.flat().isBlank() ? "0" : tier.flat().strip());
            }
        }
    }

    private static tools.jackson.databind.JsonNode integer(String text) {
        String value = text.strip();
        return INTEGER.matcher(value).matches() ? JSON.numberNode(Long.parseLong(value)) : JSON.stringNode(value);
    }

    /** Counts go as JSON integers, as the API wants them; anything else as typed, for the API to refuse. */
    private static void putInteger(ObjectNode node, String field, String value) {
        if (!text(value).isEmpty()) {
            node.set(field, integer(value));
        }
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (!text(value).isEmpty()) {
            node.put(field, text(value));
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : "";
    }

    /** An empty form: a monthly plan in the organization's currency with four blank tier rows to fill. */
    static Map<String, Object> blank(String currency) {
        return Map.of("interval", "monthly", "amount_currency", currency, "charge_model", "graduated");
    }
}

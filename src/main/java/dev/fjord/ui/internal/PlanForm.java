package dev.fjord.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan form as Lago's plan payload: the plan and its usage charges, each in any of Lago's charge models (standard,
 * graduated, volume, graduated percentage, package, percentage, dynamic) with its filters, each filter priced in the
 * charge's model. Charge fields are named {@code charges[i].<field>}, a filter's {@code charges[i].filters[j].<field>},
 * and a filter's values {@code charges[i].filters[j].values.<metric filter key>}. People type the plan price in
 * currency units; {@link TypedAmount} turns it into the API's minor units. Charge prices are decimals, as in the API.
 */
public final class PlanForm {
    static final String DEFAULT_MODEL = "standard";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern CHARGE_KEY = Pattern.compile("charges\\[([0-9]{1,3})]\\.(.+)");
    private static final Pattern FILTER_KEY = Pattern.compile("filters\\[([0-9]{1,3})]\\.(.+)");
    private static final String VALUES = "values.";
    private static final String KEPT = "kept";
    /** Present when the plan has subscriptions: its interval, currency and pay in advance are shown, not sent. */
    static final String LOCKED_TERMS = "locked_terms";
    private static final List<String> LOCKED = List.of("interval", "amount_currency", "pay_in_advance");
    private static final Pattern ACTION =
            Pattern.compile("(add_charge|remove_charge|add_filter|remove_filter)(?::([0-9]{1,3}))?(?::([0-9]{1,3}))?");
    /** Every field a model's properties are typed in, by Lago's property name (only the chosen model's are shown). */
    static final List<String> MODEL_FIELDS = List.of("amount", "package_size", "free_units", "rate", "fixed_amount",
            "free_units_per_events", "free_units_per_total_aggregation");
    private static final List<String> TIER_FIELDS = List.of("tier_from", "tier_to", "tier_per_unit", "tier_flat");
    /** Tier rows the form offers, at least, so that a new tier always has an empty row to go in. */
    private static final int TIER_ROWS = 4;

    private PlanForm() {}

    /** One tier row as typed; empty rows are dropped. */
    public record Tier(String from, String to, String perUnit, String flat) {
        public boolean blank() {
            return from.isBlank() && to.isBlank() && perUnit.isBlank() && flat.isBlank();
        }
    }

    /** What a charge, or one of its filters, costs as typed: the model's fields and the tier table. */
    public record Prices(Map<String, String> fields, List<Tier> tiers) {
        static Prices none() {
            return new Prices(Map.of(), List.of());
        }

        public String get(String field) {
            return fields.getOrDefault(field, "");
        }

        /** The typed tiers then empty rows; a first tier starts at 0. */
        public List<Tier> rows() {
            List<Tier> rows = new ArrayList<>(tiers.stream().filter(t -> !t.blank()).toList());
            if (rows.isEmpty()) {
                rows.add(new Tier("0", "", "", ""));
            }
            while (rows.size() < Math.max(TIER_ROWS, tiers.stream().filter(t -> !t.blank()).count() + 1)) {
                rows.add(new Tier("", "", "", ""));
            }
            return rows;
        }
    }

    /**
     * A filter row: the metric's filter values it prices ({@code region → [eu]}) and its price; {@code kept} is what
     * the stored filter holds that the form does not edit (see {@link Charge}).
     */
    public record Filter(String invoiceDisplayName, Map<String, List<String>> values, Prices prices, String kept,
            FormErrors errors) {
        static Filter blank() {
            return new Filter("", Map.of(), Prices.none(), "", FormErrors.none());
        }

        public boolean picks(String key, String value) {
            return values.getOrDefault(key, List.of()).contains(value);
        }

        Filter withErrors(FormErrors found) {
            return new Filter(invoiceDisplayName, values, prices, kept, found);
        }
    }

    /**
     * A charge block as typed. Editing, {@code id} names the stored charge (Lago keeps a charge sent with its id) and
     * {@code kept} carries, as a JSON object, what it holds that the form does not edit (minimum amount, invoiceable,
     * prorated, grouping keys in its properties...), sent back as it was so that saving the form changes only what
     * the form shows.
     */
    public record Charge(String id, String metricId, String model, boolean payInAdvance, String invoiceDisplayName,
            Prices prices, List<Filter> filters, String kept, FormErrors errors) {
        static Charge blank() {
            return new Charge("", "", DEFAULT_MODEL, false, "", Prices.none(), List.of(), "", FormErrors.none());
        }

        Charge withFilters(List<Filter> changed) {
            return new Charge(id, metricId, model, payInAdvance, invoiceDisplayName, prices, changed, kept, errors);
        }

        Charge withErrors(FormErrors found, List<Filter> changed) {
            return new Charge(id, metricId, model, payInAdvance, invoiceDisplayName, prices, changed, kept, found);
        }
    }

    /** The charge blocks as typed, in the order of their indexes. */
    static List<Charge> charges(MultiValueMap<String, String> form) {
        return indexed(form, CHARGE_KEY).values().stream().map(PlanForm::charge).toList();
    }

    /**
     * A change of the form's shape asked by one of its buttons: {@code add_charge}, {@code remove_charge:<i>},
     * {@code add_filter:<i>}, {@code remove_filter:<i>:<j>}; anything else only redraws (another metric or model).
     */
    static List<Charge> edited(List<Charge> charges, String action) {
        Matcher asked = ACTION.matcher(action);
        if (!asked.matches()) {
            return charges;
        }
        int charge = asked.group(2) == null ? -1 : Integer.parseInt(asked.group(2));
        int filter = asked.group(3) == null ? -1 : Integer.parseInt(asked.group(3));
        List<Charge> result = new ArrayList<>(charges);
        boolean known = charge >= 0 && charge < result.size();
        switch (asked.group(1)) {
            case "add_charge" -> result.add(Charge.blank());
            case "remove_charge" -> {
                if (known) {
                    result.remove(charge);
                }
            }
            case "add_filter" -> {
                if (known) {
                    List<Filter> filters = new ArrayList<>(result.get(charge).filters());
                    filters.add(Filter.blank());
                    result.set(charge, result.get(charge).withFilters(filters));
                }
            }
            case "remove_filter" -> {
                if (known && filter >= 0 && filter < result.get(charge).filters().size()) {
                    List<Filter> filters = new ArrayList<>(result.get(charge).filters());
                    filters.remove(filter);
                    result.set(charge, result.get(charge).withFilters(filters));
                }
            }
            default -> { } // the pattern allows no other verb
        }
        return result;
    }

    static ObjectNode payload(MultiValueMap<String, String> form) {
        ObjectNode plan = JSON.objectNode();
        putText(plan, "name", form.getFirst("name"));
        putText(plan, "code", form.getFirst("code"));
        putText(plan, "interval", form.getFirst("interval"));
        String currency = text(form.getFirst("amount_currency")).toUpperCase(Locale.ROOT);
        putText(plan, "amount_currency", currency);
        String price = text(form.getFirst("amount_cents"));
        if (!price.isEmpty()) {
            plan.set("amount_cents", TypedAmount.minorUnits(price, currency));
        }
        plan.put("pay_in_advance", form.containsKey("pay_in_advance"));
        if (form.containsKey(LOCKED_TERMS)) {
            LOCKED.forEach(plan::remove); // shown, not sent: the plan facade refuses them on a subscribed plan
        }
        ArrayNode charges = plan.putArray("charges");
        charges(form).forEach(charge -> charges.add(charge(charge)));
        ObjectNode body = JSON.objectNode();
        body.set("plan", plan);
        return body;
    }

    /** One charge as Lago's API takes it; a blank metric is left out, for the API to say it is required. */
    static ObjectNode charge(Charge charge) {
        ObjectNode node = kept(charge.kept());
        ObjectNode keptProperties = node.remove("properties") instanceof ObjectNode p ? p : JSON.objectNode();
        putText(node, "id", charge.id());
        putText(node, "billable_metric_id", charge.metricId());
        node.put("charge_model", charge.model());
        node.put("pay_in_advance", charge.payInAdvance());
        putText(node, "invoice_display_name", charge.invoiceDisplayName());
        node.set("properties", keptProperties.setAll(properties(charge.model(), charge.prices())));
        ArrayNode filters = node.putArray("filters");
        for (Filter filter : charge.filters()) {
            ObjectNode item = filters.addObject();
            putText(item, "invoice_display_name", filter.invoiceDisplayName());
            ObjectNode filterKept = kept(filter.kept()).get("properties") instanceof ObjectNode p ? p : JSON.objectNode();
            item.set("properties", filterKept.setAll(properties(charge.model(), filter.prices())));
            ObjectNode values = item.putObject("values");
            filter.values().forEach((key, picked) -> picked.forEach(values.withArrayProperty(key)::add));
        }
        return node;
    }

    /** The carried JSON object; anything else (absent, or edited into something that is not one) carries nothing. */
    private static ObjectNode kept(String carried) {
        if (carried == null || carried.isBlank()) {
            return JSON.objectNode();
        }
        try {
            return JsonMapper.shared().readTree(carried) instanceof ObjectNode object ? object : JSON.objectNode();
        } catch (JacksonException notJson) {
            return JSON.objectNode();
        }
    }

    private static ObjectNode properties(String model, Prices prices) {
        ObjectNode properties = JSON.objectNode();
        switch (model) {
            case "graduated" -> ranges(properties.putArray("graduated_ranges"), prices, "per_unit_amount");
            case "volume" -> ranges(properties.putArray("volume_ranges"), prices, "per_unit_amount");
            case "graduated_percentage" -> ranges(properties.putArray("graduated_percentage_ranges"), prices, "rate");
            case "package" -> {
                putText(properties, "amount", prices.get("amount"));
                putInteger(properties, "package_size", prices.get("package_size"));
                putInteger(properties, "free_units", prices.get("free_units"));
            }
            case "percentage" -> {
                putText(properties, "rate", prices.get("rate"));
                putText(properties, "fixed_amount", prices.get("fixed_amount"));
                putInteger(properties, "free_units_per_events", prices.get("free_units_per_events"));
                putText(properties, "free_units_per_total_aggregation", prices.get("free_units_per_total_aggregation"));
            }
            case "dynamic" -> { } // the price comes with each event
            default -> putText(properties, "amount", prices.get("amount"));
        }
        return properties;
    }

    /**
     * The tier table as the model's ranges: graduated and volume price units ({@code per_unit_amount}), graduated
     * percentage takes a {@code rate} from the same column; a tier's flat fee is its {@code flat_amount}.
     */
    private static void ranges(ArrayNode ranges, Prices prices, String unitField) {
        for (Tier tier : prices.tiers()) {
            if (!tier.blank()) {
                ObjectNode range = ranges.addObject();
                range.set("from_value", integer(tier.from()));
                range.set("to_value", tier.to().isBlank() ? JSON.nullNode() : integer(tier.to()));
                range.put(unitField, tier.perUnit().isBlank() ? "0" : tier.perUnit().strip());
                range.put("flat_amount", tier.flat().isBlank() ? "0" : tier.flat().strip());
            }
        }
    }

    private static Charge charge(MultiValueMap<String, String> fields) {
        List<Filter> filters = indexed(fields, FILTER_KEY).values().stream().map(PlanForm::filter).toList();
        String model = text(fields.getFirst("charge_model"));
        return new Charge(text(fields.getFirst("id")), text(fields.getFirst("billable_metric_id")),
                model.isEmpty() ? DEFAULT_MODEL : model, fields.containsKey("pay_in_advance"),
                text(fields.getFirst("invoice_display_name")), prices(fields), filters, text(fields.getFirst(KEPT)),
                FormErrors.none());
    }

    private static Filter filter(MultiValueMap<String, String> fields) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        fields.forEach((name, typed) -> {
            List<String> picked = typed.stream().map(PlanForm::text).filter(v -> !v.isEmpty()).toList();
            if (name.startsWith(VALUES) && name.length() > VALUES.length() && !picked.isEmpty()) {
                values.put(name.substring(VALUES.length()), picked);
            }
        });
        return new Filter(text(fields.getFirst("invoice_display_name")), values, prices(fields),
                text(fields.getFirst(KEPT)), FormErrors.none());
    }

    private static Prices prices(MultiValueMap<String, String> fields) {
        Map<String, String> typed = new LinkedHashMap<>();
        MODEL_FIELDS.forEach(field -> typed.put(field, text(fields.getFirst(field))));
        List<String> from = fields.getOrDefault(TIER_FIELDS.get(0), List.of());
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < from.size(); i++) {
            tiers.add(new Tier(at(from, i), at(fields.get("tier_to"), i), at(fields.get("tier_per_unit"), i),
                    at(fields.get("tier_flat"), i)));
        }
        return new Prices(typed, tiers);
    }

    /** The fields under {@code prefix[i].}, by index: {@code charges[1].amount} → 1 → {@code amount}. */
    private static TreeMap<Integer, MultiValueMap<String, String>> indexed(MultiValueMap<String, String> form,
            Pattern key) {
        TreeMap<Integer, MultiValueMap<String, String>> byIndex = new TreeMap<>();
        form.forEach((name, values) -> {
            Matcher matcher = key.matcher(name);
            if (matcher.matches()) {
                byIndex.computeIfAbsent(Integer.parseInt(matcher.group(1)), i -> new LinkedMultiValueMap<>())
                        .put(matcher.group(2), values);
            }
        });
        return byIndex;
    }

    private static JsonNode integer(String text) {
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

    static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String at(List<String> values, int i) {
        return values != null && i < values.size() ? values.get(i) : "";
    }

    /** An empty form: a monthly plan in the organization's currency, no charge yet. */
    static Map<String, String> blank(String currency) {
        return Map.of("interval", "monthly", "amount_currency", currency);
    }
}

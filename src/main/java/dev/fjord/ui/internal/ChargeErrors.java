package dev.fjord.ui.internal;

import dev.fjord.catalog.PlanInput;
import dev.fjord.catalog.PlanPayload;
import dev.fjord.catalog.Plans;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Puts a refused plan's messages next to the charge (or filter) they are about. Lago's 422 names fields, not charges
 * ({@code "properties": ["invalid_graduated_ranges"]}), so once the plan is refused each charge is read again on its
 * own by the API's reader and checked by the plan facade's charge rules (nothing is written), and its filters one by
 * one the same way. What no charge explains stays on the plan.
 */
final class ChargeErrors {
    /**
     * Where the reader and the facade put a charge's messages: the charge object's own fields report under
     * {@code charges} (the array's name, as Lago does), its model's properties under {@code properties}, the rules
     * between charge and metric under their fields.
     */
    static final List<String> CHARGE_FIELDS = List.of("charges", "properties", "charge_model", "pay_in_advance");
    /** A filter's: its fields under {@code filters}, its prices under {@code properties}. */
    static final List<String> FILTER_FIELDS = List.of("filters", "properties");

    private final Plans plans;
    private final OrganizationId organization;

    ChargeErrors(Plans plans, OrganizationId organization) {
        this.plans = plans;
        this.organization = organization;
    }

    /** The refused form: its charges carrying their own messages, and the plan's messages left over. */
    record Located(List<PlanForm.Charge> charges, FormErrors plan) {}

    Located locate(BillingError refusal, List<PlanForm.Charge> charges, List<String> planFields) {
        List<PlanForm.Charge> located = new ArrayList<>();
        Set<String> explained = new HashSet<>();
        for (PlanForm.Charge charge : charges) {
            ObjectNode alone = PlanForm.charge(charge);
            alone.remove("id"); // a stored charge is checked as a new one: its id names nothing to keep here
            alone.putArray("filters");
            BillingError own = refusalOf(alone);
            List<PlanForm.Filter> filters = new ArrayList<>();
            for (PlanForm.Filter filter : charge.filters()) {
                BillingError found = refusalOf(filterAlone(charge, filter));
                found = found == null ? null : only(found, FILTER_FIELDS);
                explained.addAll(pairs(found));
                filters.add(filter.withErrors(found == null ? FormErrors.none() : FormErrors.of(found, FILTER_FIELDS)));
            }
            explained.addAll(pairs(own));
            located.add(charge.withErrors(own == null ? FormErrors.none() : FormErrors.of(own, CHARGE_FIELDS), filters));
        }
        return new Located(located, leftOver(refusal, explained, planFields));
    }

    /** The charge's metric and model with this one filter and no price of its own (so only the filter can fail). */
    private static ObjectNode filterAlone(PlanForm.Charge charge, PlanForm.Filter filter) {
        ObjectNode full = PlanForm.charge(charge.withFilters(List.of(filter)));
        ObjectNode alone = JsonNodeFactory.instance.objectNode();
        alone.set("billable_metric_id", full.get("billable_metric_id"));
        alone.set("charge_model", full.get("charge_model"));
        alone.set("filters", full.get("filters"));
        return alone;
    }

    private BillingError refusalOf(ObjectNode charge) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("plan").putArray("charges").add(charge);
        try {
            PlanInput input = PlanPayload.read(body, false);
            plans.checkNewCharges(organization, input.charges());
            return null;
        } catch (BillingError refused) {
            return refused;
        }
    }

    /** A filter's own messages: those about its fields (the metric's, for one, are the charge's to tell). */
    private static BillingError only(BillingError error, List<String> fields) {
        if (error.kind() != BillingError.Kind.VALIDATION || error.details() == null) {
            return null;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        error.details().forEach((field, codes) -> {
            if (fields.contains(field)) {
                kept.put(field, codes);
            }
        });
        return kept.isEmpty() ? null : BillingError.validation(kept);
    }

    private static Set<String> pairs(BillingError error) {
        Set<String> pairs = new HashSet<>();
        if (error != null && error.kind() == BillingError.Kind.VALIDATION && error.details() != null) {
            error.details().forEach((field, codes) ->
                    ErrorMessages.codes(codes).forEach(code -> pairs.add(field + " " + code)));
        } else if (error != null) {
            pairs.add(error.kind() + " " + error.code());
        }
        return pairs;
    }

    /** The refusal without what the charges explained: the plan's own fields, or a rule no single charge breaks. */
    private static FormErrors leftOver(BillingError refusal, Set<String> explained, List<String> planFields) {
        if (refusal.kind() != BillingError.Kind.VALIDATION || refusal.details() == null) {
            return explained.contains(refusal.kind() + " " + refusal.code()) ? FormErrors.none()
                    : FormErrors.of(refusal, planFields);
        }
        Map<String, List<String>> left = new LinkedHashMap<>();
        refusal.details().forEach((field, codes) -> ErrorMessages.codes(codes).stream()
                .filter(code -> !explained.contains(field + " " + code))
                .forEach(code -> left.computeIfAbsent(field, f -> new ArrayList<>()).add(code)));
        return left.isEmpty() ? FormErrors.none() : FormErrors.of(BillingError.validation(left), planFields);
    }
}

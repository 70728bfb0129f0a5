package dev.fjord.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** How a plan prices one billable metric; {@code properties} are normalized for its {@link ChargeModel}. */
public record Charge(
        UUID id,
        UUID billableMetricId,
        String code,
        String invoiceDisplayName,
        ChargeModel chargeModel,
        boolean payInAdvance,
        boolean invoiceable,
        boolean prorated,
        long minAmountCents,
        String regroupPaidFees,
        ObjectNode properties,
        List<Filter> filters,
        Instant createdAt) {

    /** A price for the events whose properties match {@code values} (e.g. {@code region ∈ [eu]}). */
    public record Filter(UUID id, String invoiceDisplayName, ObjectNode properties, Map<String, List<String>> values) {

        /** Every key of the filter is present in the event with one of the listed values. */
        public boolean matches(Map<String, String> eventProperties) {
            return values.entrySet().stream()
                    .allMatch(e -> e.getValue().contains(eventProperties.get(e.getKey())));
        }
    }

    /**
     * The filter pricing an event: the matching filter with the most keys (the most specific), else null, meaning
     * the charge's own properties apply.
     */
    public Filter filterFor(Map<String, String> eventProperties) {
        Filter best = null;
        for (Filter filter : filters) {
            if (filter.matches(eventProperties) && (best == null || filter.values().size() > best.values().size())) {
                best = filter;
            }
        }
        return best;
    }
}

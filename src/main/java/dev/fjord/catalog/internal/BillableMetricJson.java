package dev.fjord.catalog.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.catalog.BillableMetric;
import java.util.List;

/** Lago's {@code billable_metric} object. */
public record BillableMetricJson(
        String lagoId,
        String name,
        String code,
        String description,
        String aggregationType,
        String weightedInterval,
        boolean recurring,
        String roundingFunction,
        Integer roundingPrecision,
        String createdAt,
        String fieldName,
        String expression,
        List<Filter> filters,
        long activeSubscriptionsCount,
        long draftInvoicesCount,
        long plansCount) {

    record Filter(String key, List<String> values) {}

    public static BillableMetricJson of(BillableMetric m, long plansCount) {
        return new BillableMetricJson(m.id().toString(), m.name(), m.code(), m.description(),
                m.aggregationType().code(), m.weightedInterval(), m.recurring(), m.roundingFunction(),
                m.roundingPrecision(), JsonFormats.timestamp(m.createdAt()), m.fieldName(), null,
                m.filters().stream().map(f -> new Filter(f.key(), f.values())).toList(), 0, 0, plansCount);
    }
}

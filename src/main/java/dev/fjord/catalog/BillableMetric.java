package dev.fjord.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What is metered: which events (by code) and how they aggregate into units. */
public record BillableMetric(
        UUID id,
        String name,
        String code,
        String description,
        AggregationType aggregationType,
        String fieldName,
        String weightedInterval,
        boolean recurring,
        String roundingFunction,
        Integer roundingPrecision,
        List<Filter> filters,
        Instant createdAt,
        Instant deletedAt) {

    /** A property key events may carry and its allowed values. */
    public record Filter(String key, List<String> values) {}
}

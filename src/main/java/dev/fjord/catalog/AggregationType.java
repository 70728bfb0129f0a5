package dev.fjord.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a billable metric turns a period's events into units. */
public enum AggregationType {
    COUNT_AGG, SUM_AGG, MAX_AGG, UNIQUE_COUNT_AGG, LATEST_AGG, WEIGHTED_SUM_AGG;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AggregationType> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }

    /** Every type but count reads a number (or, for unique count, a value) from {@code properties[field_name]}. */
    public boolean needsFieldName() {
        return this != COUNT_AGG;
    }

    /** Lago: units carried over periods make no sense for count, max and latest. */
    public boolean canBeRecurring() {
        return this == SUM_AGG || this == UNIQUE_COUNT_AGG || this == WEIGHTED_SUM_AGG;
    }
}

package dev.fjord.metering.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.subscription.BillingPeriod;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a batch of events adds to one aggregate, merged in memory so a batch writes each aggregate once.
 * {@code units} follows the metric: a count or sum adds, a max keeps the largest, a latest keeps the newest value.
 */
final class Contribution {
    final UsageKey key;
    final AggregationType type;
    final boolean recurring;
    BigDecimal units;
    /** weighted_sum_agg: Σ delta × seconds from the event to the period end. */
    BigDecimal weightedUnits = BigDecimal.ZERO;
    long eventsCount;
    Instant latestAt;
    BigDecimal preciseTotalAmountCents = BigDecimal.ZERO;
    /** unique_count_agg: values added (true) or removed (false), in event order. */
    final List<UniqueOperation> uniqueOperations = new ArrayList<>();

    record UniqueOperation(String value, boolean add) {}

    /** Set for a pay-in-advance charge: what prices each event's share of it. */
    InAdvance inAdvance;

    /** A pay-in-advance charge's price and, per event in order, its share ({@code units} null for a unique count). */
    record InAdvance(Charge charge, BillableMetric metric, Charge.Filter filter, Map<String, String> groupedBy,
            String currency, BillingPeriod period, List<Share> shares) {}

    record Share(String transactionId, BigDecimal units, BigDecimal preciseCents) {}

    Contribution(UsageKey key, AggregationType type, boolean recurring) {
        this.key = key;
        this.type = type;
        this.recurring = recurring;
    }

    /** Adds one event's value (null for count and unique count, whose value is an operation). */
    void add(BigDecimal value, Instant at, BigDecimal preciseCents) {
        eventsCount++;
        if (preciseCents != null) {
            preciseTotalAmountCents = preciseTotalAmountCents.add(preciseCents);
        }
        switch (type) {
            case COUNT_AGG -> units = plus(units, BigDecimal.ONE);
            case SUM_AGG -> units = plus(units, value);
            case MAX_AGG -> units = units == null || value.compareTo(units) > 0 ? value : units;
            case LATEST_AGG -> {
                if (latestAt == null || !at.isBefore(latestAt)) {
                    units = value;
                    latestAt = at;
                }
            }
            case WEIGHTED_SUM_AGG -> {
                units = plus(units, value);
                long remaining = Duration.between(at, key.periodEnd()).getSeconds();
                weightedUnits = weightedUnits.add(value.multiply(BigDecimal.valueOf(Math.max(0, remaining))));
            }
            case UNIQUE_COUNT_AGG -> units = plus(units, BigDecimal.ZERO);
        }
    }

    void addUnique(String value, boolean add) {
        uniqueOperations.add(new UniqueOperation(value, add));
    }

    BigDecimal units() {
        return units == null ? BigDecimal.ZERO : units;
    }

    private static BigDecimal plus(BigDecimal total, BigDecimal value) {
        return total == null ? value : total.add(value);
    }
}

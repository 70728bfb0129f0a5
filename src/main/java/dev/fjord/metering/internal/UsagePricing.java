package dev.fjord.metering.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.ChargeCalculator;
import dev.fjord.catalog.ChargeResult;
import dev.fjord.metering.UsageReport;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.Subscription;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Prices one charge of a subscription for a period from its aggregates: units per bucket → charge model → cents. */
@Component
public class UsagePricing {
    private final JsonMapper json;

    UsagePricing(JsonMapper json) {
        this.json = json;
    }

    /** {@code rows}: the charge's aggregates of this period and, for recurring metrics, of earlier ones. */
    public UsageReport.ChargeUsage price(Charge charge, BillableMetric metric, BillingPeriod period, String currency,
            List<AggregateRepository.Aggregate> rows) {
        Map<BucketKey, BucketTotals> buckets = new LinkedHashMap<>();
        for (Charge.Filter filter : charge.filters()) {
            buckets.put(new BucketKey(filter.id(), "{}"), new BucketTotals());
        }
        for (AggregateRepository.Aggregate row : rows) {
            if (row.periodStart().isAfter(period.start())) {
                continue;
            }
            BucketTotals totals = buckets.computeIfAbsent(new BucketKey(row.chargeFilterId(), row.groupedBy()), k -> new BucketTotals());
            if (row.periodStart().equals(period.start())) {
                totals.current = row;
            } else if (metric.recurring()) {
                totals.carriedUnits = totals.carriedUnits.add(row.units());
            }
        }
        List<UsageReport.Bucket> priced = new ArrayList<>();
        BigDecimal units = BigDecimal.ZERO;
        long eventsCount = 0;
        long amountCents = 0;
        int exponent = Money.exponent(currency);
        for (Map.Entry<BucketKey, BucketTotals> entry : buckets.entrySet()) {
            Charge.Filter filter = filterById(charge, entry.getKey().filterId());
            BucketTotals totals = entry.getValue();
            BigDecimal bucketUnits = rounded(metric, units(metric, totals, period));
            long bucketEvents = totals.current == null ? 0 : totals.current.eventsCount();
            BigDecimal precise = totals.current == null ? BigDecimal.ZERO : totals.current.preciseTotalAmountCents();
            ObjectNode properties = filter == null ? charge.properties() : filter.properties();
            ChargeResult result = ChargeCalculator.compute(charge.chargeModel(), properties,
                    new dev.fjord.catalog.ChargeUsage(bucketUnits, bucketEvents, null, precise), exponent);
            long cents = Money.toMinorUnits(result.amount(), currency);
            priced.add(new UsageReport.Bucket(filter, groupedBy(entry.getKey().groupedBy()), result.units(), bucketEvents, cents));
            units = units.add(result.units());
            eventsCount += bucketEvents;
            amountCents += cents;
        }
        return new UsageReport.ChargeUsage(charge, metric, units, eventsCount, amountCents, priced);
    }

    /**
     * The bucket's units for the period. Recurring metrics carry the units of earlier periods; a weighted sum is
     * the level at the period start plus each change weighted by the share of the period it was in force.
     */
    private static BigDecimal units(BillableMetric metric, BucketTotals totals, BillingPeriod period) {
        AggregateRepository.Aggregate current = totals.current;
        if (metric.aggregationType() == AggregationType.WEIGHTED_SUM_AGG) {
            BigDecimal seconds = BigDecimal.valueOf(Duration.between(period.start(), period.endExclusive()).getSeconds());
            BigDecimal weighted = current == null ? BigDecimal.ZERO
                    : current.weightedUnits().divide(seconds, MathContext.DECIMAL128);
            return totals.carriedUnits.add(weighted);
        }
        return totals.carriedUnits.add(current == null ? BigDecimal.ZERO : current.units());
    }

    /** The metric's {@code rounding_function} at {@code rounding_precision} decimals (default 0), if any. */
    static BigDecimal rounded(BillableMetric metric, BigDecimal units) {
        if (metric.roundingFunction() == null) {
            return units;
        }
        int precision = metric.roundingPrecision() == null ? 0 : metric.roundingPrecision();
        RoundingMode mode = switch (metric.roundingFunction()) {
            case "ceil" -> RoundingMode.CEILING;
            case "floor" -> RoundingMode.FLOOR;
            default -> RoundingMode.HALF_UP;
        };
        return units.setScale(precision, mode);
    }

    private Map<String, String> groupedBy(String groupedBy) {
        Map<String, String> group = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.readTree(groupedBy).properties()) {
            group.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asString());
        }
        return group;
    }

    private static Charge.Filter filterById(Charge charge, UUID filterId) {
        return filterId == null ? null
                : charge.filters().stream().filter(f -> f.id().equals(filterId)).findFirst().orElse(null);
    }

    private record BucketKey(UUID filterId, String groupedBy) {
        BucketKey {
            Objects.requireNonNull(groupedBy);
        }
    }

    private static final class BucketTotals {
        AggregateRepository.Aggregate current;
        BigDecimal carriedUnits = BigDecimal.ZERO;
    }
}

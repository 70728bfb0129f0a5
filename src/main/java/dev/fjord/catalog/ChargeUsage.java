package dev.fjord.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What one charge measured over one billing period, as the charge models need it.
 *
 * @param units aggregated units of the period (already aggregated by the metric: sum, count, max...)
 * @param eventsCount number of events in the period
 * @param eventUnits per-event values in timestamp order, or null. Only the percentage model reads them, and only when
 *     {@code free_units_per_events}, {@code free_units_per_total_aggregation} or a per-transaction minimum/maximum
 *     is set. When null there, the model assumes the units were spread evenly over the events (exact for a count
 *     metric, an estimate otherwise): pass them whenever you have them.
 * @param preciseTotalAmountCents sum of the events' {@code precise_total_amount_cents} (dynamic model only), in
 *     cents of the plan currency; null reads as 0
 */
public record ChargeUsage(BigDecimal units, long eventsCount, List<BigDecimal> eventUnits,
        BigDecimal preciseTotalAmountCents) {

    public ChargeUsage {
        Objects.requireNonNull(units, "units");
        if (eventsCount < 0) {
            throw new IllegalArgumentException("eventsCount must be >= 0: " + eventsCount);
        }
    }

    /** Usage known only by its aggregated units and its number of events. */
    public static ChargeUsage of(BigDecimal units, long eventsCount) {
        return new ChargeUsage(units, eventsCount, null, null);
    }
}

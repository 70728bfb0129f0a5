package dev.fjord.catalog.internal.chargemodel;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the percentage model's free units cover: the first {@code free_units_per_events} events and/or the first
 * {@code free_units_per_total_aggregation} units, whichever runs out first (Lago's docs: "the first 3 events or $500
 * are free"). Events are taken in timestamp order.
 *
 * @param freeEvents events entirely free: no rate, no fixed amount. An event that brings the running total to the
 *     free amount or beyond is not one of them: it pays the fixed amount, and the rate on the part beyond (Lago counts
 *     free events as those whose running total stays strictly below the free amount)
 * @param freeUnits units exempt from the rate
 * @param consumedOfNext the part of event number {@code freeEvents} (0-based) still covered by the free amount
 */
record FreeAllowance(int freeEvents, BigDecimal freeUnits, BigDecimal consumedOfNext) {
    static final FreeAllowance NONE = new FreeAllowance(0, BigDecimal.ZERO, BigDecimal.ZERO);

    /**
     * @param freeEventsLimit null when not set
     * @param freeAmountLimit null when not set (Lago reads 0 as not set too)
     */
    static FreeAllowance of(List<BigDecimal> eventValues, Long freeEventsLimit, BigDecimal freeAmountLimit) {
        if (freeEventsLimit == null && freeAmountLimit == null) {
            return NONE;
        }
        BigDecimal runningTotal = BigDecimal.ZERO;
        int free = 0;
        for (BigDecimal value : eventValues) {
            if (freeEventsLimit != null && free >= freeEventsLimit) {
                break;
            }
            BigDecimal next = runningTotal.add(value);
            if (freeAmountLimit != null && next.compareTo(freeAmountLimit) >= 0) {
                return new FreeAllowance(free, freeAmountLimit, freeAmountLimit.subtract(runningTotal));
            }
            runningTotal = next;
            free++;
        }
        return new FreeAllowance(free, runningTotal, BigDecimal.ZERO);
    }
}

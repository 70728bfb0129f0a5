package dev.fjord.catalog.internal.chargemodel;

import java.math.BigDecimal;

/**
 * One price tier covering the units in {@code (lower, upper]} (the first tier also covers 0).
 *
 * @param lower 0 for the first tier, else the previous tier's {@code to_value}: Lago's two ways of writing tiers,
 *     {@code 0-10, 11-20} and {@code 0-10, 10-20}, both mean "the second tier starts after 10 units"
 * @param upper {@code to_value}, null for the last tier (infinity)
 * @param price per-unit amount in currency units (for graduated percentage: the rate divided by 100)
 * @param flat flat amount charged once when the tier is reached
 */
record Tier(BigDecimal lower, BigDecimal upper, BigDecimal price, BigDecimal flat) {

    /** True when the tier holds {@code units}, or when it is the last tier the units get to. */
    boolean holds(BigDecimal units) {
        return upper == null || units.compareTo(upper) <= 0;
    }
}

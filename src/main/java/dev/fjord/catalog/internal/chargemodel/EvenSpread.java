package dev.fjord.catalog.internal.chargemodel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.AbstractList;

/**
 * Stand-in for unknown per-event values: the period's units spread evenly over its events, the last event taking the
 * rounding remainder so the values add up to the units exactly. Exact for a count metric (every event is 1 unit).
 * Computed on access: no list of a million values is built.
 */
final class EvenSpread extends AbstractList<BigDecimal> {
    private static final int SHARE_SCALE = 20;
    private final int size;
    private final BigDecimal share;
    private final BigDecimal last;

    EvenSpread(BigDecimal units, long events) {
        this.size = (int) Math.min(events, Integer.MAX_VALUE);
        this.share = size == 0 ? BigDecimal.ZERO
                : units.divide(BigDecimal.valueOf(size), SHARE_SCALE, RoundingMode.DOWN).stripTrailingZeros();
        this.last = units.subtract(share.multiply(BigDecimal.valueOf(Math.max(size - 1, 0))));
    }

    @Override
    public BigDecimal get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return index == size - 1 ? last : share;
    }

    @Override
    public int size() {
        return size;
    }
}

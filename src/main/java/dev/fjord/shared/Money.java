package dev.fjord.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The one place money is rounded: an amount in currency units becomes integer minor units (cents), HALF_UP to the
 * currency's exponent (2 for EUR, 0 for JPY, 3 for KWD), as Lago rounds fees.
 */
public final class Money {
    private Money() {}

    public static int exponent(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    /** {@code ratePercent}% of an amount in minor units, HALF_UP to a whole minor unit (a fee's tax, as Lago rounds it). */
    public static long percentOf(long minorUnits, BigDecimal ratePercent) {
        return BigDecimal.valueOf(minorUnits).multiply(ratePercent).movePointLeft(2)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public static long toMinorUnits(BigDecimal amount, String currency) {
        return amount.movePointRight(exponent(currency)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}

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

    /** Decimals of Lago's precise amounts in minor units ({@code precise_coupons_amount_cents} is decimal(30,5)). */
    public static final int PRECISE_SCALE = 5;

    /** A precise amount in minor units to a whole minor unit, HALF_UP: invoice taxes and percentage coupons. */
    public static long round(BigDecimal minorUnits) {
        return minorUnits.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * The whole minor units of a non-negative precise amount, fraction dropped: Lago writes a coupon amount into an
     * integer column, which truncates; also the whole part a bucket of payable money starts from.
     */
    public static long truncate(BigDecimal minorUnits) {
        return minorUnits.setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /**
     * {@code amount × weight / total} with {@link #PRECISE_SCALE} decimals, HALF_UP: one fee's share of a coupon
     * spread pro rata, as Lago stores it. {@code total} must not be zero.
     */
    public static BigDecimal preciseShare(long amount, BigDecimal weight, BigDecimal total) {
        return BigDecimal.valueOf(amount).multiply(weight).divide(total, PRECISE_SCALE, RoundingMode.HALF_UP);
    }
}

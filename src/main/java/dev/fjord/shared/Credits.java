package dev.fjord.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Lago's {@code WalletCredit} conversion, the one place credits meet money (spec §2.2):
 * <ol>
 *   <li>input credits are floored to 5 decimals;</li>
 *   <li>{@code amount = round_half_up(credits × rate, currency exponent)}, a whole number of minor units;</li>
 *   <li>for top-ups the stored credits are re-derived from that amount, {@code amount / rate} to 5 decimals, so every
 *   credit movement is a whole number of cents (rate 3, 0.333 credits → 1.00 → 0.33333 credits);</li>
 *   <li>voids keep the credits as sent (floored) while their money amount is still rounded.</li>
 * </ol>
 */
public final class Credits {
    /** Credits are stored with 5 decimals (Lago's decimal(30,5)). */
    public static final int SCALE = 5;

    private Credits() {}

    /** A credit movement: its credits and its money value in minor units. */
    public record CreditAmount(BigDecimal credits, long amountCents) {}

    /** A top-up (paid or granted): credits re-derived from the rounded money amount. */
    public static CreditAmount topUp(BigDecimal credits, BigDecimal rate, String currency) {
        long cents = centsOf(floor(credits), rate, currency);
        return new CreditAmount(fromCents(cents, rate, currency), cents);
    }

    /** A void: the floored credits as sent, their money value rounded. */
    public static CreditAmount voided(BigDecimal credits, BigDecimal rate, String currency) {
        BigDecimal floored = floor(credits);
        return new CreditAmount(floored, centsOf(floored, rate, currency));
    }

    /** Credits worth an amount in minor units: {@code (cents / subunit) / rate}, 5 decimals, half-up. */
    public static BigDecimal fromCents(long cents, BigDecimal rate, String currency) {
        return BigDecimal.valueOf(cents).movePointLeft(Money.exponent(currency))
                .divide(rate, SCALE, RoundingMode.HALF_UP);
    }

    /** Money in currency units of an amount in minor units, e.g. 3000 EUR cents → 30.00. */
    public static BigDecimal money(long cents, String currency) {
        return BigDecimal.valueOf(cents).movePointLeft(Money.exponent(currency));
    }

    public static BigDecimal floor(BigDecimal credits) {
        return credits.setScale(SCALE, RoundingMode.FLOOR);
    }

    private static long centsOf(BigDecimal credits, BigDecimal rate, String currency) {
        return Money.toMinorUnits(credits.multiply(rate), currency);
    }
}

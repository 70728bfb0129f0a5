package dev.fjord.document.internal;

import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts as a reader of an invoice expects them: the currency's symbol (or its code when it has no symbol of its
 * own in English, e.g. {@code KWD 1,234.567}), thousands grouped, exactly the currency's decimals ({@code ¥1,235},
 * {@code €7.00}). Formatting never rounds: minor units are shown as they are, and a unit price keeps the decimals it
 * has beyond the currency's.
 */
final class MoneyText {
    private static final Locale ENGLISH = Locale.ENGLISH;
    /** More decimals than a stored unit price has (numeric(30, 15)). */
    private static final int MAX_PRICE_DECIMALS = 15;

    private MoneyText() {}

    /** Minor units in their currency: {@code 123456 EUR → €1,234.56}, {@code 1234567 KWD → KWD 1,234.567}. */
    static String amount(long minorUnits, String currency) {
        int exponent = Money.exponent(currency);
        return format(BigDecimal.valueOf(minorUnits, exponent), currency, exponent, exponent);
    }

    /** An amount taken off the invoice (coupons, credits): {@code -€2.00}. */
    static String deduction(long minorUnits, String currency) {
        return amount(-minorUnits, currency);
    }

    /** A price in currency units, with at least the currency's decimals: {@code 0.001 USD → $0.001}. */
    static String price(BigDecimal currencyUnits, String currency) {
        int exponent = Money.exponent(currency);
        return format(currencyUnits, currency, exponent, Math.max(exponent, MAX_PRICE_DECIMALS));
    }

    /** A quantity or a rate without useless zeros: {@code 4.00000 → 4}, {@code 2.50 → 2.5}. */
    static String number(BigDecimal value) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(ENGLISH));
        format.setMaximumFractionDigits(MAX_PRICE_DECIMALS);
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format.format(value);
    }

    private static String format(BigDecimal value, String currency, int minDecimals, int maxDecimals) {
        DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(ENGLISH));
        format.setMinimumFractionDigits(minDecimals);
        format.setMaximumFractionDigits(maxDecimals);
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        String digits = format.format(value.abs());
        return (value.signum() < 0 ? "-" : "") + symbol(currency) + digits;
    }

    private static String symbol(String currency) {
        String symbol = Currency.getInstance(currency).getSymbol(ENGLISH);
        return symbol.equals(currency) ? currency + " " : symbol;
    }
}

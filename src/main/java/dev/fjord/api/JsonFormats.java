package dev.fjord.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Lago's value formats on output: UTC timestamps to the second, dates as YYYY-MM-DD. */
public final class JsonFormats {
    private JsonFormats() {}

    /** {@code 2022-04-29T08:59:51Z}; null stays null. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Event timestamps keep milliseconds on purpose: {@code 2022-04-29T08:59:51.123Z}. */
    public static String timestampMillis(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }

    private static final java.time.format.DateTimeFormatter MILLIS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /**
     * A decimal column as Lago (Rails) renders a BigDecimal: a JSON string without trailing zeros but with at least
     * one decimal, {@code "20.0"}, {@code "12.5"}, {@code "0.00125"}; null stays null.
     */
    public static String decimal(BigDecimal value) {
        return value == null ? null : normalized(value).toPlainString();
    }

    /**
     * A float column as Lago renders it (tax rates are floats in Lago): a JSON number with at least one decimal,
     * {@code 20.0}, {@code 5.5}. Lago's Go client decodes the tax rate into a float32, so it must not be a string.
     */
    public static BigDecimal number(BigDecimal value) {
        return value == null ? null : normalized(value);
    }

    private static BigDecimal normalized(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 1 ? stripped.setScale(1) : stripped;
    }
}

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

    /** Decimals travel as strings, as Rails renders BigDecimal: {@code "10.0"}, {@code "2.5"}. */
    public static String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal plain = value.stripTrailingZeros();
        return plain.scale() <= 0 ? plain.setScale(1).toPlainString() : plain.toPlainString();
    }

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}

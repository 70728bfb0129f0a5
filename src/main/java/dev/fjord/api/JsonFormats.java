package dev.fjord.api;

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

    public static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}

package dev.fjord.subscription;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where billing periods start: on calendar boundaries, or on the subscription's own anniversary. */
public enum BillingTime {
    CALENDAR, ANNIVERSARY;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BillingTime> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }
}

package dev.fjord.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a plan bills: Lago's {@code interval} values. */
public enum PlanInterval {
    WEEKLY, MONTHLY, QUARTERLY, SEMIANNUAL, YEARLY;

    /** The Lago spelling, e.g. {@code monthly}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PlanInterval> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }
}

package dev.fjord.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Lago's charge models: how a charge turns aggregated units into an amount. */
public enum ChargeModel {
    STANDARD, GRADUATED, GRADUATED_PERCENTAGE, PACKAGE, PERCENTAGE, VOLUME, DYNAMIC;

    /** The Lago spelling, e.g. {@code graduated_percentage}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ChargeModel> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }
}

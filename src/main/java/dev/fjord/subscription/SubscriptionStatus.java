package dev.fjord.subscription;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum SubscriptionStatus {
    PENDING, ACTIVE, TERMINATED, CANCELED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SubscriptionStatus> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
    }
}

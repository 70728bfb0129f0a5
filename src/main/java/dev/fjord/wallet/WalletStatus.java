package dev.fjord.wallet;

import java.util.Locale;

public enum WalletStatus {
    ACTIVE, TERMINATED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WalletStatus fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}

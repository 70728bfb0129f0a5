package dev.fjord.wallet.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A wallet alert (spec §5.13): thresholds on one of the wallet's balances, crossed in a {@code direction}. Amount
 * types are in cents, credit types in credits. {@code previousValue} is the value at the last check.
 */
record WalletAlert(UUID id, UUID walletId, String walletCode, String code, String name, String alertType,
        String direction, List<Threshold> thresholds, BigDecimal previousValue, Instant lastProcessedAt,
        Instant createdAt) {

    static final List<String> TYPES = List.of("wallet_balance_amount", "wallet_credits_balance",
            "wallet_ongoing_balance_amount", "wallet_credits_ongoing_balance");
    static final List<String> DIRECTIONS = List.of("increasing", "decreasing");

    record Threshold(String code, BigDecimal value, boolean recurring) {}

    /** Thresholds passed going from {@code previousValue} to {@code current}: decreasing, previous > t ≥ current. */
    List<Threshold> crossed(BigDecimal current) {
        boolean decreasing = "decreasing".equals(direction);
        return thresholds.stream().filter(t -> decreasing
                ? previousValue.compareTo(t.value()) > 0 && current.compareTo(t.value()) <= 0
                : previousValue.compareTo(t.value()) < 0 && current.compareTo(t.value()) >= 0).toList();
    }
}

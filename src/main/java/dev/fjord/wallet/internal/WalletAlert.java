package dev.fjord.wallet.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A wallet alert (spec §5.13): thresholds on one of the wallet's balances, crossed in a {@code direction}. Amount
 * types are in cents, credit types in credits. {@code previousValue} is the value at the last check. At most one
 * threshold is {@code recurring}: its value is a step, repeated beyond the last fixed threshold in the direction.
 */
record WalletAlert(UUID id, UUID walletId, String walletCode, String code, String name, String alertType,
        String direction, List<Threshold> thresholds, BigDecimal previousValue, Instant lastProcessedAt,
        Instant createdAt) {

    static final List<String> TYPES = List.of("wallet_balance_amount", "wallet_credits_balance",
            "wallet_ongoing_balance_amount", "wallet_credits_ongoing_balance");
    static final List<String> DIRECTIONS = List.of("increasing", "decreasing");
    /**
     * Recurring values listed per evaluation: a tiny step and a large balance change could otherwise list millions.
     * Beyond it the ones nearest the current value are kept (the most recent news).
     */
    static final int MAX_RECURRING_CROSSINGS = 100;

    record Threshold(String code, BigDecimal value, boolean recurring) {}

    /**
     * Thresholds passed going from {@code previousValue} to {@code current} (decreasing: previous > t ≥ current;
     * increasing: previous < t ≤ current): the fixed ones, then each multiple of the recurring step beyond the last
     * fixed threshold (or beyond 0 without fixed ones), as Lago lists them, each with the recurring threshold's code.
     */
    List<Threshold> crossed(BigDecimal current) {
        boolean decreasing = "decreasing".equals(direction);
        List<Threshold> crossed = new ArrayList<>(thresholds.stream().filter(t -> !t.recurring()).filter(t -> decreasing
                ? previousValue.compareTo(t.value()) > 0 && current.compareTo(t.value()) <= 0
                : previousValue.compareTo(t.value()) < 0 && current.compareTo(t.value()) >= 0).toList());
        thresholds.stream().filter(Threshold::recurring).findFirst()
                .ifPresent(step -> crossed.addAll(recurringCrossed(step, decreasing, current)));
        return crossed;
    }

    /**
     * Values {@code base ± k·step} (k ≥ 1) strictly past the previous value and reached by the current one, in
     * ascending order. Distances are measured from the base in the alert's direction, so k runs from
     * ⌊distance(previous) / step⌋ + 1 (at least 1) to ⌊distance(current) / step⌋.
     */
    private List<Threshold> recurringCrossed(Threshold step, boolean decreasing, BigDecimal current) {
        List<BigDecimal> fixed = thresholds.stream().filter(t -> !t.recurring()).map(Threshold::value).toList();
        BigDecimal base = fixed.stream().reduce(decreasing ? BigDecimal::min : BigDecimal::max).orElse(BigDecimal.ZERO);
        BigDecimal sign = decreasing ? BigDecimal.ONE.negate() : BigDecimal.ONE;
        BigDecimal first = steps(previousValue.subtract(base).multiply(sign), step.value()).add(BigDecimal.ONE)
                .max(BigDecimal.ONE);
        BigDecimal last = steps(current.subtract(base).multiply(sign), step.value());
        first = first.max(last.subtract(BigDecimal.valueOf(MAX_RECURRING_CROSSINGS - 1)));
        List<Threshold> values = new ArrayList<>();
        for (BigDecimal k = first; k.compareTo(last) <= 0; k = k.add(BigDecimal.ONE)) {
            values.add(new Threshold(step.code(), base.add(sign.multiply(step.value()).multiply(k)), true));
        }
        if (decreasing) {
            Collections.reverse(values);
        }
        return values;
    }

    /** Whole steps in a distance from the base, rounded down (negative before the base). */
    private static BigDecimal steps(BigDecimal distance, BigDecimal step) {
        return distance.divide(step, 0, RoundingMode.FLOOR);
    }
}

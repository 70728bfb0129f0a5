package dev.fjord.wallet;

import java.math.BigDecimal;

/** A wallet's real-time view: unbilled usage allocated to it, and what remains (may be negative). */
public record OngoingBalance(long ongoingUsageBalanceCents, long ongoingBalanceCents,
        BigDecimal creditsOngoingUsageBalance, BigDecimal creditsOngoingBalance) {}

package dev.fjord.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A wallet's live automatic top-up rule as the API lists it inside the wallet (spec §3.1): an {@code interval} or
 * {@code threshold} trigger, a {@code fixed} or {@code target} method. {@code interval} and
 * {@code targetOngoingBalance} are null when the rule has none.
 */
public record RecurringTopUpRule(UUID id, String status, String trigger, String method, String interval,
        BigDecimal thresholdCredits, BigDecimal paidCredits, BigDecimal grantedCredits, BigDecimal targetOngoingBalance,
        Instant startedAt, Instant expirationAt) {}

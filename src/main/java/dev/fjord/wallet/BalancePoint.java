package dev.fjord.wallet;

import java.time.Instant;

/** The wallet's balance right after the ledger row recorded at {@code at}. */
public record BalancePoint(Instant at, long balanceCents) {}

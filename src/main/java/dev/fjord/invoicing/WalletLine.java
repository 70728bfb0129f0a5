package dev.fjord.invoicing;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An active wallet of the customer in the invoice currency. feeTypes/metricIds empty = pays for anything. */
public record WalletLine(UUID walletId, long balanceCents, int priority, Instant createdAt, Set<String> feeTypes, Set<UUID> metricIds) {}

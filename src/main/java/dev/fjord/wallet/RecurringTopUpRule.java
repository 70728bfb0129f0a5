package dev.fjord.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A wallet's live automatic top-up rule as the API lists it inside the wallet (spec §3.1): an {@code interval} or
 * {@code threshold} trigger, a {@code fixed} or {@code target} method, and what each top-up it makes carries (name,
 * metadata, purchase order, whether its invoice must be paid first). {@code interval} and
 * {@code targetOngoingBalance} are null when the rule has none; {@code grantsTargetTopUp} is null for fixed rules.
 */
public record RecurringTopUpRule(UUID id, String status, String trigger, String method, String interval,
        BigDecimal thresholdCredits, BigDecimal paidCredits, BigDecimal grantedCredits, BigDecimal targetOngoingBalance,
        Boolean grantsTargetTopUp, Instant startedAt, Instant expirationAt, boolean invoiceRequiresSuccessfulPayment,
        List<WalletTransaction.MetadataPair> transactionMetadata, String transactionName, String purchaseOrderNumber,
        boolean ignorePaidTopUpLimits) {}

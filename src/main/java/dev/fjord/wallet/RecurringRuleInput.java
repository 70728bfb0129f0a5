package dev.fjord.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One item of a wallet's {@code recurring_transaction_rules} as sent (spec §3). {@code lagoId} names an active rule to
 * change in place; without it a new rule is made. Credits not sent are null (a fixed rule made with the wallet then
 * takes the wallet's initial credits; otherwise they are 0). {@code invoiceRequiresSuccessfulPayment} null means the
 * wallet's value.
 */
public record RecurringRuleInput(UUID lagoId, String trigger, String method, String interval, BigDecimal paidCredits,
        BigDecimal grantedCredits, BigDecimal thresholdCredits, BigDecimal targetOngoingBalance,
        Boolean grantsTargetTopUp, Instant startedAt, Instant expirationAt, Boolean invoiceRequiresSuccessfulPayment,
        List<WalletTransaction.MetadataPair> transactionMetadata, String transactionName, String purchaseOrderNumber,
        boolean ignorePaidTopUpLimits) {}

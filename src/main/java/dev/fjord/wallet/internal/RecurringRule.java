package dev.fjord.wallet.internal;

import dev.fjord.wallet.WalletTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored automatic top-up rule of a wallet (Lago's {@code RecurringTransactionRule}). */
record RecurringRule(
        UUID id,
        UUID walletId,
        String status,
        String trigger,
        String method,
        String interval,
        BigDecimal paidCredits,
        BigDecimal grantedCredits,
        BigDecimal thresholdCredits,
        BigDecimal targetOngoingBalance,
        Boolean grantsTargetTopUp,
        Instant startedAt,
        Instant expirationAt,
        boolean invoiceRequiresSuccessfulPayment,
        List<WalletTransaction.MetadataPair> transactionMetadata,
        String transactionName,
        String purchaseOrderNumber,
        boolean ignorePaidTopUpLimits,
        Instant nextRunAt,
        Instant createdAt) {

    boolean isThreshold() {
        return "threshold".equals(trigger);
    }

    boolean isTarget() {
        return "target".equals(method);
    }

    /** Active and not past its own expiration: the rules Lago lists and runs. */
    boolean isLive(Instant now) {
        return "active".equals(status) && (expirationAt == null || expirationAt.isAfter(now));
    }
}

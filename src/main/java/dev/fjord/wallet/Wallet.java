package dev.fjord.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A customer's prepaid credit wallet; balances are the ledger's sums, kept on the row in the same transaction. */
public record Wallet(
        UUID id,
        UUID customerId,
        String externalCustomerId,
        WalletStatus status,
        String currency,
        String name,
        String code,
        BigDecimal rateAmount,
        BigDecimal creditsBalance,
        long balanceCents,
        BigDecimal consumedCredits,
        long consumedAmountCents,
        int priority,
        Instant expirationAt,
        Instant terminatedAt,
        Instant lastBalanceSyncAt,
        Instant lastConsumedCreditAt,
        boolean invoiceRequiresSuccessfulPayment,
        Long paidTopUpMinAmountCents,
        Long paidTopUpMaxAmountCents,
        String purchaseOrderNumber,
        List<String> appliesToFeeTypes,
        List<String> appliesToBillableMetricCodes,
        Map<String, String> metadata,
        Instant createdAt) {

    public boolean isActive() {
        return status == WalletStatus.ACTIVE;
    }
}

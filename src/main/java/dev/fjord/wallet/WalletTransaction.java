package dev.fjord.wallet;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One ledger row. Inbound rows keep {@code remainingAmountCents}: what outbound rows have not consumed yet.
 * {@code voidedInvoiceId} is set on the granted row that gives back what a voided invoice consumed (spec §4.7).
 */
public record WalletTransaction(
        UUID id,
        UUID walletId,
        String status,
        String source,
        String transactionStatus,
        String transactionType,
        long amountCents,
        BigDecimal creditAmount,
        Long remainingAmountCents,
        int priority,
        String name,
        String purchaseOrderNumber,
        List<MetadataPair> metadata,
        boolean invoiceRequiresSuccessfulPayment,
        UUID invoiceId,
        UUID voidedInvoiceId,
        Instant expirationAt,
        Instant settledAt,
        Instant failedAt,
        Instant createdAt) {

    public record MetadataPair(String key, String value) {}

    public boolean isInbound() {
        return "inbound".equals(transactionType);
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.shared.Credits;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletTransaction;
import java.util.List;

/** Lago's {@code wallet_transaction} object (spec §2.1). */
record WalletTransactionJson(
        String lagoId,
        String lagoWalletId,
        String lagoInvoiceId,
        String lagoCreditNoteId,
        String lagoVoidedInvoiceId,
        String billingEntityCode,
        String status,
        String source,
        String transactionStatus,
        String transactionType,
        String amount,
        String creditAmount,
        Long remainingAmountCents,
        String remainingCreditAmount,
        int priority,
        String purchaseOrderNumber,
        String settledAt,
        String failedAt,
        String createdAt,
        boolean invoiceRequiresSuccessfulPayment,
        List<WalletTransaction.MetadataPair> metadata,
        String name,
        String expirationAt,
        WalletJson.PaymentMethod paymentMethod) {

    static WalletTransactionJson of(WalletTransaction t, Wallet wallet) {
        return new WalletTransactionJson(t.id().toString(), t.walletId().toString(),
                t.invoiceId() == null ? null : t.invoiceId().toString(), null,
                t.voidedInvoiceId() == null ? null : t.voidedInvoiceId().toString(), "default", t.status(), t.source(),
                t.transactionStatus(), t.transactionType(),
                JsonFormats.decimal(Credits.money(t.amountCents(), wallet.currency())), JsonFormats.decimal(t.creditAmount()),
                t.remainingAmountCents(),
                t.remainingAmountCents() == null ? null
                        : JsonFormats.decimal(Credits.fromCents(t.remainingAmountCents(), wallet.rateAmount(), wallet.currency())),
                t.priority(), t.purchaseOrderNumber(), JsonFormats.timestamp(t.settledAt()),
                JsonFormats.timestamp(t.failedAt()), JsonFormats.timestamp(t.createdAt()),
                t.invoiceRequiresSuccessfulPayment(), t.metadata(), t.name(), JsonFormats.timestamp(t.expirationAt()),
                new WalletJson.PaymentMethod(null, "provider"));
    }
}

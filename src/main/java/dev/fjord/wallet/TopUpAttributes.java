package dev.fjord.wallet;

import java.time.Instant;
import java.util.List;

/** What a top-up or void carries besides its amount. {@code expirationAt} is Fjord's per-grant expiry (null: none). */
public record TopUpAttributes(String name, int priority, String purchaseOrderNumber,
        List<WalletTransaction.MetadataPair> metadata, boolean invoiceRequiresSuccessfulPayment, Instant expirationAt) {

    public static TopUpAttributes defaults() {
        return new TopUpAttributes(null, 50, null, List.of(), false, null);
    }
}

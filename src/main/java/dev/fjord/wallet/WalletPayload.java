package dev.fjord.wallet;

import dev.fjord.api.JsonInput;
import dev.fjord.wallet.internal.WalletInputReader;
import java.time.Clock;
import tools.jackson.databind.JsonNode;

/**
 * Lago's wallet and wallet-transaction payloads read and validated exactly as the API reads them: the web UI's forms
 * send the same payloads, so both show the same errors and no rule is written twice.
 */
public final class WalletPayload {
    private WalletPayload() {}

    /** {@code {"wallet": {...}}} as {@code POST /api/v1/wallets} reads it. */
    public static WalletCreate create(JsonNode body, Clock clock) {
        return WalletInputReader.create(JsonInput.root(body, "wallet"), null, clock);
    }

    /** {@code {"wallet": {...}}} as {@code PUT /api/v1/wallets/{id}} reads it (with {@code recurring_transaction_rules}). */
    public static WalletUpdate update(JsonNode body, Clock clock) {
        return WalletInputReader.update(JsonInput.root(body, "wallet"), clock);
    }

    /** {@code {"wallet_transaction": {...}}} as {@code POST /api/v1/wallet_transactions} reads it. */
    public static TopUpRequest topUp(JsonNode body, Clock clock) {
        return WalletInputReader.topUp(JsonInput.root(body, "wallet_transaction"), clock);
    }
}

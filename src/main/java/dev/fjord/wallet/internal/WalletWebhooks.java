package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.Wallet;
import dev.fjord.webhook.Webhooks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wallet module's webhooks, recorded in the transaction of the change with the objects as the API shows them
 * after it: {@code wallet.*} with the wallet (ongoing balance included), {@code wallet_transaction.*} with the
 * transaction and, as Lago, the wallet embedded.
 */
@Component
public class WalletWebhooks {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private final Webhooks webhooks;
    private final WalletRepository wallets;
    private final LedgerRepository rows;
    /** Lazy: the views read through the wallet facade, which itself records webhooks. */
    private final ObjectProvider<WalletViews> views;
    private final JsonMapper json;

    WalletWebhooks(Webhooks webhooks, WalletRepository wallets, LedgerRepository rows, ObjectProvider<WalletViews> views,
            JsonMapper json) {
        this.webhooks = webhooks;
        this.wallets = wallets;
        this.rows = rows;
        this.views = views;
        this.json = json;
    }

    /** {@code wallet.created}, {@code wallet.updated} or {@code wallet.terminated}. */
    public void wallet(OrganizationId organization, String webhookType, UUID walletId) {
        webhooks.record(organization, webhookType, "wallet", () -> walletView(organization, walletId));
    }

    /** {@code wallet_transaction.created} or {@code wallet_transaction.updated}. */
    public void transaction(OrganizationId organization, String webhookType, UUID transactionId) {
        webhooks.record(organization, webhookType, "wallet_transaction", () -> {
            var transaction = rows.find(organization, transactionId).orElseThrow();
            Wallet wallet = wallets.find(organization, transaction.walletId()).orElseThrow();
            Map<String, Object> view = json.convertValue(WalletTransactionJson.of(transaction, wallet), OBJECT);
            view.put("wallet", views.getObject().one(organization, wallet));
            return view;
        });
    }

    private WalletJson walletView(OrganizationId organization, UUID walletId) {
        return views.getObject().one(organization, wallets.find(organization, walletId).orElseThrow());
    }
}

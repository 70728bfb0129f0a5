package dev.fjord.wallet.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.IdempotentRequests;
import dev.fjord.api.JsonFormats;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.api.PathIds;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.TopUpRequest;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletTransaction;
import dev.fjord.wallet.WalletTransactions;
import dev.fjord.wallet.Wallets;
import dev.fjord.shared.Credits;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/wallet_transactions} and a wallet's transaction list (spec §2). */
@RestController
class WalletTransactionController {
    private final WalletTransactions transactions;
    private final Wallets wallets;
    private final IdempotentRequests idempotency;
    private final Clock clock;
    private final tools.jackson.databind.json.JsonMapper json;

    WalletTransactionController(WalletTransactions transactions, Wallets wallets, IdempotentRequests idempotency,
            Clock clock, tools.jackson.databind.json.JsonMapper json) {
        this.transactions = transactions;
        this.wallets = wallets;
        this.idempotency = idempotency;
        this.clock = clock;
        this.json = json;
    }

    @PostMapping("/api/v1/wallet_transactions")
    JsonNode create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        TopUpRequest request = WalletInputReader.topUp(JsonInput.root(body, "wallet_transaction"), clock);
        UUID walletId = request.walletId();
        return idempotency.run(organization, key, "/api/v1/wallet_transactions", body, () -> {
            List<WalletTransaction> created = transactions.topUp(organization, request);
            Wallet wallet = wallets.get(organization, walletId);
            return Map.of("wallet_transactions", created.stream().map(t -> WalletTransactionJson.of(t, wallet)).toList());
        });
    }

    @GetMapping("/api/v1/wallet_transactions/{id}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        WalletTransaction transaction = transactions.get(organization, PathIds.uuid(id, "wallet_transaction"));
        return Map.of("wallet_transaction", WalletTransactionJson.of(transaction, wallets.get(organization, transaction.walletId())));
    }

    @GetMapping("/api/v1/wallets/{walletId}/wallet_transactions")
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, @PathVariable String walletId,
            PageRequest page, HttpServletRequest request) {
        Wallet wallet = wallets.get(organization, PathIds.uuid(walletId, "wallet"));
        Map<String, String> filters = new HashMap<>();
        for (String filter : List.of("status", "transaction_type", "transaction_status")) {
            filters.put(filter, request.getParameter(filter));
        }
        // metadata[key]=value pairs must all match (Lago's AND of exact pairs).
        List<Map<String, String>> pairs = new java.util.ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith("metadata[") && name.endsWith("]") && values.length > 0) {
                pairs.add(Map.of("key", name.substring(9, name.length() - 1), "value", values[0]));
            }
        });
        filters.put("metadata", json.writeValueAsString(pairs));
        return ListResponse.of("wallet_transactions",
                transactions.list(organization, wallet.id(), filters, page.perPage(), page.offset()).stream()
                        .map(t -> WalletTransactionJson.of(t, wallet)).toList(),
                page, transactions.count(organization, wallet.id(), filters));
    }

    @GetMapping("/api/v1/wallet_transactions/{id}/consumptions")
    Map<String, Object> consumptions(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            PageRequest page) {
        return linked(organization, id, page, true, "wallet_transaction_consumptions");
    }

    @GetMapping("/api/v1/wallet_transactions/{id}/fundings")
    Map<String, Object> fundings(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            PageRequest page) {
        return linked(organization, id, page, false, "wallet_transaction_fundings");
    }

    private Map<String, Object> linked(OrganizationId organization, String id, PageRequest page, boolean consumptions,
            String collection) {
        UUID transactionId = PathIds.uuid(id, "wallet_transaction");
        var pieces = transactions.linked(organization, transactionId, consumptions);
        Wallet wallet = wallets.get(organization, transactions.get(organization, transactionId).walletId());
        List<Map<String, Object>> items = pieces.stream()
                .skip(page.offset()).limit(page.perPage())
                .map(piece -> Map.<String, Object>of(
                        "lago_id", piece.getValue().id().toString(),
                        "amount_cents", piece.getKey(),
                        "credit_amount", JsonFormats.decimal(Credits.fromCents(piece.getKey(), wallet.rateAmount(), wallet.currency())),
                        "created_at", JsonFormats.timestamp(piece.getValue().createdAt()),
                        "wallet_transaction", WalletTransactionJson.of(piece.getValue(), wallet)))
                .toList();
        return ListResponse.of(collection, items, page, pieces.size());
    }
}

package dev.fjord.wallet.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.IdempotentRequests;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.MetadataObject;
import dev.fjord.api.PageRequest;
import dev.fjord.api.PathIds;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletPage;
import dev.fjord.wallet.Wallets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/wallets} and the customer-scoped {@code /customers/{id}/wallets[/{code}]} twins. */
@RestController
class WalletController {
    private final Wallets wallets;
    private final WalletViews views;
    private final IdempotentRequests idempotency;
    private final Clock clock;

    WalletController(Wallets wallets, WalletViews views, IdempotentRequests idempotency, Clock clock) {
        this.wallets = wallets;
        this.views = views;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @PostMapping("/api/v1/wallets")
    JsonNode create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return create(organization, body, key, null, "/api/v1/wallets");
    }

    @PostMapping("/api/v1/customers/{externalCustomerId}/wallets")
    JsonNode createForCustomer(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @RequestBody(required = false) JsonNode body, @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        return create(organization, body, key, externalCustomerId, "/api/v1/customers/" + externalCustomerId + "/wallets");
    }

    private JsonNode create(OrganizationId organization, JsonNode body, String key, String customer, String path) {
        var create = WalletInputReader.create(JsonInput.root(body, "wallet"), customer, clock);
        return idempotency.run(organization, key, path, body,
                () -> Map.of("wallet", views.one(organization, wallets.create(organization, create))));
    }

    @PutMapping("/api/v1/wallets/{id}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        return update(organization, wallets.get(organization, walletId(id)), body);
    }

    @PutMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}")
    Map<String, Object> updateByCode(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String code, @RequestBody(required = false) JsonNode body) {
        return update(organization, wallets.getByCode(organization, externalCustomerId, code), body);
    }

    private Map<String, Object> update(OrganizationId organization, Wallet wallet, JsonNode body) {
        return json(organization, wallets.update(organization, wallet.id(),
                WalletInputReader.update(JsonInput.root(body, "wallet"), clock)));
    }

    @GetMapping("/api/v1/wallets/{id}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return json(organization, wallets.get(organization, walletId(id)));
    }

    @GetMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}")
    Map<String, Object> showByCode(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String code) {
        return json(organization, wallets.getByCode(organization, externalCustomerId, code));
    }

    @DeleteMapping("/api/v1/wallets/{id}")
    Map<String, Object> terminate(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return json(organization, wallets.terminate(organization, walletId(id)));
    }

    @DeleteMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}")
    Map<String, Object> terminateByCode(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, @PathVariable String code) {
        return json(organization, wallets.terminate(organization, wallets.getByCode(organization, externalCustomerId, code).id()));
    }

    @GetMapping("/api/v1/wallets")
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            @RequestParam(name = "external_customer_id", required = false) String customer,
            @RequestParam(required = false) String currency) {
        return listWallets(organization, page, customer, currency);
    }

    @GetMapping("/api/v1/customers/{externalCustomerId}/wallets")
    Map<String, Object> listForCustomer(@CurrentOrganization OrganizationId organization, PageRequest page,
            @PathVariable String externalCustomerId) {
        return listWallets(organization, page, externalCustomerId, null);
    }

    private Map<String, Object> listWallets(OrganizationId organization, PageRequest page, String customer, String currency) {
        if (currency != null && !Formats.isCurrency(currency)) {
            throw BillingError.validation("currency", "value_is_invalid");
        }
        WalletPage result = wallets.list(organization, customer, currency, page.perPage(), page.offset());
        return ListResponse.of("wallets", views.many(organization, result.wallets()), page, result.totalCount());
    }

    @PostMapping("/api/v1/wallets/{id}/metadata")
    Map<String, Object> replaceMetadata(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        return metadata(wallets.writeMetadata(organization, walletId(id), readMetadata(body), false));
    }

    @PutMapping("/api/v1/wallets/{id}/metadata")
    Map<String, Object> mergeMetadata(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        return metadata(wallets.writeMetadata(organization, walletId(id), readMetadata(body), true));
    }

    @DeleteMapping("/api/v1/wallets/{id}/metadata")
    Map<String, Object> deleteMetadata(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return metadata(wallets.deleteMetadata(organization, walletId(id), null));
    }

    @DeleteMapping("/api/v1/wallets/{id}/metadata/{key}")
    Map<String, Object> deleteMetadataKey(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @PathVariable String key) {
        return metadata(wallets.deleteMetadata(organization, walletId(id), key));
    }

    @PostMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}/metadata")
    Map<String, Object> replaceMetadataByCode(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, @PathVariable String code, @RequestBody(required = false) JsonNode body) {
        UUID id = wallets.getByCode(organization, externalCustomerId, code).id();
        return metadata(wallets.writeMetadata(organization, id, readMetadata(body), false));
    }

    @PutMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}/metadata")
    Map<String, Object> mergeMetadataByCode(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, @PathVariable String code, @RequestBody(required = false) JsonNode body) {
        UUID id = wallets.getByCode(organization, externalCustomerId, code).id();
        return metadata(wallets.writeMetadata(organization, id, readMetadata(body), true));
    }

    @DeleteMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}/metadata")
    Map<String, Object> deleteMetadataByCode(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, @PathVariable String code) {
        return metadata(wallets.deleteMetadata(organization, wallets.getByCode(organization, externalCustomerId, code).id(), null));
    }

    @DeleteMapping("/api/v1/customers/{externalCustomerId}/wallets/{code}/metadata/{key}")
    Map<String, Object> deleteMetadataKeyByCode(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, @PathVariable String code, @PathVariable String key) {
        return metadata(wallets.deleteMetadata(organization, wallets.getByCode(organization, externalCustomerId, code).id(), key));
    }

    private static Map<String, String> readMetadata(JsonNode body) {
        return MetadataObject.readBody(body);
    }

    private static Map<String, Object> metadata(Map<String, String> metadata) {
        return MetadataObject.body(metadata);
    }

    private static UUID walletId(String id) {
        return PathIds.uuid(id, "wallet");
    }

    private Map<String, Object> json(OrganizationId organization, Wallet wallet) {
        return Map.of("wallet", views.one(organization, wallet));
    }
}

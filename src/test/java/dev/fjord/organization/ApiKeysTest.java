package dev.fjord.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The API-key facade behind the Developers page: keys stored as digests, shown once, the last one kept. */
class ApiKeysTest extends ApiTest {
    @Autowired
    ApiKeys apiKeys;

    OrganizationId organization;

    @BeforeEach
    void organization() {
        organization = new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(api.apiKeyPrefix()).query(UUID.class).single());
    }

    @Test
    void aNewKeyIsStoredOnlyAsItsDigestAndOpensTheApi() {
        NewApiKey created = apiKeys.create(organization);

        assertThat(created.key().prefix()).isEqualTo(created.value().substring(0, 8));
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE value_digest = ? OR value_prefix = ?")
                .params(created.value(), created.value()).query(Long.class).single()).isZero();
        assertThat(apiKeys.list(organization)).extracting(ApiKey::prefix)
                .containsExactly(api.apiKeyPrefix(), created.key().prefix()); // oldest first
        assertThat(created.key().masked()).isEqualTo(created.key().prefix() + "••••••••••••");
        assertThat(new ApiClient(port, created.value()).get("/api/v1/customers").status()).isEqualTo(200);
    }

    @Test
    void theLastKeyIsNotRevokedAndAnotherOrganizationsKeyIsNotFound() {
        ApiKey only = apiKeys.list(organization).get(0);
        assertThatThrownBy(() -> apiKeys.revoke(organization, only.id()))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.code()).isEqualTo("last_api_key"));

        ApiClient other = newOrganization("Other");
        OrganizationId otherId = new OrganizationId(jdbc.sql("SELECT organization_id FROM api_keys WHERE value_prefix = ?")
                .param(other.apiKeyPrefix()).query(UUID.class).single());
        apiKeys.create(otherId);
        UUID othersKey = apiKeys.list(otherId).get(0).id();
        assertThatThrownBy(() -> apiKeys.revoke(organization, othersKey))
                .isInstanceOfSatisfying(BillingError.class, e -> assertThat(e.kind()).isEqualTo(BillingError.Kind.NOT_FOUND));
        assertThat(apiKeys.list(otherId)).hasSize(2);
        assertThat(api.get("/api/v1/customers").status()).isEqualTo(200);
    }

    @Test
    void twoKeysRevokedAtOnceLeaveOne() throws Exception {
        NewApiKey second = apiKeys.create(organization);
        List<UUID> both = List.of(apiKeys.list(organization).get(0).id(), second.key().id());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> revocations = new ArrayList<>();
        for (UUID id : both) {
            revocations.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    apiKeys.revoke(organization, id);
                    return true;
                } catch (BillingError refused) {
                    return false;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();

        long revoked = revocations.stream().filter(CompletableFuture::join).count();
        assertThat(revoked).isEqualTo(1); // the organization's row lock serializes them: the second sees one key left
        assertThat(apiKeys.list(organization)).hasSize(1);
    }
}

package dev.fjord.organization.internal;

import dev.fjord.api.ApiKeyResolver;
import dev.fjord.shared.OrganizationId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Resolves a request's API key to its organization by digest. */
@Component
class ApiKeyStore implements ApiKeyResolver {
    private final JdbcClient jdbc;

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<OrganizationId> organizationFor(String apiKey) {
        return jdbc.sql("SELECT organization_id FROM api_keys WHERE value_digest = ?")
                .param(ApiKeyDigest.of(apiKey))
                .query(UUID.class)
                .optional()
                .map(OrganizationId::new);
    }
}

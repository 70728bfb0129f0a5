package dev.fjord.organization.internal;

import dev.fjord.api.ApiKeyResolver;
import dev.fjord.shared.OrganizationId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves a request's API key to its organization by digest. Known keys are remembered for {@link #REMEMBER} so the
 * hot paths (events, spend authorization) skip a query per request; keys cannot be revoked through the API yet, and
 * when they can, the delay is this one. Unknown keys are never remembered (a flood of them cannot grow memory).
 */
@Component
class ApiKeyStore implements ApiKeyResolver {
    static final Duration REMEMBER = Duration.ofSeconds(30);
    /** Bound on remembered keys; beyond it the memory is cleared (organizations have a handful of keys). */
    static final int MAX_REMEMBERED = 10_000;

    private final JdbcClient jdbc;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(OrganizationId organization, long until) {}

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<OrganizationId> organizationFor(String apiKey) {
        String digest = ApiKeyDigest.of(apiKey);
        Remembered known = remembered.get(digest);
        long now = System.nanoTime();
        if (known != null && now - known.until() < 0) {
            return Optional.of(known.organization());
        }
        Optional<OrganizationId> organization = jdbc.sql("SELECT organization_id FROM api_keys WHERE value_digest = ?")
                .param(digest)
                .query(UUID.class)
                .optional()
                .map(OrganizationId::new);
        organization.ifPresent(found -> {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(digest, new Remembered(found, now + REMEMBER.toNanos()));
        });
        return organization;
    }
}

package dev.fjord.organization.internal;

import dev.fjord.api.ApiKeyResolver;
import dev.fjord.organization.ApiKey;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code api_keys} table, and the resolution of a request's API key to its organization by digest. Known keys are
 * remembered for {@link #REMEMBER} so the hot paths (events, spend authorization) skip a query per request; a revoked
 * key is forgotten at once on this instance and within that delay on the others. Unknown keys are never remembered
 * (a flood of them cannot grow memory).
 */
@Component
public class ApiKeyStore implements ApiKeyResolver {
    public static final Duration REMEMBER = Duration.ofSeconds(30);
    /** Bound on remembered keys; beyond it the memory is cleared (organizations have a handful of keys). */
    static final int MAX_REMEMBERED = 10_000;

    private static final String COLUMNS = "id, value_prefix, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(OrganizationId organization, long until) {}

    ApiKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the key as its digest and prefix only. */
    public ApiKey add(OrganizationId organization, String value) {
        UUID id = Ids.newId();
        jdbc.sql("INSERT INTO api_keys (id, organization_id, value_digest, value_prefix, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(id, organization.value(), ApiKeyDigest.of(value), ApiKeyDigest.prefix(value),
                        Timestamp.from(clock.instant()))
                .update();
        return find(organization, id).orElseThrow();
    }

    public List<ApiKey> list(OrganizationId organization) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE organization_id = ? ORDER BY created_at, id")
                .param(organization.value()).query(ApiKeyStore::key).list();
    }

    public Optional<ApiKey> find(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(ApiKeyStore::key).optional();
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM api_keys WHERE organization_id = ?")
                .param(organization.value()).query(Long.class).single();
    }

    /**
     * Deletes the key and, once that commits, forgets it here (forgetting before the commit would let a request in
     * between remember it again from the still-visible row).
     */
    public void remove(OrganizationId organization, UUID id) {
        Optional<String> digest = jdbc.sql("DELETE FROM api_keys WHERE organization_id = ? AND id = ? RETURNING value_digest")
                .params(organization.value(), id).query(String.class).optional();
        digest.ifPresent(removed -> TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        remembered.remove(removed);
                    }
                }));
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

    private static ApiKey key(ResultSet rs, int row) throws SQLException {
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("value_prefix"),
                Rows.instant(rs.getTimestamp("created_at")));
    }
}

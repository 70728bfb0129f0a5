package dev.fjord.api;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for POSTs that move money. The key is claimed by inserting it under its primary key in the
 * same transaction as the work and its stored answer: a concurrent request with the same key waits on that insert,
 * then replays the stored answer (same body) or is refused with 422 (other body). A failed request stores nothing,
 * so it can be retried with the same key.
 */
@Component
public class IdempotentRequests {
    /** Keys are client-chosen strings; Stripe-like UUIDs fit easily. */
    static final int MAX_KEY_LENGTH = 255;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    IdempotentRequests(JdbcClient jdbc, TransactionTemplate transaction, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /** Runs {@code work} once per key; without a key it just runs. Answers the JSON body to send. */
    public JsonNode run(OrganizationId organization, String key, String path, JsonNode body, Supplier<Map<String, Object>> work) {
        if (key == null || key.isBlank()) {
            return json.valueToTree(work.get());
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw BillingError.badRequest("Idempotency-Key is longer than " + MAX_KEY_LENGTH + " characters");
        }
        String digest = digest(path + "\n" + (body == null ? "" : body.toString()));
        return transaction.execute(status -> {
            int claimed = jdbc.sql("""
                    INSERT INTO idempotency_keys (organization_id, key, request_digest, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (organization_id, key) DO NOTHING""")
                    .params(organization.value(), key, digest, Timestamp.from(clock.instant())).update();
            if (claimed == 0) {
                return replay(organization, key, digest);
            }
            String answer = json.writeValueAsString(work.get());
            jdbc.sql("UPDATE idempotency_keys SET response_status = 200, response_body = ? WHERE organization_id = ? AND key = ?")
                    .params(answer, organization.value(), key).update();
            return json.readTree(answer);
        });
    }

    private JsonNode replay(OrganizationId organization, String key, String digest) {
        Map<String, Object> stored = jdbc.sql("SELECT request_digest, response_body FROM idempotency_keys WHERE organization_id = ? AND key = ?")
                .params(organization.value(), key).query().singleRow();
        if (!digest.equals(stored.get("request_digest"))) {
            throw BillingError.validation("idempotency_key", "used_with_another_request");
        }
        return json.readTree((String) stored.get("response_body"));
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

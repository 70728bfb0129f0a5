package dev.fjord.webhook.internal;

import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import dev.fjord.webhook.WebhookDelivery;
import dev.fjord.webhook.WebhookFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhooks} outbox as the delivery worker and the webhook endpoints see it. */
@Repository
public class DeliveryRepository {
    /** Receivers' answers are kept short: enough to see why they refused. */
    static final int MAX_RESPONSE_LENGTH = 500;

    private static final String COLUMNS = """
            w.id, w.organization_id, w.webhook_endpoint_id, e.webhook_url, w.webhook_type, w.object_type, w.status,
            w.attempts, w.attempt_limit, w.http_status, w.response, w.last_attempt_at, w.next_attempt_at, w.created_at,
            w.updated_at, w.payload""";

    private final JdbcClient jdbc;

    public DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A webhook taken by a worker for one attempt; {@code claimId} proves the claim when the outcome is written. */
    record Claimed(UUID id, UUID claimId, OrganizationId organization, String payload, int attempts,
            int attemptLimit, String url, String signatureAlgo) {}

    /**
     * Takes up to {@code max} due webhooks (of one organization, or of all when null) in one statement: rows other
     * workers hold are skipped, and each taken row counts an attempt and is leased until {@code leaseEnd}, after
     * which any worker may take it again (the one holding it may have died).
     */
    List<Claimed> claim(int max, OrganizationId organization, Instant now, Instant leaseEnd) {
        UUID claim = Ids.newId();
        return jdbc.sql("""
                UPDATE webhooks w
                SET attempts = w.attempts + 1, claim_id = :claim, next_attempt_at = :lease, last_attempt_at = :now,
                    updated_at = :now
                FROM webhook_endpoints e
                WHERE e.id = w.webhook_endpoint_id
                  AND w.id IN (SELECT id FROM webhooks
                               WHERE next_attempt_at <= :now AND (CAST(:organization AS uuid) IS NULL OR organization_id = :organization)
                               ORDER BY next_attempt_at, id LIMIT :max FOR UPDATE SKIP LOCKED)
                RETURNING w.id, w.organization_id, w.payload, w.attempts, w.attempt_limit, e.webhook_url,
                          e.signature_algo""")
                .param("claim", claim).param("lease", Timestamp.from(leaseEnd)).param("now", Timestamp.from(now))
                .param("organization", organization == null ? null : organization.value()).param("max", max)
                .query((rs, row) -> new Claimed(rs.getObject("id", UUID.class), claim,
                        new OrganizationId(rs.getObject("organization_id", UUID.class)), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getInt("attempt_limit"), rs.getString("webhook_url"),
                        rs.getString("signature_algo")))
                .list();
    }

    /**
     * Writes an attempt's outcome, unless the claim expired and another worker took the webhook meanwhile.
     * {@code nextAttemptAt} null on a failure means the webhook is failed for good.
     */
    void recordOutcome(Claimed claimed, boolean succeeded, Integer httpStatus, String response, Instant nextAttemptAt,
            Instant now) {
        String status = succeeded ? "succeeded" : nextAttemptAt == null ? "failed" : "retrying";
        jdbc.sql("""
                UPDATE webhooks SET status = ?, next_attempt_at = ?, claim_id = NULL, http_status = ?, response = ?,
                                    updated_at = ?
                WHERE id = ? AND claim_id = ?""")
                .params(status, nextAttemptAt == null ? null : Timestamp.from(nextAttemptAt), httpStatus,
                        response == null ? null : truncate(response), Timestamp.from(now), claimed.id(),
                        claimed.claimId())
                .update();
    }

    /**
     * Sends a webhook again now, with as many attempts as a new one (it keeps its unique key). A webhook being
     * delivered right now is left to that attempt. Answers false when it had already succeeded.
     */
    public boolean requeue(OrganizationId organization, UUID id, int attempts, Instant now) {
        return jdbc.sql("""
                UPDATE webhooks SET status = CASE WHEN status = 'failed' THEN 'pending' ELSE status END,
                                    next_attempt_at = ?, attempt_limit = attempts + ?, updated_at = ?
                WHERE organization_id = ? AND id = ? AND status <> 'succeeded' AND claim_id IS NULL""")
                .params(Timestamp.from(now), attempts, Timestamp.from(now), organization.value(), id)
                .update() > 0;
    }

    public Optional<WebhookDelivery> find(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks w JOIN webhook_endpoints e ON e.id = w.webhook_endpoint_id "
                        + "WHERE w.organization_id = ? AND w.id = ?")
                .params(organization.value(), id).query(DeliveryRepository::delivery).optional();
    }

    public List<WebhookDelivery> list(OrganizationId organization, WebhookFilter filter, int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhooks w JOIN webhook_endpoints e ON e.id = w.webhook_endpoint_id "
                        + "WHERE w.organization_id = :organization" + where(filter)
                        + " ORDER BY w.created_at DESC, w.id DESC LIMIT :limit OFFSET :offset")
                .params(params(organization, filter)).param("limit", limit).param("offset", offset)
                .query(DeliveryRepository::delivery).list();
    }

    public long count(OrganizationId organization, WebhookFilter filter) {
        return jdbc.sql("SELECT count(*) FROM webhooks w WHERE w.organization_id = :organization" + where(filter))
                .params(params(organization, filter)).query(Long.class).single();
    }

    private static String where(WebhookFilter filter) {
        return (filter.status() == null ? "" : " AND w.status = :status")
                + (filter.webhookType() == null ? "" : " AND w.webhook_type = :type")
                + (filter.endpointId() == null ? "" : " AND w.webhook_endpoint_id = :endpoint");
    }

    private static Map<String, Object> params(OrganizationId organization, WebhookFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        if (filter.status() != null) {
            params.put("status", filter.status());
        }
        if (filter.webhookType() != null) {
            params.put("type", filter.webhookType());
        }
        if (filter.endpointId() != null) {
            params.put("endpoint", filter.endpointId());
        }
        return params;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_RESPONSE_LENGTH ? text : text.substring(0, MAX_RESPONSE_LENGTH);
    }

    private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
        return new WebhookDelivery(rs.getObject("id", UUID.class), rs.getObject("webhook_endpoint_id", UUID.class),
                rs.getString("webhook_url"), rs.getString("webhook_type"), rs.getString("object_type"),
                rs.getString("status"), rs.getInt("attempts"), rs.getInt("attempt_limit"),
                Rows.integer(rs, "http_status"), rs.getString("response"),
                Rows.instant(rs.getTimestamp("last_attempt_at")), Rows.instant(rs.getTimestamp("next_attempt_at")),
                Rows.instant(rs.getTimestamp("created_at")), Rows.instant(rs.getTimestamp("updated_at")),
                rs.getString("payload"));
    }
}

package dev.fjord.metering.internal;

import dev.fjord.metering.Event;
import dev.fjord.metering.EventQuery;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Raw events: written in one statement per batch, read for the API and to rebuild aggregates. */
@Repository
public class EventRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Inserts the events; those whose (external subscription, transaction id) already exist are skipped by the
     * unique key, never double-counted. Returns the ids inserted, so the caller can tell which were repeats.
     */
    public List<UUID> insertNew(OrganizationId organization, List<Event> events) {
        StringBuilder sql = new StringBuilder("""
                INSERT INTO events (id, organization_id, transaction_id, external_subscription_id, code, timestamp,
                  properties, precise_total_amount_cents, subscription_id, customer_id, error_code, created_at) VALUES""");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            sql.append(i == 0 ? " " : ", ").append("(?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?)");
            params.addAll(java.util.Arrays.asList(e.id(), organization.value(), e.transactionId(),
                    e.externalSubscriptionId(), e.code(), Timestamp.from(e.timestamp()),
                    json.writeValueAsString(e.properties()), e.preciseTotalAmountCents(), e.subscriptionId(),
                    e.customerId(), e.errorCode(), Timestamp.from(e.createdAt())));
        }
        sql.append(" ON CONFLICT (organization_id, external_subscription_id, transaction_id) DO NOTHING RETURNING id");
        return jdbc.sql(sql.toString()).params(params).query(UUID.class).list();
    }

    public Optional<Event> findByTransactionId(OrganizationId organization, String transactionId) {
        return jdbc.sql("SELECT * FROM events WHERE organization_id = ? AND transaction_id = ? ORDER BY created_at DESC LIMIT 1")
                .params(organization.value(), transactionId).query(this::row).optional();
    }

    public List<Event> list(OrganizationId organization, EventQuery query, int limit, long offset) {
        return jdbc.sql("SELECT * FROM events WHERE " + filter() + " ORDER BY timestamp DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(filterParams(organization, query)).param("limit", limit).param("offset", offset)
                .query(this::row).list();
    }

    public long count(OrganizationId organization, EventQuery query) {
        return jdbc.sql("SELECT count(*) FROM events WHERE " + filter())
                .params(filterParams(organization, query)).query(Long.class).single();
    }

    /** A subscription's events in time order, a page at a time (to rebuild its aggregates). */
    public List<Event> forSubscription(OrganizationId organization, UUID subscriptionId, int limit, long offset) {
        return jdbc.sql("""
                SELECT * FROM events WHERE organization_id = ? AND subscription_id = ?
                ORDER BY timestamp, id LIMIT ? OFFSET ?""")
                .params(organization.value(), subscriptionId, limit, offset).query(this::row).list();
    }

    /** Counted events (no error) of one subscription per day of {@code zone}, timestamps in [from, to]. */
    public Map<LocalDate, Long> countPerDay(OrganizationId organization, UUID subscriptionId, Instant from, Instant to,
            ZoneId zone) {
        Map<LocalDate, Long> days = new HashMap<>();
        jdbc.sql("""
                SELECT (timestamp AT TIME ZONE :zone)::date AS day, count(*) AS events FROM events
                WHERE organization_id = :organization AND subscription_id = :subscription
                  AND timestamp >= :from AND timestamp <= :to AND error_code IS NULL
                GROUP BY day""")
                .param("zone", zone.getId()).param("organization", organization.value())
                .param("subscription", subscriptionId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    days.put(rs.getObject("day", LocalDate.class), rs.getLong("events"));
                });
        return days;
    }

    private static String filter() {
        return """
                organization_id = :organization
                AND (CAST(:subscription AS text) IS NULL OR external_subscription_id = :subscription)
                AND (CAST(:code AS text) IS NULL OR code = :code)
                AND (CAST(:from AS timestamptz) IS NULL OR timestamp >= :from)
                AND (CAST(:to AS timestamptz) IS NULL OR timestamp <= :to)
                AND (NOT :uncounted OR error_code IS NOT NULL)""";
    }

    private static Map<String, Object> filterParams(OrganizationId organization, EventQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        params.put("subscription", query.externalSubscriptionId());
        params.put("code", query.code());
        params.put("from", query.timestampFrom() == null ? null : Timestamp.from(query.timestampFrom()));
        params.put("to", query.timestampTo() == null ? null : Timestamp.from(query.timestampTo()));
        params.put("uncounted", query.onlyUncounted());
        return params;
    }

    private Event row(ResultSet rs, int n) throws SQLException {
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getString("transaction_id"),
                rs.getString("external_subscription_id"),
                rs.getString("code"),
                Rows.instant(rs.getTimestamp("timestamp")),
                (ObjectNode) json.readTree(rs.getString("properties")),
                rs.getBigDecimal("precise_total_amount_cents"),
                rs.getObject("subscription_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getString("error_code"),
                Rows.instant(rs.getTimestamp("created_at")));
    }
}

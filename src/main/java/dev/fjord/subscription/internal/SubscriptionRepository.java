package dev.fjord.subscription.internal;

import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import dev.fjord.subscription.BillingTime;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionQuery;
import dev.fjord.subscription.SubscriptionStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Subscriptions with what every reader needs beside them: the customer's external id and applicable timezone
 * (customer, else organization) and the plan code, joined in one query.
 */
@Repository
public class SubscriptionRepository {
    static final Set<String> UPDATABLE_COLUMNS = Set.of("name", "subscription_at", "ending_at",
            "on_termination_credit_note", "on_termination_invoice");
    private static final String SELECT = """
            SELECT s.*, c.external_id AS external_customer_id, coalesce(c.timezone, o.timezone) AS zone, p.code AS plan_code
            FROM subscriptions s
            JOIN customers c ON c.id = s.customer_id
            JOIN organizations o ON o.id = s.organization_id
            JOIN plans p ON p.id = s.plan_id
            """;

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(OrganizationId organization, UUID customerId, UUID planId, String externalId, String name,
            SubscriptionStatus status, BillingTime billingTime, Instant subscriptionAt, Instant startedAt,
            Instant endingAt, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO subscriptions (id, organization_id, customer_id, plan_id, external_id, name, status,
                  billing_time, subscription_at, started_at, ending_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), customerId, planId, externalId, name, status.code(), billingTime.code(),
                        Timestamp.from(subscriptionAt), timestamp(startedAt), timestamp(endingAt), Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return id;
    }

    /** Concurrent creations of one external id queue here until the first commits (an existing one is then found). */
    public void serializeCreation(OrganizationId organization, String externalId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("subscription:" + organization + ":" + externalId).query(Object.class).single();
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        PartialUpdate.apply(jdbc, "subscriptions", UPDATABLE_COLUMNS, organization, id, changes, now);
    }

    /**
     * Brings stored statuses up to {@code now}: pending subscriptions whose start has come are activated, active
     * ones whose {@code ending_at} has passed are terminated. Idempotent; every read runs it first.
     */
    public void settleDueStatuses(OrganizationId organization, Instant now) {
        jdbc.sql("""
                UPDATE subscriptions SET status = CASE status WHEN 'pending' THEN 'active' ELSE 'terminated' END,
                  started_at = CASE status WHEN 'pending' THEN subscription_at ELSE started_at END,
                  terminated_at = CASE status WHEN 'active' THEN ending_at ELSE terminated_at END,
                  updated_at = :now
                WHERE organization_id = :organization
                  AND ((status = 'pending' AND subscription_at <= :now) OR (status = 'active' AND ending_at <= :now))""")
                .param("organization", organization.value()).param("now", Timestamp.from(now)).update();
    }

    public void markTerminated(OrganizationId organization, UUID id, SubscriptionStatus status, Instant now) {
        String column = status == SubscriptionStatus.CANCELED ? "canceled_at" : "terminated_at";
        jdbc.sql("UPDATE subscriptions SET status = ?, " + column + " = ?, updated_at = ? WHERE id = ? AND organization_id = ?")
                .params(status.code(), Timestamp.from(now), Timestamp.from(now), id, organization.value()).update();
    }

    /** The live (pending or active) subscription with this external id, row-locked. */
    public Optional<Subscription> lockLive(OrganizationId organization, String externalId, SubscriptionStatus status) {
        return jdbc.sql(SELECT + " WHERE s.organization_id = ? AND s.external_id = ? AND s.status = ? FOR UPDATE OF s")
                .params(organization.value(), externalId, status.code()).query(SubscriptionRepository::row).optional();
    }

    public Optional<Subscription> findById(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE s.organization_id = ? AND s.id = ?")
                .params(organization.value(), id).query(SubscriptionRepository::row).optional();
    }

    /** The newest subscription with this external id and status (terminated ones can repeat an external id). */
    public Optional<Subscription> findByExternalId(OrganizationId organization, String externalId, SubscriptionStatus status) {
        return jdbc.sql(SELECT + " WHERE s.organization_id = ? AND s.external_id = ? AND s.status = ?"
                        + " ORDER BY s.created_at DESC LIMIT 1")
                .params(organization.value(), externalId, status.code()).query(SubscriptionRepository::row).optional();
    }

    /** Active subscriptions by external id, for event ingestion. */
    public Map<String, Subscription> findActive(OrganizationId organization, Collection<String> externalIds) {
        Map<String, Subscription> byExternalId = new HashMap<>();
        jdbc.sql(SELECT + " WHERE s.organization_id = :organization AND s.external_id IN (:ids) AND s.status = 'active'")
                .param("organization", organization.value()).param("ids", externalIds)
                .query(SubscriptionRepository::row).list()
                .forEach(s -> byExternalId.put(s.externalId(), s));
        return byExternalId;
    }

    public List<Subscription> list(OrganizationId organization, SubscriptionQuery query, int limit, long offset) {
        return jdbc.sql(SELECT + " WHERE " + filter() + " ORDER BY s.created_at DESC, s.id ASC LIMIT :limit OFFSET :offset")
                .params(filterParams(organization, query)).param("limit", limit).param("offset", offset)
                .query(SubscriptionRepository::row).list();
    }

    public long count(OrganizationId organization, SubscriptionQuery query) {
        return jdbc.sql("SELECT count(*) FROM subscriptions s JOIN customers c ON c.id = s.customer_id"
                        + " JOIN plans p ON p.id = s.plan_id WHERE " + filter())
                .params(filterParams(organization, query)).query(Long.class).single();
    }

    /** Active subscriptions after {@code (afterCustomer, afterId)} in (customer, id) order: keyset pages stay cheap. */
    public List<Subscription> activeByCustomer(OrganizationId organization, UUID afterCustomer, UUID afterId, int limit) {
        return jdbc.sql(SELECT + """
                 WHERE s.organization_id = :organization AND s.status = 'active'
                   AND (CAST(:customer AS uuid) IS NULL OR (s.customer_id, s.id) > (:customer, :id))
                 ORDER BY s.customer_id, s.id LIMIT :limit""")
                .param("organization", organization.value()).param("customer", afterCustomer).param("id", afterId)
                .param("limit", limit).query(SubscriptionRepository::row).list();
    }

    public List<OrganizationId> organizationsWithActive() {
        return jdbc.sql("SELECT DISTINCT organization_id FROM subscriptions WHERE status IN ('active', 'pending')")
                .query(UUID.class).list().stream().map(OrganizationId::new).toList();
    }

    /** Live (pending or active) subscriptions of a customer. */
    public List<Subscription> liveOfCustomer(OrganizationId organization, UUID customerId) {
        return jdbc.sql(SELECT + " WHERE s.organization_id = ? AND s.customer_id = ? AND s.status IN ('pending', 'active')")
                .params(organization.value(), customerId).query(SubscriptionRepository::row).list();
    }

    /** Live subscriptions of a plan, to end them with it. */
    public List<UUID> liveOnPlan(OrganizationId organization, UUID planId) {
        return jdbc.sql("SELECT id FROM subscriptions WHERE organization_id = ? AND plan_id = ? AND status IN ('pending', 'active')")
                .params(organization.value(), planId).query(UUID.class).list();
    }

    private static String filter() {
        return """
                s.organization_id = :organization AND s.status IN (:statuses)
                AND (CAST(:customer AS text) IS NULL OR c.external_id = :customer)
                AND (CAST(:plan AS text) IS NULL OR p.code = :plan)""";
    }

    private static Map<String, Object> filterParams(OrganizationId organization, SubscriptionQuery query) {
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        params.put("statuses", query.statuses().stream().map(SubscriptionStatus::code).toList());
        params.put("customer", query.externalCustomerId());
        params.put("plan", query.planCode());
        return params;
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Subscription row(ResultSet rs, int n) throws SQLException {
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getString("external_id"),
                rs.getObject("customer_id", UUID.class),
                rs.getString("external_customer_id"),
                rs.getObject("plan_id", UUID.class),
                rs.getString("plan_code"),
                rs.getString("name"),
                SubscriptionStatus.fromCode(rs.getString("status")).orElseThrow(),
                BillingTime.fromCode(rs.getString("billing_time")).orElseThrow(),
                Rows.instant(rs.getTimestamp("subscription_at")),
                Rows.instant(rs.getTimestamp("started_at")),
                Rows.instant(rs.getTimestamp("ending_at")),
                Rows.instant(rs.getTimestamp("terminated_at")),
                Rows.instant(rs.getTimestamp("canceled_at")),
                rs.getString("on_termination_credit_note"),
                rs.getString("on_termination_invoice"),
                Rows.instant(rs.getTimestamp("created_at")),
                ZoneId.of(rs.getString("zone")));
    }
}

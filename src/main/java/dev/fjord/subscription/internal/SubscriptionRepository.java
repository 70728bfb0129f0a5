package dev.fjord.subscription.internal;

import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import dev.fjord.subscription.BillingTime;
import dev.fjord.subscription.PlanChange;
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
import org.springframework.jdbc.core.RowCallbackHandler;
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
            Instant endingAt, UUID previousSubscriptionId, Instant downgradeAt, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO subscriptions (id, organization_id, customer_id, plan_id, external_id, name, status,
                  billing_time, subscription_at, started_at, ending_at, previous_subscription_id, downgrade_at,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), customerId, planId, externalId, name, status.code(), billingTime.code(),
                        Timestamp.from(subscriptionAt), timestamp(startedAt), timestamp(endingAt),
                        previousSubscriptionId, timestamp(downgradeAt), Timestamp.from(now), Timestamp.from(now))
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

    /** Pending subscriptions (not downgrades) whose start has come become active from {@code subscription_at}. */
    /** Activates the pending subscriptions (not downgrades) whose date came; answers their ids. */
    /**
     * Whether {@link StatusSettlement} has anything to do at {@code now}: one statement answering from the partial
     * indexes, instead of the four (two of them updates) that settle, on every read and every ingestion request.
     * Each branch covers one of them: due pending starts and downgrades, due endings, trials over.
     */
    public boolean anythingToSettle(OrganizationId organization, Instant now) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM subscriptions WHERE organization_id = :organization AND status = 'pending'
                                 AND coalesce(downgrade_at, subscription_at) <= :now)
                    OR EXISTS (SELECT 1 FROM subscriptions WHERE organization_id = :organization AND status = 'active'
                                 AND ending_at <= :now)
                    OR EXISTS (SELECT 1 FROM subscriptions s JOIN plans p ON p.id = s.plan_id
                               WHERE p.organization_id = :organization AND p.trial_period > 0
                                 AND s.status = 'active' AND s.trial_ended_at IS NULL
                                 AND s.started_at + p.trial_period * interval '1 day' <= :now)""")
                .param("organization", organization.value()).param("now", Timestamp.from(now))
                .query(Boolean.class).single();
    }

    public List<UUID> activateDuePending(OrganizationId organization, Instant now) {
        return jdbc.sql("""
                UPDATE subscriptions SET status = 'active', started_at = subscription_at, updated_at = :now
                WHERE organization_id = :organization AND status = 'pending'
                  AND coalesce(downgrade_at, subscription_at) <= :now AND previous_subscription_id IS NULL
                RETURNING id""")
                .param("organization", organization.value()).param("now", Timestamp.from(now))
                .query(UUID.class).list();
    }

    /**
     * Marks the end of the free trial of active subscriptions whose trial is over at {@code now} (Lago's
     * {@code trial_ended_at}: the start plus the plan's {@code trial_period} days); answers their ids.
     */
    public List<UUID> endDueTrials(OrganizationId organization, Instant now) {
        return jdbc.sql("""
                UPDATE subscriptions s SET trial_ended_at = s.started_at + p.trial_period * interval '1 day',
                  updated_at = :now
                FROM plans p
                WHERE p.organization_id = :organization AND p.trial_period > 0 AND s.plan_id = p.id
                  AND s.status = 'active' AND s.trial_ended_at IS NULL
                  AND s.started_at + p.trial_period * interval '1 day' <= :now
                RETURNING s.id""")
                .param("organization", organization.value()).param("now", Timestamp.from(now))
                .query(UUID.class).list();
    }

    /** A pending downgrade due at {@code at}, replacing {@code previousId}. */
    public record DueDowngrade(UUID id, UUID previousId, Instant at) {}

    /**
     * Downgrades whose date has come, unless the subscription they replace ends first ({@code ending_at} before
     * the downgrade date: that ending cancels them).
     */
    public List<DueDowngrade> dueDowngrades(OrganizationId organization, Instant now) {
        return jdbc.sql("""
                SELECT s.id, s.previous_subscription_id, s.downgrade_at FROM subscriptions s
                JOIN subscriptions p ON p.id = s.previous_subscription_id
                WHERE s.organization_id = :organization AND s.status = 'pending'
                  AND coalesce(s.downgrade_at, s.subscription_at) <= :now AND s.previous_subscription_id IS NOT NULL
                  AND (p.ending_at IS NULL OR p.ending_at > s.downgrade_at)
                ORDER BY s.downgrade_at, s.id""")
                .param("organization", organization.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> new DueDowngrade(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        Rows.instant(rs.getTimestamp(3))))
                .list();
    }

    /** An active subscription whose {@code ending_at} has passed. */
    public record DueEnding(UUID id, Instant endingAt) {}

    public List<DueEnding> dueEndings(OrganizationId organization, Instant now) {
        return jdbc.sql("""
                SELECT id, ending_at FROM subscriptions
                WHERE organization_id = :organization AND status = 'active' AND ending_at <= :now
                ORDER BY ending_at, id""")
                .param("organization", organization.value()).param("now", Timestamp.from(now))
                .query((rs, n) -> new DueEnding(rs.getObject(1, UUID.class), Rows.instant(rs.getTimestamp(2))))
                .list();
    }

    /** Terminates an active subscription at {@code at}; false when it was no longer active (someone else did). */
    public boolean terminateIfActive(OrganizationId organization, UUID id, Instant at, Instant now) {
        return jdbc.sql("""
                UPDATE subscriptions SET status = 'terminated', terminated_at = ?, updated_at = ?
                WHERE id = ? AND organization_id = ? AND status = 'active'""")
                .params(Timestamp.from(at), Timestamp.from(now), id, organization.value()).update() == 1;
    }

    /** Starts a pending subscription at {@code startedAt}. */
    public void activate(OrganizationId organization, UUID id, Instant startedAt, Instant now) {
        jdbc.sql("""
                UPDATE subscriptions SET status = 'active', started_at = ?, updated_at = ?
                WHERE id = ? AND organization_id = ? AND status = 'pending'""")
                .params(Timestamp.from(startedAt), Timestamp.from(now), id, organization.value()).update();
    }

    /** Cancels the pending downgrade waiting for {@code previousId}, if any. */
    public void cancelPendingNext(OrganizationId organization, UUID previousId, Instant now) {
        jdbc.sql("""
                UPDATE subscriptions SET status = 'canceled', canceled_at = ?, updated_at = ?
                WHERE organization_id = ? AND previous_subscription_id = ? AND status = 'pending'""")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), previousId).update();
    }

    /** Moves a subscription that has not started to another plan (Lago's plan change of a pending subscription). */
    public void changePlan(OrganizationId organization, UUID id, UUID planId, String name, Instant now) {
        jdbc.sql("""
                UPDATE subscriptions SET plan_id = ?, name = coalesce(?, name), updated_at = ?
                WHERE id = ? AND organization_id = ?""")
                .params(planId, name, Timestamp.from(now), id, organization.value()).update();
    }

    /**
     * The plan each subscription replaced and the plan replacing it (the newest one not canceled), with the date of a
     * pending downgrade.
     */
    public Map<UUID, PlanChange> planChanges(OrganizationId organization, Collection<UUID> ids) {
        Map<UUID, PlanChange> changes = new HashMap<>();
        if (ids.isEmpty()) {
            return changes;
        }
        jdbc.sql("""
                SELECT s.id, pp.code AS previous_plan_code, n.code AS next_plan_code, n.downgrade_at
                FROM subscriptions s
                LEFT JOIN subscriptions ps ON ps.id = s.previous_subscription_id
                LEFT JOIN plans pp ON pp.id = ps.plan_id
                LEFT JOIN LATERAL (
                  SELECT np.code, CASE WHEN ns.status = 'pending' THEN ns.downgrade_at END AS downgrade_at
                  FROM subscriptions ns JOIN plans np ON np.id = ns.plan_id
                  WHERE ns.previous_subscription_id = s.id AND ns.status <> 'canceled'
                  ORDER BY ns.created_at DESC LIMIT 1) n ON true
                WHERE s.organization_id = :organization AND s.id IN (:ids)""")
                .param("organization", organization.value()).param("ids", ids)
                .query((RowCallbackHandler) rs -> changes.put(rs.getObject("id", UUID.class), new PlanChange(
                        rs.getString("previous_plan_code"), rs.getString("next_plan_code"),
                        Rows.instant(rs.getTimestamp("downgrade_at")))));
        return changes;
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
    public List<Subscription> liveOnPlan(OrganizationId organization, UUID planId) {
        return jdbc.sql(SELECT + " WHERE s.organization_id = ? AND s.plan_id = ? AND s.status IN ('pending', 'active')")
                .params(organization.value(), planId).query(SubscriptionRepository::row).list();
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
                ZoneId.of(rs.getString("zone")),
                rs.getObject("previous_subscription_id", UUID.class),
                Rows.instant(rs.getTimestamp("downgrade_at")),
                Rows.instant(rs.getTimestamp("trial_ended_at")));
    }
}

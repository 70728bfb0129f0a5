package dev.fjord.catalog.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BillableMetricRepository {
    static final Set<String> UPDATABLE_COLUMNS = Set.of("name", "code", "description", "aggregation_type",
            "field_name", "weighted_interval", "recurring", "rounding_function", "rounding_precision");

    private final JdbcClient jdbc;

    BillableMetricRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(OrganizationId organization, String code, String name, String aggregationType, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO billable_metrics (id, organization_id, name, code, aggregation_type, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), name, code, aggregationType, Timestamp.from(now), Timestamp.from(now))
                .update();
        return id;
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        PartialUpdate.apply(jdbc, "billable_metrics", UPDATABLE_COLUMNS, organization, id, changes, now);
    }

    public void replaceFilters(OrganizationId organization, UUID metricId, List<BillableMetric.Filter> filters) {
        jdbc.sql("DELETE FROM billable_metric_filters WHERE billable_metric_id = ? AND organization_id = ?")
                .params(metricId, organization.value()).update();
        int position = 0;
        for (BillableMetric.Filter filter : filters) {
            jdbc.sql("""
                    INSERT INTO billable_metric_filters (id, organization_id, billable_metric_id, key, values, position)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(Ids.newId(), organization.value(), metricId, filter.key(),
                            filter.values().toArray(String[]::new), position++)
                    .update();
        }
    }

    /** The live metric with this code, row-locked until the transaction ends. */
    public Optional<UUID> lockLive(OrganizationId organization, String code) {
        return jdbc.sql("SELECT id FROM billable_metrics WHERE organization_id = ? AND code = ? AND deleted_at IS NULL FOR UPDATE")
                .params(organization.value(), code).query(UUID.class).optional();
    }

    public Optional<BillableMetric> findById(OrganizationId organization, UUID id) {
        return withFilters(organization, jdbc.sql("SELECT * FROM billable_metrics WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(BillableMetricRepository::row).list()).stream().findFirst();
    }

    public Optional<BillableMetric> findLive(OrganizationId organization, String code) {
        return withFilters(organization, jdbc.sql(
                        "SELECT * FROM billable_metrics WHERE organization_id = ? AND code = ? AND deleted_at IS NULL")
                .params(organization.value(), code).query(BillableMetricRepository::row).list()).stream().findFirst();
    }

    public List<BillableMetric> findByIds(OrganizationId organization, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withFilters(organization, jdbc.sql(
                        "SELECT * FROM billable_metrics WHERE organization_id = :organization AND id IN (:ids)")
                .param("organization", organization.value()).param("ids", ids)
                .query(BillableMetricRepository::row).list());
    }

    public List<BillableMetric> list(OrganizationId organization, int limit, long offset) {
        return withFilters(organization, jdbc.sql("""
                        SELECT * FROM billable_metrics WHERE organization_id = ? AND deleted_at IS NULL
                        ORDER BY created_at DESC, id ASC LIMIT ? OFFSET ?""")
                .params(organization.value(), limit, offset).query(BillableMetricRepository::row).list());
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM billable_metrics WHERE organization_id = ? AND deleted_at IS NULL")
                .param(organization.value()).query(Long.class).single();
    }

    public void markDeleted(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE billable_metrics SET deleted_at = ?, updated_at = ? WHERE id = ? AND organization_id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), id, organization.value()).update();
    }

    /** Removes the charges pricing a deleted metric, as Lago does. */
    public void deleteCharges(OrganizationId organization, UUID metricId, Instant now) {
        jdbc.sql("UPDATE charges SET deleted_at = ? WHERE organization_id = ? AND billable_metric_id = ? AND deleted_at IS NULL")
                .params(Timestamp.from(now), organization.value(), metricId).update();
    }

    /** How many live plans price this metric (Lago's {@code plans_count}). */
    public long plansCount(OrganizationId organization, UUID metricId) {
        return jdbc.sql("""
                SELECT count(DISTINCT c.plan_id) FROM charges c JOIN plans p ON p.id = c.plan_id
                WHERE c.organization_id = ? AND c.billable_metric_id = ? AND c.deleted_at IS NULL AND p.deleted_at IS NULL""")
                .params(organization.value(), metricId).query(Long.class).single();
    }

    private List<BillableMetric> withFilters(OrganizationId organization, List<BillableMetric> metrics) {
        if (metrics.isEmpty()) {
            return metrics;
        }
        Map<UUID, List<BillableMetric.Filter>> filters = new HashMap<>();
        jdbc.sql("""
                SELECT billable_metric_id, key, values FROM billable_metric_filters
                WHERE organization_id = :organization AND billable_metric_id IN (:ids) ORDER BY position""")
                .param("organization", organization.value())
                .param("ids", metrics.stream().map(BillableMetric::id).toList())
                .query((rs, n) -> filters.computeIfAbsent(rs.getObject("billable_metric_id", UUID.class), k -> new ArrayList<>())
                        .add(new BillableMetric.Filter(rs.getString("key"), Rows.strings(rs.getArray("values")))))
                .list();
        return metrics.stream().map(m -> new BillableMetric(m.id(), m.name(), m.code(), m.description(),
                m.aggregationType(), m.fieldName(), m.weightedInterval(), m.recurring(), m.roundingFunction(),
                m.roundingPrecision(), filters.getOrDefault(m.id(), List.of()), m.createdAt(), m.deletedAt())).toList();
    }

    private static BillableMetric row(ResultSet rs, int n) throws SQLException {
        return new BillableMetric(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("code"),
                rs.getString("description"),
                AggregationType.fromCode(rs.getString("aggregation_type")).orElseThrow(),
                rs.getString("field_name"),
                rs.getString("weighted_interval"),
                rs.getBoolean("recurring"),
                rs.getString("rounding_function"),
                Rows.integer(rs, "rounding_precision"),
                List.of(),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("deleted_at")));
    }
}

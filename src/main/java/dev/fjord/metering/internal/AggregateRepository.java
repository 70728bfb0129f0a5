package dev.fjord.metering.internal;

import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incremental usage aggregates: one atomic upsert per contribution, read back by current usage. */
@Repository
public class AggregateRepository {
    private final JdbcClient jdbc;

    AggregateRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored aggregate row. */
    public record Aggregate(UUID id, UUID chargeId, UUID chargeFilterId, String groupedBy, Instant periodStart,
            Instant periodEnd, BigDecimal units, BigDecimal weightedUnits, long eventsCount,
            BigDecimal preciseTotalAmountCents) {}

    /** A row as an upsert left it, locked by the upserting transaction until it ends. */
    record Upserted(UUID id, BigDecimal units, long eventsCount, BigDecimal preciseTotalAmountCents) {}

    /** Merges the contribution into its row (created on first use) and returns the row after it. */
    Upserted upsert(OrganizationId organization, Contribution c) {
        String units = switch (c.type) {
            case MAX_AGG -> "greatest(usage_aggregates.units, EXCLUDED.units)";
            case LATEST_AGG -> """
                    CASE WHEN usage_aggregates.latest_at IS NULL OR EXCLUDED.latest_at >= usage_aggregates.latest_at
                    THEN EXCLUDED.units ELSE usage_aggregates.units END""";
            default -> "usage_aggregates.units + EXCLUDED.units";
        };
        return jdbc.sql("""
                INSERT INTO usage_aggregates (id, organization_id, subscription_id, charge_id, charge_filter_id, grouped_by,
                  period_start, period_end, units, weighted_units, events_count, latest_at, precise_total_amount_cents)
                VALUES (:id, :organization, :subscription, :charge, :filter, CAST(:grouped AS jsonb), :start, :end,
                  :units, :weighted, :events, :latest, :precise)
                ON CONFLICT (subscription_id, charge_id, charge_filter_id, grouped_by, period_start) DO UPDATE SET
                  units = %s,
                  weighted_units = usage_aggregates.weighted_units + EXCLUDED.weighted_units,
                  events_count = usage_aggregates.events_count + EXCLUDED.events_count,
                  latest_at = greatest(usage_aggregates.latest_at, EXCLUDED.latest_at),
                  precise_total_amount_cents = usage_aggregates.precise_total_amount_cents + EXCLUDED.precise_total_amount_cents
                RETURNING id, units, events_count, precise_total_amount_cents""".formatted(units))
                .param("id", Ids.newId())
                .param("organization", organization.value())
                .param("subscription", c.key.subscriptionId())
                .param("charge", c.key.chargeId())
                .param("filter", c.key.chargeFilterId())
                .param("grouped", c.key.groupedBy())
                .param("start", Timestamp.from(c.key.periodStart()))
                .param("end", Timestamp.from(c.key.periodEnd()))
                .param("units", c.units())
                .param("weighted", c.weightedUnits)
                .param("events", c.eventsCount)
                .param("latest", c.latestAt == null ? null : Timestamp.from(c.latestAt))
                .param("precise", c.preciseTotalAmountCents)
                .query((rs, n) -> new Upserted(rs.getObject("id", UUID.class), rs.getBigDecimal("units"),
                        rs.getLong("events_count"), rs.getBigDecimal("precise_total_amount_cents")))
                .single();
    }

    /**
     * Applies unique-count operations in order; the units move by the values that really appeared or left, and each
     * operation's move (1, 0 or -1) is answered. For a
     * recurring metric a value stays counted across periods, so presence is checked in the whole series (same
     * subscription, charge, filter and group) and a removal finds the value in whichever period added it.
     */
    int[] applyUniqueOperations(UUID aggregateId, UsageKey key, boolean recurring,
            List<Contribution.UniqueOperation> operations) {
        String series = recurring ? """
                SELECT id FROM usage_aggregates WHERE subscription_id = :subscription AND charge_id = :charge
                AND charge_filter_id IS NOT DISTINCT FROM :filter AND grouped_by = CAST(:grouped AS jsonb)""" : ":aggregate";
        int delta = 0;
        int[] deltas = new int[operations.size()];
        for (int i = 0; i < operations.size(); i++) {
            Contribution.UniqueOperation operation = operations.get(i);
            var statement = jdbc.sql(operation.add()
                            ? """
                              INSERT INTO usage_unique_values (aggregate_id, value) SELECT :aggregate, :value
                              WHERE NOT EXISTS (SELECT 1 FROM usage_unique_values
                                WHERE value = :value AND aggregate_id IN (%s))
                              ON CONFLICT DO NOTHING""".formatted(series)
                            : "DELETE FROM usage_unique_values WHERE value = :value AND aggregate_id IN (%s)".formatted(series))
                    .param("aggregate", aggregateId).param("value", operation.value());
            if (recurring) {
                statement = statement.param("subscription", key.subscriptionId()).param("charge", key.chargeId())
                        .param("filter", key.chargeFilterId()).param("grouped", key.groupedBy());
            }
            int changed = statement.update();
            deltas[i] = operation.add() ? changed : -changed;
            delta += deltas[i];
        }
        if (delta != 0) {
            jdbc.sql("UPDATE usage_aggregates SET units = units + ? WHERE id = ?").params(delta, aggregateId).update();
        }
        return deltas;
    }

    /**
     * The aggregates of these subscriptions for periods starting at or before {@code periodStart} (recurring metrics
     * sum earlier periods), in one query, grouped by subscription then charge.
     */
    public Map<UUID, Map<UUID, List<Aggregate>>> upTo(OrganizationId organization, List<UUID> subscriptionIds,
            Instant periodStart) {
        Map<UUID, Map<UUID, List<Aggregate>>> bySubscription = new HashMap<>();
        if (subscriptionIds.isEmpty()) {
            return bySubscription;
        }
        jdbc.sql("""
                SELECT * FROM usage_aggregates
                WHERE organization_id = :organization AND subscription_id IN (:subscriptions) AND period_start <= :start
                ORDER BY period_start""")
                .param("organization", organization.value()).param("subscriptions", subscriptionIds)
                .param("start", Timestamp.from(periodStart))
                .query((rs, n) -> bySubscription.computeIfAbsent(rs.getObject("subscription_id", UUID.class), k -> new HashMap<>())
                        .computeIfAbsent(rs.getObject("charge_id", UUID.class), k -> new ArrayList<>())
                        .add(new Aggregate(rs.getObject("id", UUID.class), rs.getObject("charge_id", UUID.class),
                                rs.getObject("charge_filter_id", UUID.class), rs.getString("grouped_by"),
                                Rows.instant(rs.getTimestamp("period_start")), Rows.instant(rs.getTimestamp("period_end")),
                                rs.getBigDecimal("units"), rs.getBigDecimal("weighted_units"), rs.getLong("events_count"),
                                rs.getBigDecimal("precise_total_amount_cents"))))
                .list();
        return bySubscription;
    }

    /** Forgets a subscription's aggregates before a rebuild from its raw events. */
    void deleteForSubscription(OrganizationId organization, UUID subscriptionId) {
        jdbc.sql("""
                DELETE FROM usage_unique_values WHERE aggregate_id IN
                  (SELECT id FROM usage_aggregates WHERE organization_id = ? AND subscription_id = ?)""")
                .params(organization.value(), subscriptionId).update();
        jdbc.sql("DELETE FROM usage_aggregates WHERE organization_id = ? AND subscription_id = ?")
                .params(organization.value(), subscriptionId).update();
    }
}

package dev.fjord.coupon.internal;

import dev.fjord.coupon.Coupon;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for coupons; every statement is scoped by organization. */
@Repository
public class CouponRepository {
    static final Set<String> COLUMNS = Set.of("name", "code", "description", "coupon_type", "amount_cents",
            "amount_currency", "percentage_rate", "frequency", "frequency_duration", "reusable", "expiration",
            "expiration_at", "terminated_at", "limited_plans", "limited_billable_metrics");
    /** A coupon row with the codes of its live targets, in alphabetical order. */
    private static final String SELECT = "SELECT coupons.*, " + targetCodes("coupons", "") + " FROM coupons";

    private final JdbcClient jdbc;

    CouponRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(OrganizationId organization, Changes values, Instant now) {
        UUID id = Ids.newId();
        var statement = jdbc.sql("INSERT INTO coupons (id, organization_id, created_at, updated_at, "
                        + values.columns(COLUMNS) + ") VALUES (:id, :organization, :now, :now, " + values.parameters() + ")")
                .param("id", id)
                .param("organization", organization.value())
                .param("now", Timestamp.from(now));
        for (var value : values.values().entrySet()) {
            statement = statement.param(value.getKey(), value.getValue());
        }
        uniqueCode(statement::update);
        return id;
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        uniqueCode(() -> PartialUpdate.apply(jdbc, "coupons", COLUMNS, organization, id, changes, now));
    }

    /** The live coupon with this code, row-locked until the transaction ends. */
    public Optional<Coupon> lockLive(OrganizationId organization, String code) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND code = ? AND deleted_at IS NULL FOR UPDATE")
                .params(organization.value(), code).query(CouponRepository::row).optional();
    }

    /** The coupon by id, deleted or not. */
    public Optional<Coupon> findById(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(CouponRepository::row).optional();
    }

    public Optional<Coupon> findLive(OrganizationId organization, String code) {
        return jdbc.sql(SELECT + " WHERE organization_id = ? AND code = ? AND deleted_at IS NULL")
                .params(organization.value(), code).query(CouponRepository::row).optional();
    }

    /**
     * Live coupons in Lago's order: active before terminated (as of {@code now}), no expiration before time limits,
     * sooner expiration first, then newest first.
     */
    public List<Coupon> list(OrganizationId organization, Instant now, int limit, long offset) {
        return jdbc.sql("""
                %s WHERE organization_id = ? AND deleted_at IS NULL
                ORDER BY (terminated_at IS NOT NULL OR (expiration = 'time_limit' AND expiration_at < ?)),
                  expiration = 'time_limit', expiration_at ASC NULLS LAST, created_at DESC, id
                LIMIT ? OFFSET ?""".formatted(SELECT))
                .params(organization.value(), Timestamp.from(now), limit, offset)
                .query(CouponRepository::row).list();
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM coupons WHERE organization_id = ? AND deleted_at IS NULL")
                .params(organization.value()).query(Long.class).single();
    }

    public void markDeleted(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE coupons SET deleted_at = ?, updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), id).update();
    }

    /** The code is unique among live coupons (partial unique index): a clash, even a concurrent one, is a 422. */
    private static void uniqueCode(Runnable write) {
        try {
            write.run();
        } catch (DuplicateKeyException taken) {
            throw BillingError.validation("code", "value_already_exist");
        }
    }

    /**
     * The select-list columns {@code <prefix>plan_codes} and {@code <prefix>billable_metric_codes}: the codes of the
     * live plans and billable metrics the coupon aliased {@code coupon} is limited to. A deleted plan or metric drops
     * out of the codes (its target row stays, as in Lago), so the coupon stays limited to what is left.
     */
    static String targetCodes(String coupon, String prefix) {
        return """
                ARRAY(SELECT p.code FROM coupon_targets t
                  JOIN plans p ON p.id = t.plan_id AND p.organization_id = t.organization_id AND p.deleted_at IS NULL
                  WHERE t.coupon_id = %1$s.id AND t.organization_id = %1$s.organization_id ORDER BY p.code) AS %2$splan_codes,
                ARRAY(SELECT m.code FROM coupon_targets t
                  JOIN billable_metrics m ON m.id = t.billable_metric_id AND m.organization_id = t.organization_id
                    AND m.deleted_at IS NULL
                  WHERE t.coupon_id = %1$s.id AND t.organization_id = %1$s.organization_id ORDER BY m.code)
                  AS %2$sbillable_metric_codes""".formatted(coupon, prefix);
    }

    static Coupon row(ResultSet rs, int n) throws SQLException {
        return row(rs, "");
    }

    /** A coupon from columns named {@code <prefix><column>} (applied coupon rows carry their coupon's columns). */
    static Coupon row(ResultSet rs, String prefix) throws SQLException {
        long amount = rs.getLong(prefix + "amount_cents");
        Long amountCents = rs.wasNull() ? null : amount;
        return new Coupon(
                rs.getObject(prefix + "id", UUID.class),
                rs.getString(prefix + "name"),
                rs.getString(prefix + "code"),
                rs.getString(prefix + "description"),
                rs.getString(prefix + "coupon_type"),
                amountCents,
                rs.getString(prefix + "amount_currency"),
                rs.getBigDecimal(prefix + "percentage_rate"),
                rs.getString(prefix + "frequency"),
                Rows.integer(rs, prefix + "frequency_duration"),
                rs.getBoolean(prefix + "reusable"),
                rs.getBoolean(prefix + "limited_plans"),
                rs.getBoolean(prefix + "limited_billable_metrics"),
                Rows.strings(rs.getArray(prefix + "plan_codes")),
                Rows.strings(rs.getArray(prefix + "billable_metric_codes")),
                rs.getString(prefix + "expiration"),
                Rows.instant(rs.getTimestamp(prefix + "expiration_at")),
                Rows.instant(rs.getTimestamp(prefix + "terminated_at")),
                Rows.instant(rs.getTimestamp(prefix + "created_at")),
                Rows.instant(rs.getTimestamp(prefix + "deleted_at")));
    }
}

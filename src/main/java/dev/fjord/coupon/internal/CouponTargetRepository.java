package dev.fjord.coupon.internal;

import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for coupon limits ({@code coupon_targets}): the plans or the billable metrics a coupon applies to. Callers
 * hold the coupon's row lock (or created it in the same transaction); every statement is scoped by organization.
 */
@Repository
public class CouponTargetRepository {
    private final JdbcClient jdbc;

    CouponTargetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Makes {@code planIds} the coupon's plans: targets kept keep their row, the others are removed. */
    public void replacePlans(OrganizationId organization, UUID couponId, Collection<UUID> planIds, Instant now) {
        replace(organization, couponId, "plan_id", planIds, now);
    }

    /** Makes {@code metricIds} the coupon's billable metrics: targets kept keep their row, the others are removed. */
    public void replaceBillableMetrics(OrganizationId organization, UUID couponId, Collection<UUID> metricIds,
            Instant now) {
        replace(organization, couponId, "billable_metric_id", metricIds, now);
    }

    private void replace(OrganizationId organization, UUID couponId, String column, Collection<UUID> ids,
            Instant now) {
        UUID[] kept = ids.toArray(UUID[]::new);
        jdbc.sql("DELETE FROM coupon_targets WHERE organization_id = ? AND coupon_id = ? AND " + column
                        + " IS NOT NULL AND NOT (" + column + " = ANY (?))")
                .params(organization.value(), couponId, kept).update();
        for (UUID id : ids) {
            jdbc.sql("INSERT INTO coupon_targets (id, organization_id, coupon_id, " + column + ", created_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (coupon_id, " + column + ") DO NOTHING")
                    .params(Ids.newId(), organization.value(), couponId, id, Timestamp.from(now)).update();
        }
    }
}

package dev.fjord.coupon.internal;

import dev.fjord.coupon.AppliedCoupon;
import dev.fjord.coupon.AppliedCouponQuery;
import dev.fjord.coupon.Coupon;
import dev.fjord.coupon.CouponCredit;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for applied coupons; every statement is scoped by organization. */
@Repository
public class AppliedCouponRepository {
    /**
     * An applied coupon row with its customer's external id and its coupon's columns (prefixed {@code c_}). What
     * voided invoices took is not consumed (Lago's {@code AppliedCoupons::RecreditService}): a void gives it back.
     */
    private static final String SELECT = """
            SELECT ac.*, cu.external_id AS external_customer_id,
              (SELECT coalesce(sum(cc.amount_cents), 0) FROM coupon_credits cc WHERE cc.applied_coupon_id = ac.id
                AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.id = cc.invoice_id AND i.status = 'voided'))
                AS consumed_cents,
              c.id AS c_id, c.name AS c_name, c.code AS c_code, c.description AS c_description,
              c.coupon_type AS c_coupon_type, c.amount_cents AS c_amount_cents, c.amount_currency AS c_amount_currency,
              c.percentage_rate AS c_percentage_rate, c.frequency AS c_frequency,
              c.frequency_duration AS c_frequency_duration, c.reusable AS c_reusable, c.limited_plans AS c_limited_plans,
              c.limited_billable_metrics AS c_limited_billable_metrics, c.expiration AS c_expiration,
              c.expiration_at AS c_expiration_at, c.terminated_at AS c_terminated_at, c.created_at AS c_created_at,
              c.deleted_at AS c_deleted_at, """ + CouponRepository.targetCodes("c", "c_") + """

            FROM applied_coupons ac
            JOIN customers cu ON cu.id = ac.customer_id AND cu.organization_id = ac.organization_id
            JOIN coupons c ON c.id = ac.coupon_id AND c.organization_id = ac.organization_id
            """;

    /** The values an application stores: the coupon's, or the overrides sent. */
    public record Values(Long amountCents, String amountCurrency, BigDecimal percentageRate, String frequency,
            Integer frequencyDuration) {}

    private final JdbcClient jdbc;

    AppliedCouponRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(OrganizationId organization, UUID couponId, UUID customerId, Values values, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO applied_coupons (id, organization_id, coupon_id, customer_id, status, amount_cents,
                  amount_currency, percentage_rate, frequency, frequency_duration, frequency_duration_remaining,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), couponId, customerId, values.amountCents(), values.amountCurrency(),
                        values.percentageRate(), values.frequency(), values.frequencyDuration(),
                        values.frequencyDuration(), Timestamp.from(now), Timestamp.from(now))
                .update();
        return id;
    }

    public Optional<AppliedCoupon> find(OrganizationId organization, UUID id) {
        return jdbc.sql(SELECT + " WHERE ac.organization_id = ? AND ac.id = ?")
                .params(organization.value(), id).query(AppliedCouponRepository::row).optional();
    }

    /** The customer's applied coupon {@code id}, row-locked until the transaction ends. */
    public Optional<UUID> lockOfCustomer(OrganizationId organization, UUID customerId, UUID id) {
        return jdbc.sql("SELECT id FROM applied_coupons WHERE organization_id = ? AND customer_id = ? AND id = ? FOR UPDATE")
                .params(organization.value(), customerId, id).query(UUID.class).optional();
    }

    /** Whether the coupon was ever applied to the customer, whatever the application's status (Lago's rule). */
    public boolean appliedBefore(OrganizationId organization, UUID customerId, UUID couponId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM applied_coupons WHERE organization_id = ? AND customer_id = ? AND coupon_id = ?)")
                .params(organization.value(), customerId, couponId).query(Boolean.class).single();
    }

    /**
     * Lago's {@code plan_overlapping} rule: whether an active application of the customer is limited to what the
     * limited coupon {@code couponId} covers. Coverage goes through the plans' charges: a plan covers the billable
     * metrics it charges, and a metric the plans charging it. Only live plans, metrics and charges count (reads
     * the catalog's tables: one query rather than a facade call per target).
     */
    public boolean overlapsLimits(OrganizationId organization, UUID customerId, UUID couponId) {
        return jdbc.sql("""
                WITH targets AS (
                  SELECT t.plan_id, t.billable_metric_id FROM coupon_targets t
                  LEFT JOIN plans p ON p.id = t.plan_id
                  LEFT JOIN billable_metrics m ON m.id = t.billable_metric_id
                  WHERE t.organization_id = :organization AND t.coupon_id = :coupon
                    AND p.deleted_at IS NULL AND m.deleted_at IS NULL),
                covered_plans AS (
                  SELECT plan_id FROM targets WHERE plan_id IS NOT NULL
                  UNION SELECT ch.plan_id FROM charges ch JOIN targets ON ch.billable_metric_id = targets.billable_metric_id
                  JOIN plans p ON p.id = ch.plan_id AND p.deleted_at IS NULL
                  WHERE ch.organization_id = :organization AND ch.deleted_at IS NULL),
                covered_metrics AS (
                  SELECT billable_metric_id FROM targets WHERE billable_metric_id IS NOT NULL
                  UNION SELECT ch.billable_metric_id FROM charges ch JOIN targets ON ch.plan_id = targets.plan_id
                  WHERE ch.organization_id = :organization AND ch.deleted_at IS NULL)
                SELECT EXISTS (SELECT 1 FROM applied_coupons ac
                  JOIN coupon_targets t ON t.coupon_id = ac.coupon_id AND t.organization_id = ac.organization_id
                  WHERE ac.organization_id = :organization AND ac.customer_id = :customer AND ac.status = 'active'
                    AND (t.plan_id IN (SELECT plan_id FROM covered_plans)
                      OR t.billable_metric_id IN (SELECT billable_metric_id FROM covered_metrics)))""")
                .param("organization", organization.value())
                .param("customer", customerId)
                .param("coupon", couponId)
                .query(Boolean.class).single();
    }

    /** Whether the coupon was ever applied to anyone: from then on its terms are frozen. */
    public boolean appliedToAnyone(OrganizationId organization, UUID couponId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM applied_coupons WHERE organization_id = ? AND coupon_id = ?)")
                .params(organization.value(), couponId).query(Boolean.class).single();
    }

    /** Whether the customer has an applied coupon carrying a currency (any status), which pins its currency. */
    public boolean withCurrency(OrganizationId organization, UUID customerId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM applied_coupons
                  WHERE organization_id = ? AND customer_id = ? AND amount_currency IS NOT NULL)""")
                .params(organization.value(), customerId).query(Boolean.class).single();
    }

    public void terminate(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE applied_coupons SET status = 'terminated', terminated_at = ?, updated_at = ?
                WHERE organization_id = ? AND id = ? AND status = 'active'""")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), id).update();
    }

    public void terminateAllOfCoupon(OrganizationId organization, UUID couponId, Instant now) {
        jdbc.sql("""
                UPDATE applied_coupons SET status = 'terminated', terminated_at = ?, updated_at = ?
                WHERE organization_id = ? AND coupon_id = ? AND status = 'active'""")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), couponId).update();
    }

    public void terminateAllOfCustomer(OrganizationId organization, UUID customerId, Instant now) {
        jdbc.sql("""
                UPDATE applied_coupons SET status = 'terminated', terminated_at = ?, updated_at = ?
                WHERE organization_id = ? AND customer_id = ? AND status = 'active'""")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), customerId).update();
    }

    /** Applied coupons of live customers, newest first (Lago's order). */
    public List<AppliedCoupon> list(OrganizationId organization, AppliedCouponQuery query, int limit, long offset) {
        Filter filter = filter(organization, query);
        var statement = jdbc.sql(SELECT + " WHERE " + filter.sql
                + " ORDER BY ac.created_at DESC, ac.id LIMIT :limit OFFSET :offset");
        for (var param : filter.params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.param("limit", limit).param("offset", offset).query(AppliedCouponRepository::row).list();
    }

    public long count(OrganizationId organization, AppliedCouponQuery query) {
        Filter filter = filter(organization, query);
        var statement = jdbc.sql("SELECT count(*) FROM (" + SELECT + " WHERE " + filter.sql + ") matching");
        for (var param : filter.params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(Long.class).single();
    }

    private record Filter(String sql, Map<String, Object> params) {}

    private static Filter filter(OrganizationId organization, AppliedCouponQuery query) {
        StringBuilder sql = new StringBuilder("ac.organization_id = :organization AND cu.deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        if (query.externalCustomerId() != null) {
            sql.append(" AND cu.external_id = :external_customer_id");
            params.put("external_customer_id", query.externalCustomerId());
        }
        if (query.status() != null) {
            sql.append(" AND ac.status = :status");
            params.put("status", query.status());
        }
        if (query.couponCodes() != null && !query.couponCodes().isEmpty()) {
            sql.append(" AND c.code IN (:coupon_codes)");
            params.put("coupon_codes", query.couponCodes());
        }
        return new Filter(sql.toString(), params);
    }

    private static AppliedCoupon row(ResultSet rs, int n) throws SQLException {
        Coupon coupon = CouponRepository.row(rs, "c_");
        long amount = rs.getLong("amount_cents");
        Long amountCents = rs.wasNull() ? null : amount;
        String frequency = rs.getString("frequency");
        return new AppliedCoupon(
                rs.getObject("id", UUID.class),
                coupon,
                rs.getObject("customer_id", UUID.class),
                rs.getString("external_customer_id"),
                rs.getString("status"),
                amountCents,
                remaining(coupon, frequency, amountCents, rs.getLong("consumed_cents")),
                rs.getString("amount_currency"),
                rs.getBigDecimal("percentage_rate"),
                frequency,
                Rows.integer(rs, "frequency_duration"),
                Rows.integer(rs, "frequency_duration_remaining"),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("terminated_at")));
    }

    /**
     * What is left of a fixed amount used once: the amount minus what invoices took ({@code coupon_credits}). Null
     * for percentages and for recurring or forever applications, as in Lago.
     */
    private static Long remaining(Coupon coupon, String frequency, Long amountCents, long consumed) {
        if (!"once".equals(frequency) || !coupon.isFixedAmount() || amountCents == null) {
            return null;
        }
        return Math.max(0, amountCents - consumed);
    }

    /** Records what the coupon took off an invoice (once per invoice, schema-enforced). */
    public void recordCredit(OrganizationId organization, UUID appliedCouponId, UUID invoiceId, long cents, Instant now) {
        jdbc.sql("""
                INSERT INTO coupon_credits (id, organization_id, applied_coupon_id, invoice_id, amount_cents, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(dev.fjord.shared.Ids.newId(), organization.value(), appliedCouponId, invoiceId, cents,
                        java.sql.Timestamp.from(now))
                .update();
    }

    /** The coupon credits of these invoices, oldest first, with their coupons (deleted ones included). */
    public List<CouponCredit> creditsOf(OrganizationId organization, Collection<UUID> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT cc.id, cc.invoice_id, cc.amount_cents, cc.created_at, c.id AS coupon_id, c.code, c.name,
                  c.description
                FROM coupon_credits cc
                JOIN applied_coupons ac ON ac.id = cc.applied_coupon_id
                JOIN coupons c ON c.id = ac.coupon_id
                WHERE cc.organization_id = :organization AND cc.invoice_id IN (:invoices)
                ORDER BY cc.created_at, cc.id""")
                .param("organization", organization.value()).param("invoices", invoiceIds)
                .query((rs, n) -> new CouponCredit(rs.getObject("id", UUID.class), rs.getObject("invoice_id", UUID.class),
                        rs.getLong("amount_cents"), rs.getTimestamp("created_at").toInstant(),
                        rs.getObject("coupon_id", UUID.class), rs.getString("code"), rs.getString("name"),
                        rs.getString("description")))
                .list();
    }

    /**
     * The invoice credits of these applications, oldest first, in their invoices' currency and with the invoices'
     * payment status (read from the invoices table: the invoicing module depends on this one, not the reverse).
     */
    Map<UUID, List<AppliedCouponCreditJson>> creditItemsOf(OrganizationId organization, Collection<UUID> appliedCouponIds) {
        Map<UUID, List<AppliedCouponCreditJson>> byApplication = new HashMap<>();
        if (appliedCouponIds.isEmpty()) {
            return byApplication;
        }
        jdbc.sql("""
                SELECT cc.id, cc.applied_coupon_id, cc.amount_cents, i.id AS invoice_id, i.currency,
                  i.payment_status, c.id AS coupon_id, c.code, c.name, c.description
                FROM coupon_credits cc
                JOIN applied_coupons ac ON ac.id = cc.applied_coupon_id
                JOIN coupons c ON c.id = ac.coupon_id
                JOIN invoices i ON i.id = cc.invoice_id
                WHERE cc.organization_id = :organization AND cc.applied_coupon_id IN (:applications)
                ORDER BY cc.created_at, cc.id""")
                .param("organization", organization.value()).param("applications", appliedCouponIds)
                .query((rs, n) -> {
                    byApplication.computeIfAbsent(rs.getObject("applied_coupon_id", UUID.class), id -> new ArrayList<>())
                            .add(new AppliedCouponCreditJson(rs.getString("id"), rs.getLong("amount_cents"),
                                    rs.getString("currency"), true,
                                    new AppliedCouponCreditJson.Item(rs.getString("coupon_id"), "coupon",
                                            rs.getString("code"), rs.getString("name"), rs.getString("description")),
                                    new AppliedCouponCreditJson.InvoiceRef(rs.getString("invoice_id"),
                                            rs.getString("payment_status"))));
                    return null;
                })
                .list();
        return byApplication;
    }

    /** One more period used by a recurring application. */
    public void decrementRemainingPeriods(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE applied_coupons SET frequency_duration_remaining = frequency_duration_remaining - 1, updated_at = ?
                WHERE id = ? AND organization_id = ? AND frequency_duration_remaining > 0""")
                .params(java.sql.Timestamp.from(now), id, organization.value()).update();
    }

    /**
     * The applications an invoice used, row-locked in id order (so concurrent voids cannot deadlock), each with
     * whether its termination came from a use (a once application, or a recurring one with no period left, terminated
     * at the instant of one of its credits) rather than by hand.
     */
    public List<Map.Entry<UUID, Boolean>> lockUsedBy(OrganizationId organization, UUID invoiceId) {
        return jdbc.sql("""
                SELECT ac.id, ac.status = 'terminated'
                  AND (ac.frequency = 'once' OR (ac.frequency = 'recurring' AND ac.frequency_duration_remaining = 0))
                  AND EXISTS (SELECT 1 FROM coupon_credits x
                    WHERE x.applied_coupon_id = ac.id AND x.created_at = ac.terminated_at) AS ended_by_use
                FROM applied_coupons ac
                WHERE ac.organization_id = ? AND ac.id IN (SELECT applied_coupon_id FROM coupon_credits WHERE invoice_id = ?)
                ORDER BY ac.id FOR UPDATE OF ac""")
                .params(organization.value(), invoiceId)
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getBoolean("ended_by_use")))
                .list();
    }

    /** A recurring application gets back the period a voided invoice used (never beyond its duration). */
    public void restoreRemainingPeriod(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE applied_coupons SET frequency_duration_remaining = frequency_duration_remaining + 1, updated_at = ?
                WHERE id = ? AND organization_id = ? AND frequency = 'recurring'
                  AND frequency_duration_remaining < frequency_duration""")
                .params(java.sql.Timestamp.from(now), id, organization.value()).update();
    }

    /** An application ended by its use is active again. */
    public void reactivate(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE applied_coupons SET status = 'active', terminated_at = NULL, updated_at = ?
                WHERE id = ? AND organization_id = ? AND status = 'terminated'""")
                .params(java.sql.Timestamp.from(now), id, organization.value()).update();
    }

    /** The customer's active applications, oldest first. */
    public List<AppliedCoupon> activeOfCustomer(OrganizationId organization, UUID customerId) {
        return jdbc.sql(SELECT + " WHERE ac.organization_id = ? AND ac.customer_id = ? AND ac.status = 'active'"
                        + " ORDER BY ac.created_at, ac.id")
                .params(organization.value(), customerId).query(AppliedCouponRepository::row).list();
    }
}

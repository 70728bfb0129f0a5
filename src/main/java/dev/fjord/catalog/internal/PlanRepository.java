package dev.fjord.catalog.internal;

import dev.fjord.catalog.Charge;
import dev.fjord.catalog.ChargeModel;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.PlanInput;
import dev.fjord.catalog.PlanInterval;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Repository
public class PlanRepository {
    static final Set<String> UPDATABLE_COLUMNS = Set.of("name", "invoice_display_name", "code", "interval",
            "description", "amount_cents", "amount_currency", "trial_period", "pay_in_advance", "bill_charges_monthly",
            "minimum_commitment_amount_cents", "minimum_commitment_invoice_display_name");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    PlanRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID insert(OrganizationId organization, Changes changes, Instant now) {
        return insert(organization, changes, null, now);
    }

    /** {@code parentId} set: an override of that plan (same code, hidden from the plan endpoints). */
    public UUID insert(OrganizationId organization, Changes changes, UUID parentId, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO plans (id, organization_id, name, code, interval, amount_cents, amount_currency, parent_id,
                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), changes.get("name"), changes.get("code"), changes.get("interval"),
                        changes.get("amount_cents"), changes.get("amount_currency"), parentId, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return id;
    }

    /** The live overrides of a plan. */
    public List<UUID> liveOverrides(OrganizationId organization, UUID parentId) {
        return jdbc.sql("SELECT id FROM plans WHERE organization_id = ? AND parent_id = ? AND deleted_at IS NULL")
                .params(organization.value(), parentId).query(UUID.class).list();
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        PartialUpdate.apply(jdbc, "plans", UPDATABLE_COLUMNS, organization, id, changes, now);
    }

    public Optional<UUID> lockLive(OrganizationId organization, String code) {
        return jdbc.sql("""
                        SELECT id FROM plans WHERE organization_id = ? AND code = ? AND deleted_at IS NULL
                          AND parent_id IS NULL FOR UPDATE""")
                .params(organization.value(), code).query(UUID.class).optional();
    }

    public Optional<Plan> findById(OrganizationId organization, UUID id) {
        return withCharges(organization, jdbc.sql("SELECT * FROM plans WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(PlanRepository::row).list()).stream().findFirst();
    }

    public Optional<Plan> findLive(OrganizationId organization, String code) {
        return withCharges(organization, jdbc.sql("""
                        SELECT * FROM plans WHERE organization_id = ? AND code = ? AND deleted_at IS NULL
                          AND parent_id IS NULL""")
                .params(organization.value(), code).query(PlanRepository::row).list()).stream().findFirst();
    }

    public List<Plan> list(OrganizationId organization, int limit, long offset) {
        return withCharges(organization, jdbc.sql("""
                        SELECT * FROM plans WHERE organization_id = ? AND deleted_at IS NULL AND parent_id IS NULL
                        ORDER BY created_at DESC, id ASC LIMIT ? OFFSET ?""")
                .params(organization.value(), limit, offset).query(PlanRepository::row).list());
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM plans WHERE organization_id = ? AND deleted_at IS NULL AND parent_id IS NULL")
                .param(organization.value()).query(Long.class).single();
    }

    public void markDeleted(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE plans SET deleted_at = ?, updated_at = ? WHERE id = ? AND organization_id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), id, organization.value()).update();
    }

    /**
     * Replaces the plan's charges: a charge sent with its id is rewritten in place (usage aggregated under it
     * stays attached), the others are created, and live charges not sent are soft-deleted. Answers the charges' ids
     * in the order sent.
     */
    public List<UUID> replaceCharges(OrganizationId organization, UUID planId, List<PlanInput.ChargeInput> charges, Instant now) {
        List<UUID> ids = new ArrayList<>();
        List<UUID> kept = charges.stream().map(PlanInput.ChargeInput::id).filter(java.util.Objects::nonNull).toList();
        jdbc.sql("""
                UPDATE charges SET deleted_at = :now WHERE organization_id = :organization AND plan_id = :plan
                AND deleted_at IS NULL AND NOT (id = ANY (:kept))""")
                .param("now", Timestamp.from(now)).param("organization", organization.value()).param("plan", planId)
                .param("kept", kept.toArray(UUID[]::new)).update();
        int position = 0;
        for (PlanInput.ChargeInput charge : charges) {
            UUID chargeId = charge.id() != null ? charge.id() : Ids.newId();
            ids.add(chargeId);
            jdbc.sql("""
                    INSERT INTO charges (id, organization_id, plan_id, billable_metric_id, code, invoice_display_name,
                      charge_model, pay_in_advance, invoiceable, prorated, min_amount_cents, regroup_paid_fees, properties,
                      position, created_at)
                    VALUES (:id, :organization, :plan, :metric, :code, :display, :model, :advance, :invoiceable, :prorated,
                      :min, :regroup, CAST(:properties AS jsonb), :position, :now)
                    ON CONFLICT (id) DO UPDATE SET billable_metric_id = EXCLUDED.billable_metric_id, code = EXCLUDED.code,
                      invoice_display_name = EXCLUDED.invoice_display_name, charge_model = EXCLUDED.charge_model,
                      pay_in_advance = EXCLUDED.pay_in_advance, invoiceable = EXCLUDED.invoiceable,
                      prorated = EXCLUDED.prorated, min_amount_cents = EXCLUDED.min_amount_cents,
                      regroup_paid_fees = EXCLUDED.regroup_paid_fees, properties = EXCLUDED.properties,
                      position = EXCLUDED.position""")
                    .param("id", chargeId).param("organization", organization.value()).param("plan", planId)
                    .param("metric", charge.billableMetricId()).param("code", charge.code())
                    .param("display", charge.invoiceDisplayName()).param("model", charge.chargeModel().code())
                    .param("advance", charge.payInAdvance()).param("invoiceable", charge.invoiceable())
                    .param("prorated", charge.prorated()).param("min", charge.minAmountCents())
                    .param("regroup", charge.regroupPaidFees()).param("properties", json.writeValueAsString(charge.properties()))
                    .param("position", position++).param("now", Timestamp.from(now))
                    .update();
            replaceFilters(organization, chargeId, charge.filters(), now);
        }
        return ids;
    }

    private void replaceFilters(OrganizationId organization, UUID chargeId, List<PlanInput.FilterInput> filters, Instant now) {
        jdbc.sql("UPDATE charge_filters SET deleted_at = ? WHERE organization_id = ? AND charge_id = ? AND deleted_at IS NULL")
                .params(Timestamp.from(now), organization.value(), chargeId).update();
        int position = 0;
        for (PlanInput.FilterInput filter : filters) {
            jdbc.sql("""
                    INSERT INTO charge_filters (id, organization_id, charge_id, invoice_display_name, properties, values,
                      position, created_at)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?)""")
                    .params(Ids.newId(), organization.value(), chargeId, filter.invoiceDisplayName(),
                            json.writeValueAsString(filter.properties()), json.writeValueAsString(filter.values()),
                            position++, Timestamp.from(now))
                    .update();
        }
    }

    /** Which of these charge ids belong to the plan (and are live): an id from elsewhere is a client error. */
    public Set<UUID> liveChargeIds(OrganizationId organization, UUID planId) {
        return Set.copyOf(jdbc.sql("SELECT id FROM charges WHERE organization_id = ? AND plan_id = ? AND deleted_at IS NULL")
                .params(organization.value(), planId).query(UUID.class).list());
    }

    /** Live subscriptions and their distinct customers on a plan, read from the subscription module's table. */
    public long[] subscriptionCounts(OrganizationId organization, UUID planId) {
        return jdbc.sql("""
                SELECT count(*), count(DISTINCT customer_id) FROM subscriptions
                WHERE organization_id = ? AND plan_id = ? AND status = 'active'""")
                .params(organization.value(), planId)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private List<Plan> withCharges(OrganizationId organization, List<Plan> plans) {
        if (plans.isEmpty()) {
            return plans;
        }
        List<UUID> planIds = plans.stream().map(Plan::id).toList();
        Map<UUID, List<Charge.Filter>> filters = new HashMap<>();
        jdbc.sql("""
                SELECT f.* FROM charge_filters f JOIN charges c ON c.id = f.charge_id
                WHERE f.organization_id = :organization AND c.plan_id IN (:plans) AND f.deleted_at IS NULL
                ORDER BY f.position""")
                .param("organization", organization.value()).param("plans", planIds)
                .query((rs, n) -> filters.computeIfAbsent(rs.getObject("charge_id", UUID.class), k -> new ArrayList<>())
                        .add(new Charge.Filter(rs.getObject("id", UUID.class), rs.getString("invoice_display_name"),
                                object(rs.getString("properties")), values(rs.getString("values")))))
                .list();
        Map<UUID, List<Charge>> charges = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM charges WHERE organization_id = :organization AND plan_id IN (:plans) AND deleted_at IS NULL
                ORDER BY position""")
                .param("organization", organization.value()).param("plans", planIds)
                .query((rs, n) -> charges.computeIfAbsent(rs.getObject("plan_id", UUID.class), k -> new ArrayList<>())
                        .add(charge(rs, filters)))
                .list();
        return plans.stream().map(p -> new Plan(p.id(), p.name(), p.invoiceDisplayName(), p.code(), p.interval(),
                p.description(), p.amountCents(), p.amountCurrency(), p.trialPeriod(), p.payInAdvance(),
                p.billChargesMonthly(), p.minimumCommitmentAmountCents(), p.minimumCommitmentInvoiceDisplayName(),
                charges.getOrDefault(p.id(), List.of()), p.createdAt(), p.deletedAt())).toList();
    }

    private Charge charge(ResultSet rs, Map<UUID, List<Charge.Filter>> filters) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Charge(id, rs.getObject("billable_metric_id", UUID.class), rs.getString("code"),
                rs.getString("invoice_display_name"), ChargeModel.fromCode(rs.getString("charge_model")).orElseThrow(),
                rs.getBoolean("pay_in_advance"), rs.getBoolean("invoiceable"), rs.getBoolean("prorated"),
                rs.getLong("min_amount_cents"), rs.getString("regroup_paid_fees"), object(rs.getString("properties")),
                filters.getOrDefault(id, List.of()), Rows.instant(rs.getTimestamp("created_at")));
    }

    private ObjectNode object(String text) {
        return (ObjectNode) json.readTree(text);
    }

    private Map<String, List<String>> values(String text) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : json.readTree(text).properties()) {
            values.put(entry.getKey(), entry.getValue().values().stream().map(JsonNode::stringValue).toList());
        }
        return values;
    }

    private static Plan row(ResultSet rs, int n) throws SQLException {
        return new Plan(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("invoice_display_name"),
                rs.getString("code"),
                PlanInterval.fromCode(rs.getString("interval")).orElseThrow(),
                rs.getString("description"),
                rs.getLong("amount_cents"),
                rs.getString("amount_currency"),
                rs.getBigDecimal("trial_period"),
                rs.getBoolean("pay_in_advance"),
                rs.getBoolean("bill_charges_monthly"),
                Rows.nullableLong(rs, "minimum_commitment_amount_cents"),
                rs.getString("minimum_commitment_invoice_display_name"),
                List.of(),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("deleted_at")));
    }
}

package dev.fjord.catalog.internal;

import dev.fjord.catalog.Tax;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for taxes and the links that apply them (to customers, to add-ons); every statement is scoped by organization. */
@Repository
public class TaxRepository {
    static final Set<String> COLUMNS = Set.of("name", "code", "rate", "description", "applied_to_organization");

    /** The objects a tax can be attached to, each with its link table (Lago's {@code <owner>s_taxes}). */
    public enum Owner {
        CUSTOMER("customers_taxes", "customer_id"),
        ADD_ON("add_ons_taxes", "add_on_id"),
        PLAN("plans_taxes", "plan_id"),
        CHARGE("charges_taxes", "charge_id");

        final String table;
        final String column;

        Owner(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    private final JdbcClient jdbc;

    TaxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tax row with its usage counts, each a count of live objects. */
    private static String select() {
        return select("");
    }

    private static String select(String extraColumns) {
        return select(extraColumns, true);
    }

    /**
     * Without counts the four usage counts read 0: pricing needs a tax's rate only, and the customers count scans
     * every customer of the organization for a tax applied to it.
     */
    private static String select(String extraColumns, boolean withCounts) {
        return "SELECT " + extraColumns + "t.*, " + (withCounts ? COUNTS
                : "0 AS add_ons_count, 0 AS customers_count, 0 AS plans_count, 0 AS charges_count\n") + "FROM taxes t\n";
    }

    private static final String COUNTS = """
                  (SELECT count(*) FROM add_ons_taxes aot JOIN add_ons a ON a.id = aot.add_on_id AND a.deleted_at IS NULL
                    WHERE aot.tax_id = t.id AND aot.organization_id = t.organization_id) AS add_ons_count,
                  (SELECT count(*) FROM customers c
                    WHERE c.organization_id = t.organization_id AND c.deleted_at IS NULL
                      AND (EXISTS (SELECT 1 FROM customers_taxes ct WHERE ct.customer_id = c.id AND ct.tax_id = t.id)
                        OR (t.applied_to_organization
                          AND NOT EXISTS (SELECT 1 FROM customers_taxes own WHERE own.customer_id = c.id)))) AS customers_count,
                  (SELECT count(*) FROM plans_taxes pt JOIN plans p ON p.id = pt.plan_id AND p.deleted_at IS NULL
                    WHERE pt.tax_id = t.id AND pt.organization_id = t.organization_id) AS plans_count,
                  (SELECT count(*) FROM charges_taxes cht JOIN charges ch ON ch.id = cht.charge_id AND ch.deleted_at IS NULL
                    WHERE cht.tax_id = t.id AND cht.organization_id = t.organization_id) AS charges_count
            """;

    public UUID insert(OrganizationId organization, Changes values, Instant now) {
        UUID id = Ids.newId();
        var statement = jdbc.sql("INSERT INTO taxes (id, organization_id, created_at, updated_at, " + values.columns(COLUMNS)
                        + ") VALUES (:id, :organization, :now, :now, " + values.parameters() + ")")
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
        uniqueCode(() -> PartialUpdate.apply(jdbc, "taxes", COLUMNS, organization, id, changes, now));
    }

    /** The live tax with this code, row-locked until the transaction ends. */
    public Optional<UUID> lockLive(OrganizationId organization, String code) {
        return jdbc.sql("SELECT id FROM taxes WHERE organization_id = ? AND code = ? AND deleted_at IS NULL FOR UPDATE")
                .params(organization.value(), code).query(UUID.class).optional();
    }

    /** The tax by id, deleted or not (a DELETE answers the tax it removed). */
    public Optional<Tax> findById(OrganizationId organization, UUID id) {
        return jdbc.sql(select() + " WHERE t.organization_id = ? AND t.id = ?")
                .params(organization.value(), id).query(TaxRepository::row).optional();
    }

    public Optional<Tax> findLive(OrganizationId organization, String code) {
        return jdbc.sql(select() + " WHERE t.organization_id = ? AND t.code = ? AND t.deleted_at IS NULL")
                .params(organization.value(), code).query(TaxRepository::row).optional();
    }

    public List<Tax> findLive(OrganizationId organization, Collection<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(select() + " WHERE t.organization_id = :organization AND t.code IN (:codes) AND t.deleted_at IS NULL"
                        + " ORDER BY t.name, t.code")
                .param("organization", organization.value()).param("codes", codes)
                .query(TaxRepository::row).list();
    }

    /** Live taxes in Lago's list order: by name, then newest first. */
    public List<Tax> list(OrganizationId organization, int limit, long offset) {
        return jdbc.sql(select() + """
                 WHERE t.organization_id = ? AND t.deleted_at IS NULL
                ORDER BY t.name, t.created_at DESC, t.id LIMIT ? OFFSET ?""")
                .params(organization.value(), limit, offset).query(TaxRepository::row).list();
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM taxes WHERE organization_id = ? AND deleted_at IS NULL")
                .params(organization.value()).query(Long.class).single();
    }

    public List<Tax> appliedToOrganization(OrganizationId organization, boolean withCounts) {
        return jdbc.sql(select("", withCounts) + """
                 WHERE t.organization_id = ? AND t.deleted_at IS NULL AND t.applied_to_organization
                ORDER BY t.name, t.code""")
                .params(organization.value()).query(TaxRepository::row).list();
    }

    /** Soft-deletes the tax (its code becomes free) and detaches it from everything it was applied to, as Lago does. */
    public void markDeleted(OrganizationId organization, UUID id, Instant now) {
        for (Owner owner : Owner.values()) {
            jdbc.sql("DELETE FROM " + owner.table + " WHERE organization_id = ? AND tax_id = ?")
                    .params(organization.value(), id).update();
        }
        jdbc.sql("UPDATE taxes SET deleted_at = ?, updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), id).update();
    }

    /** Makes {@code taxIds} the exact set of taxes of the owner: links kept, added or removed. */
    public void replaceLinks(OrganizationId organization, Owner owner, UUID ownerId, Collection<UUID> taxIds,
            Instant now) {
        var delete = jdbc.sql("DELETE FROM " + owner.table + " WHERE organization_id = :organization AND "
                        + owner.column + " = :owner" + (taxIds.isEmpty() ? "" : " AND tax_id NOT IN (:taxes)"))
                .param("organization", organization.value())
                .param("owner", ownerId);
        if (!taxIds.isEmpty()) {
            delete = delete.param("taxes", taxIds);
        }
        delete.update();
        for (UUID taxId : taxIds) {
            jdbc.sql("INSERT INTO " + owner.table + " (id, organization_id, " + owner.column
                            + ", tax_id, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (" + owner.column
                            + ", tax_id) DO NOTHING")
                    .params(Ids.newId(), organization.value(), ownerId, taxId, Timestamp.from(now))
                    .update();
        }
    }

    /** The live taxes of each owner, by name; owners without taxes are absent from the map. */
    public Map<UUID, List<Tax>> linked(OrganizationId organization, Owner owner, Collection<UUID> ownerIds) {
        return linked(organization, owner, ownerIds, true);
    }

    public Map<UUID, List<Tax>> linked(OrganizationId organization, Owner owner, Collection<UUID> ownerIds,
            boolean withCounts) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Tax>> byOwner = new LinkedHashMap<>();
        jdbc.sql(select("l." + owner.column + " AS owner_id, ", withCounts) + " JOIN " + owner.table + " l ON l.tax_id = t.id"
                        + " WHERE l.organization_id = :organization AND l." + owner.column + " IN (:owners)"
                        + " AND t.deleted_at IS NULL ORDER BY t.name, t.code")
                .param("organization", organization.value())
                .param("owners", ownerIds)
                .query((rs, n) -> {
                    byOwner.computeIfAbsent(rs.getObject("owner_id", UUID.class), k -> new ArrayList<>())
                            .add(row(rs, n));
                    return null;
                })
                .list();
        return byOwner;
    }

    /** The code is unique among live taxes (partial unique index): a clash, even a concurrent one, is Lago's 422. */
    static void uniqueCode(Runnable write) {
        try {
            write.run();
        } catch (DuplicateKeyException taken) {
            throw BillingError.validation("code", "value_already_exist");
        }
    }

    private static Tax row(ResultSet rs, int n) throws SQLException {
        return new Tax(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("code"),
                rs.getBigDecimal("rate"),
                rs.getString("description"),
                rs.getBoolean("applied_to_organization"),
                rs.getLong("add_ons_count"),
                rs.getLong("customers_count"),
                rs.getLong("plans_count"),
                rs.getLong("charges_count"),
                Rows.instant(rs.getTimestamp("created_at")));
    }
}

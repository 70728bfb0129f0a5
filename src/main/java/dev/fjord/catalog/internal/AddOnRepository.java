package dev.fjord.catalog.internal;

import dev.fjord.catalog.AddOn;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for add-ons; every statement is scoped by organization. Their taxes live in {@link TaxRepository}. */
@Repository
public class AddOnRepository {
    static final Set<String> COLUMNS =
            Set.of("name", "invoice_display_name", "code", "amount_cents", "amount_currency", "description");

    private final JdbcClient jdbc;

    AddOnRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(OrganizationId organization, Changes values, Instant now) {
        UUID id = Ids.newId();
        var statement = jdbc.sql("INSERT INTO add_ons (id, organization_id, created_at, updated_at, "
                        + values.columns(COLUMNS) + ") VALUES (:id, :organization, :now, :now, " + values.parameters() + ")")
                .param("id", id)
                .param("organization", organization.value())
                .param("now", Timestamp.from(now));
        for (var value : values.values().entrySet()) {
            statement = statement.param(value.getKey(), value.getValue());
        }
        TaxRepository.uniqueCode(statement::update);
        return id;
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        TaxRepository.uniqueCode(() -> PartialUpdate.apply(jdbc, "add_ons", COLUMNS, organization, id, changes, now));
    }

    /** The live add-on with this code, row-locked until the transaction ends. */
    public Optional<UUID> lockLive(OrganizationId organization, String code) {
        return jdbc.sql("SELECT id FROM add_ons WHERE organization_id = ? AND code = ? AND deleted_at IS NULL FOR UPDATE")
                .params(organization.value(), code).query(UUID.class).optional();
    }

    /** The add-on by id, deleted or not, without its taxes. */
    public Optional<AddOn> findById(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT * FROM add_ons WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(AddOnRepository::row).optional();
    }

    /** The add-ons with these ids, deleted or not, without their taxes; unknown ids are left out. */
    public List<AddOn> findByIds(OrganizationId organization, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM add_ons WHERE organization_id = :organization AND id IN (:ids)")
                .param("organization", organization.value()).param("ids", ids)
                .query(AddOnRepository::row).list();
    }

    public Optional<AddOn> findLive(OrganizationId organization, String code) {
        return jdbc.sql("SELECT * FROM add_ons WHERE organization_id = ? AND code = ? AND deleted_at IS NULL")
                .params(organization.value(), code).query(AddOnRepository::row).optional();
    }

    /** Live add-ons, newest first (Lago's order), without their taxes. */
    public List<AddOn> list(OrganizationId organization, int limit, long offset) {
        return jdbc.sql("""
                SELECT * FROM add_ons WHERE organization_id = ? AND deleted_at IS NULL
                ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")
                .params(organization.value(), limit, offset).query(AddOnRepository::row).list();
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM add_ons WHERE organization_id = ? AND deleted_at IS NULL")
                .params(organization.value()).query(Long.class).single();
    }

    public void markDeleted(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE add_ons SET deleted_at = ?, updated_at = ? WHERE organization_id = ? AND id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), organization.value(), id).update();
    }

    private static AddOn row(ResultSet rs, int n) throws SQLException {
        return new AddOn(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("invoice_display_name"),
                rs.getString("code"),
                rs.getLong("amount_cents"),
                rs.getString("amount_currency"),
                rs.getString("description"),
                List.of(),
                Rows.instant(rs.getTimestamp("created_at")));
    }
}

package dev.fjord.shared;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Applies {@link Changes} to one row of an organization's table, bumping {@code updated_at}. */
public final class PartialUpdate {
    private PartialUpdate() {}

    public static void apply(JdbcClient jdbc, String table, Set<String> allowedColumns, OrganizationId organization,
            UUID id, Changes changes, Instant now) {
        String assignments = changes.isEmpty() ? "" : changes.assignments(allowedColumns) + ", ";
        var statement = jdbc.sql("UPDATE " + table + " SET " + assignments
                        + "updated_at = :now WHERE id = :id AND organization_id = :organization")
                .param("id", id)
                .param("organization", organization.value())
                .param("now", Timestamp.from(now));
        for (var change : changes.values().entrySet()) {
            statement = statement.param(change.getKey(), change.getValue());
        }
        statement.update();
    }
}

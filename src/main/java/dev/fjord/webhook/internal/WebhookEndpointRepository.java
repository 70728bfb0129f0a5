package dev.fjord.webhook.internal;

import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import dev.fjord.webhook.WebhookEndpoint;
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

/** The {@code webhook_endpoints} table. */
@Repository
public class WebhookEndpointRepository {
    private static final Set<String> UPDATABLE = Set.of("webhook_url", "signature_algo", "name", "event_types");
    private static final String COLUMNS =
            "id, organization_id, webhook_url, signature_algo, name, event_types, created_at";

    private final JdbcClient jdbc;

    public WebhookEndpointRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(OrganizationId organization, UUID id, Changes values, Instant now) {
        jdbc.sql("""
                INSERT INTO webhook_endpoints (id, organization_id, webhook_url, signature_algo, name, event_types,
                                               created_at, updated_at)
                VALUES (:id, :organization, :url, coalesce(:algo, 'jwt'), :name, :types, :now, :now)""")
                .param("id", id).param("organization", organization.value())
                .param("url", values.get("webhook_url")).param("algo", values.get("signature_algo"))
                .param("name", values.get("name")).param("types", values.get("event_types"))
                .param("now", Timestamp.from(now)).update();
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        PartialUpdate.apply(jdbc, "webhook_endpoints", UPDATABLE, organization, id, changes, now);
    }

    public void delete(OrganizationId organization, UUID id) {
        jdbc.sql("DELETE FROM webhook_endpoints WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).update();
    }

    public Optional<WebhookEndpoint> find(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(WebhookEndpointRepository::endpoint).optional();
    }

    /** Another endpoint of the organization already at this URL. */
    public boolean urlTaken(OrganizationId organization, String url, UUID exceptId) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE organization_id = ? AND webhook_url = ? AND id <> ?")
                .params(organization.value(), url, exceptId).query(Long.class).single() > 0;
    }

    public long count(OrganizationId organization) {
        return jdbc.sql("SELECT count(*) FROM webhook_endpoints WHERE organization_id = ?")
                .param(organization.value()).query(Long.class).single();
    }

    public List<WebhookEndpoint> list(OrganizationId organization, int limit, long offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE organization_id = ? "
                        + "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(organization.value(), limit, offset).query(WebhookEndpointRepository::endpoint).list();
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        return new WebhookEndpoint(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getString("webhook_url"), rs.getString("signature_algo"), rs.getString("name"),
                Rows.strings(rs.getArray("event_types")), Rows.instant(rs.getTimestamp("created_at")));
    }
}

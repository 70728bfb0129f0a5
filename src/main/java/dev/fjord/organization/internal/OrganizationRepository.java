package dev.fjord.organization.internal;

import dev.fjord.organization.NewOrganization;
import dev.fjord.organization.Organization;
import dev.fjord.organization.UserAccount;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganizationRepository {
    static final Set<String> UPDATABLE_COLUMNS = Set.of("name", "default_currency", "timezone", "country",
            "address_line1", "address_line2", "state", "zipcode", "city", "email", "legal_name", "legal_number",
            "tax_identification_number", "webhook_url", "document_numbering", "document_number_prefix",
            "net_payment_term", "finalize_zero_amount_invoice", "invoice_footer", "invoice_grace_period",
            "document_locale", "email_settings");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final UserRepository users;
    private final ApiKeyStore apiKeys;

    OrganizationRepository(JdbcClient jdbc, Clock clock, UserRepository users, ApiKeyStore apiKeys) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.users = users;
        this.apiKeys = apiKeys;
    }

    public Optional<Organization> find(OrganizationId id) {
        return jdbc.sql("SELECT * FROM organizations WHERE id = ?").param(id.value())
                .query(OrganizationRepository::map).optional();
    }

    public void update(OrganizationId id, Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        var statement = jdbc.sql("UPDATE organizations SET " + changes.assignments(UPDATABLE_COLUMNS)
                        + ", updated_at = :now WHERE id = :id")
                .param("id", id.value())
                .param("now", Timestamp.from(clock.instant()));
        for (var change : changes.values().entrySet()) {
            statement = statement.param(change.getKey(), change.getValue());
        }
        statement.update();
    }

    public OrganizationId create(NewOrganization organization) {
        UUID id = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO organizations (id, name, document_number_prefix, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?)""")
                .params(id, organization.name(), documentNumberPrefix(organization.name(), id), now, now)
                .update();
        apiKeys.add(new OrganizationId(id), organization.apiKey());
        if (organization.adminEmail() != null) {
            users.insert(new OrganizationId(id), organization.adminEmail().toLowerCase(Locale.ROOT),
                    organization.adminPassword(), UserAccount.ADMIN, now.toInstant()).orElseThrow();
        }
        return new OrganizationId(id);
    }

    public void lock(OrganizationId id) {
        jdbc.sql("SELECT id FROM organizations WHERE id = ? FOR UPDATE").param(id.value()).query(UUID.class).single();
    }

    public long nextCustomerSequence(OrganizationId id) {
        return jdbc.sql("UPDATE organizations SET customer_sequence = customer_sequence + 1 WHERE id = ? RETURNING customer_sequence")
                .param(id.value()).query(Long.class).single();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM organizations").query(Long.class).single();
    }

    /** Lago's default prefix: the name's first three letters and the id's last four characters, e.g. {@code ACM-3F2A}. */
    static String documentNumberPrefix(String name, UUID id) {
        String letters = name.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        String head = (letters + "ORG").substring(0, 3);
        String uuid = id.toString();
        return head + "-" + uuid.substring(uuid.length() - 4).toUpperCase(Locale.ROOT);
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(
                new OrganizationId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("default_currency"),
                rs.getString("timezone"),
                rs.getString("country"),
                rs.getString("address_line1"),
                rs.getString("address_line2"),
                rs.getString("state"),
                rs.getString("zipcode"),
                rs.getString("city"),
                rs.getString("email"),
                rs.getString("legal_name"),
                rs.getString("legal_number"),
                rs.getString("tax_identification_number"),
                rs.getString("webhook_url"),
                rs.getString("document_numbering"),
                rs.getString("document_number_prefix"),
                rs.getInt("net_payment_term"),
                rs.getBoolean("finalize_zero_amount_invoice"),
                rs.getString("invoice_footer"),
                rs.getInt("invoice_grace_period"),
                rs.getString("document_locale"),
                Rows.strings(rs.getArray("email_settings")),
                Rows.instant(rs.getTimestamp("created_at")));
    }
}

package dev.fjord.document.internal;

import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code documents} table: PDFs keyed by their owner (an invoice or a credit note) and by token. */
@Repository
class DocumentRepository {
    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a document is found: its token and the file name it is served under. */
    record Link(String token, String fileName) {}

    /** A document to serve. */
    record Pdf(String fileName, byte[] content) {}

    public boolean exists(OrganizationId organization, String ownerType, UUID ownerId) {
        return jdbc.sql("SELECT count(*) FROM documents WHERE organization_id = ? AND owner_type = ? AND owner_id = ?")
                .params(organization.value(), ownerType, ownerId).query(Long.class).single() > 0;
    }

    /** Stores the document unless the owner has one already (a concurrent first download wrote it first). */
    /** Whether this call stored it (false: the owner had a document already). */
    public boolean insertIfAbsent(OrganizationId organization, String ownerType, UUID ownerId, String token,
            String fileName, byte[] content, Instant now) {
        return jdbc.sql("""
                INSERT INTO documents (id, organization_id, owner_type, owner_id, token, file_name, content, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, owner_type, owner_id) DO NOTHING""")
                .params(Ids.newId(), organization.value(), ownerType, ownerId, token, fileName, content,
                        Timestamp.from(now))
                .update() == 1;
    }

    /** The links of the owners that have a document, by owner id. */
    public Map<UUID, Link> links(OrganizationId organization, String ownerType, Collection<UUID> ownerIds) {
        Map<UUID, Link> links = new HashMap<>();
        if (ownerIds.isEmpty()) {
            return links;
        }
        jdbc.sql("""
                SELECT owner_id, token, file_name FROM documents
                WHERE organization_id = ? AND owner_type = ? AND owner_id = ANY (?)""")
                .params(organization.value(), ownerType, ownerIds.toArray(UUID[]::new))
                .query(rs -> {
                    links.put(rs.getObject("owner_id", UUID.class),
                            new Link(rs.getString("token"), rs.getString("file_name")));
                });
        return links;
    }

    public Optional<Pdf> byToken(String token) {
        return jdbc.sql("SELECT file_name, content FROM documents WHERE token = ?").param(token)
                .query((rs, n) -> new Pdf(rs.getString("file_name"), rs.getBytes("content")))
                .optional();
    }
}

package dev.fjord.organization.internal;

import dev.fjord.organization.OrganizationUser;
import dev.fjord.organization.UserAccount;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Repository;

/** Users and their memberships; passwords are stored only as bcrypt hashes, made here. */
@Repository
public class UserRepository {
    private final JdbcClient jdbc;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserAccount> findByEmail(String email) {
        return jdbc.sql("""
                SELECT u.id, u.email, u.password_hash, m.organization_id, m.role
                FROM users u JOIN memberships m ON m.user_id = u.id
                WHERE u.email = ? ORDER BY m.created_at, m.id LIMIT 1""")
                .param(email)
                .query((rs, row) -> new UserAccount(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("password_hash"), new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        rs.getString("role")))
                .optional();
    }

    /**
     * A new user (e-mail already lower-cased) who is a member of the organization; empty when the e-mail is taken.
     * The schema's unique e-mail decides, not a look-up first.
     */
    public Optional<UUID> insert(OrganizationId organization, String email, String password, String role,
            Instant now) {
        UUID id = Ids.newId();
        int inserted = jdbc.sql("""
                INSERT INTO users (id, email, password_hash, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (email) DO NOTHING""")
                .params(id, email, passwords.encode(password), Timestamp.from(now)).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        jdbc.sql("INSERT INTO memberships (id, organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(Ids.newId(), organization.value(), id, role, Timestamp.from(now)).update();
        return Optional.of(id);
    }

    public List<OrganizationUser> members(OrganizationId organization) {
        return jdbc.sql("""
                SELECT u.id, u.email, m.role, m.created_at
                FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.organization_id = ? ORDER BY m.created_at, u.email""")
                .param(organization.value())
                .query((rs, row) -> new OrganizationUser(rs.getObject("id", UUID.class), rs.getString("email"),
                        rs.getString("role"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public Optional<OrganizationUser> member(OrganizationId organization, UUID userId) {
        return members(organization).stream().filter(u -> u.id().equals(userId)).findFirst();
    }

    /** False when the user is no member of the organization (nothing changed then). */
    public boolean setPassword(OrganizationId organization, UUID userId, String password) {
        return jdbc.sql("""
                UPDATE users SET password_hash = ?
                WHERE id = ? AND EXISTS (SELECT 1 FROM memberships WHERE user_id = ? AND organization_id = ?)""")
                .params(passwords.encode(password), userId, userId, organization.value()).update() == 1;
    }

    /**
     * Ends the membership; a user left without any organization is deleted, freeing the e-mail. False when the user
     * was no member of the organization.
     */
    public boolean removeMember(OrganizationId organization, UUID userId) {
        int removed = jdbc.sql("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?")
                .params(organization.value(), userId).update();
        jdbc.sql("DELETE FROM users WHERE id = ? AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = ?)")
                .params(userId, userId).update();
        return removed == 1;
    }
}

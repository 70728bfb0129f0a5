package dev.fjord.organization.internal;

import dev.fjord.organization.UserAccount;
import dev.fjord.shared.OrganizationId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {
    private final JdbcClient jdbc;

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
}

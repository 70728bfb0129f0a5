package dev.fjord.organization;

import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.UUID;

/** A person who signs in to the web UI: the organization they work in, their role and their bcrypt password hash. */
public record UserAccount(UUID id, String email, String passwordHash, OrganizationId organization, String role) {
    /** Admins also manage the organization's users. */
    public static final String ADMIN = "admin";
    public static final List<String> ROLES = List.of(ADMIN, "manager", "finance");

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }
}

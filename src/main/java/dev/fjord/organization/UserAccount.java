package dev.fjord.organization;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/** A person who signs in to the web UI: the organization they work in, their role and their bcrypt password hash. */
public record UserAccount(UUID id, String email, String passwordHash, OrganizationId organization, String role) {}

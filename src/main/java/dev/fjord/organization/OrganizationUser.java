package dev.fjord.organization;

import java.time.Instant;
import java.util.UUID;

/** A member of an organization as its user list shows them (never their password hash). */
public record OrganizationUser(UUID id, String email, String role, Instant createdAt) {}

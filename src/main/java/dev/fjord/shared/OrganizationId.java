package dev.fjord.shared;

import java.util.Objects;
import java.util.UUID;

/** The tenant every row belongs to. Passed explicitly to every query so nothing can cross organizations. */
public record OrganizationId(UUID value) {
    public OrganizationId {
        Objects.requireNonNull(value, "organization id");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}

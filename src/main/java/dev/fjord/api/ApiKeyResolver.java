package dev.fjord.api;

import dev.fjord.shared.OrganizationId;
import java.util.Optional;

/** Implemented by the organization module: which organization an API key belongs to, if any. */
public interface ApiKeyResolver {
    Optional<OrganizationId> organizationFor(String apiKey);
}

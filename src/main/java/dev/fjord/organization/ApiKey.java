package dev.fjord.organization;

import java.time.Instant;
import java.util.UUID;

/**
 * An organization's API key as it may be shown: only its stored prefix is known (the key itself is kept as a
 * digest), so after creation a key is only ever seen masked.
 */
public record ApiKey(UUID id, String prefix, Instant createdAt) {
    public String masked() {
        return prefix + "••••••••••••";
    }
}

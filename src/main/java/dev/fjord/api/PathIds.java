package dev.fjord.api;

import dev.fjord.shared.BillingError;
import java.util.UUID;

/** Lago ids in paths: something that is not a UUID names nothing, so it is the resource's 404, not a 400. */
public final class PathIds {
    private PathIds() {}

    public static UUID uuid(String value, String resource) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            throw BillingError.notFound(resource);
        }
    }
}

package dev.fjord.api;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.Limits;

/**
 * Lago's {@code page} (1-based) and {@code per_page} query parameters. Controllers declare a {@code PageRequest}
 * parameter and receive it parsed and bounded.
 */
public record PageRequest(int page, int perPage) {

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    static PageRequest parse(String page, String perPage) {
        int pageNumber = parse("page", page, 1, Integer.MAX_VALUE, 1);
        int size = parse("per_page", perPage, 1, Limits.MAX_PER_PAGE, Limits.DEFAULT_PER_PAGE);
        return new PageRequest(pageNumber, size);
    }

    private static int parse(String name, String raw, int min, int max, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw BillingError.validation(name, "value_is_invalid");
        }
        if (value < min || value > max) {
            throw BillingError.validation(name, "value_is_out_of_range");
        }
        return (int) value;
    }
}

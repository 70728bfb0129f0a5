package dev.fjord.invoicing.internal;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.Limits;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The invoice list's {@code search_term} and {@code metadata[key]=value} filters (Lago's OpenAPI, spec §5.8), read
 * from the query string with bounds: a term of at most 255 characters, at most 20 metadata filters.
 */
final class InvoiceSearchParameters {
    private static final int MAX_METADATA_FILTERS = 20;
    private static final String METADATA_PREFIX = "metadata[";

    private InvoiceSearchParameters() {}

    /** The trimmed term, null when absent or blank; longer than 255 characters is {@code value_is_too_long}. */
    static String searchTerm(HttpServletRequest request) {
        String value = request.getParameter("search_term");
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.strip().length() > Limits.MAX_TEXT_LENGTH) {
            throw BillingError.validation("search_term", "value_is_too_long");
        }
        return value.strip();
    }

    /**
     * {@code metadata[key]=value} pairs in the order sent; an empty value asks for invoices without that key, as in
     * Lago. An empty key is {@code value_is_invalid}; more than 20 filters {@code too_many_items}.
     */
    static Map<String, String> metadata(HttpServletRequest request) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith(METADATA_PREFIX) || !name.endsWith("]")) {
                continue;
            }
            String key = name.substring(METADATA_PREFIX.length(), name.length() - 1);
            if (key.isEmpty()) {
                throw BillingError.validation("metadata", "value_is_invalid");
            }
            String[] values = parameter.getValue();
            filters.put(key, values.length == 0 ? "" : values[values.length - 1]);
        }
        if (filters.size() > MAX_METADATA_FILTERS) {
            throw BillingError.validation("metadata", "too_many_items");
        }
        return Collections.unmodifiableMap(filters);
    }
}

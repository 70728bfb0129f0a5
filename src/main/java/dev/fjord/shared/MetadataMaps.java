package dev.fjord.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lago's newer {@code metadata} objects (wallets, credit notes): replaced by {@code POST .../metadata}, merged by
 * {@code PATCH}/{@code PUT}, removed by {@code DELETE}; empty is {@code null}, as Lago renders it.
 */
public final class MetadataMaps {
    private MetadataMaps() {}

    /** {@code sent} replacing ({@code merge} false) or merged over {@code current}; null when empty. */
    public static Map<String, String> written(Map<String, String> current, Map<String, String> sent, boolean merge) {
        Map<String, String> result = new LinkedHashMap<>(merge && current != null ? current : Map.of());
        if (sent != null) {
            result.putAll(sent);
        }
        return result.isEmpty() ? null : result;
    }

    /** {@code current} without {@code key} ({@code 404 metadata_not_found} when absent); null when empty. */
    public static Map<String, String> without(Map<String, String> current, String key) {
        if (current == null || !current.containsKey(key)) {
            throw BillingError.notFound("metadata");
        }
        Map<String, String> result = new LinkedHashMap<>(current);
        result.remove(key);
        return result.isEmpty() ? null : result;
    }
}

package dev.fjord.catalog.internal.chargemodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Error codes per property key, in the order found; a code is kept once per key (ten bad tiers, one message). */
final class PropertyErrors {
    private final Map<String, Set<String>> codes = new LinkedHashMap<>();

    void add(String key, String code) {
        codes.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(code);
    }

    Map<String, List<String>> toMap() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        codes.forEach((key, values) -> map.put(key, List.copyOf(values)));
        return Collections.unmodifiableMap(map);
    }
}

package dev.fjord.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns a partial update sets (Lago updates only the fields a request sends). Keys are column names; a
 * repository applies only the columns it allows, so a key can never become SQL it did not expect.
 */
public final class Changes {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Changes set(String column, Object value) {
        values.put(column, value instanceof List<?> list ? list.toArray(String[]::new) : value);
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public boolean sets(String column) {
        return values.containsKey(column);
    }

    public Object get(String column) {
        return values.get(column);
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    /** {@code a = :a, b = :b} for the columns set, after checking each against the allowed ones. */
    public String assignments(Set<String> allowedColumns) {
        StringBuilder sql = new StringBuilder();
        for (String column : values.keySet()) {
            if (!allowedColumns.contains(column)) {
                throw new IllegalArgumentException("column not updatable: " + column);
            }
            sql.append(sql.isEmpty() ? "" : ", ").append(column).append(" = :").append(column);
        }
        return sql.toString();
    }

    /** {@code a, b} for an INSERT of the columns set, after checking each against the allowed ones. */
    public String columns(Set<String> allowedColumns) {
        for (String column : values.keySet()) {
            if (!allowedColumns.contains(column)) {
                throw new IllegalArgumentException("column not insertable: " + column);
            }
        }
        return String.join(", ", values.keySet());
    }

    /** {@code :a, :b}, the named parameters matching {@link #columns}. */
    public String parameters() {
        return String.join(", ", values.keySet().stream().map(column -> ":" + column).toList());
    }
}

package dev.fjord.catalog;

import dev.fjord.api.JsonInput;
import dev.fjord.catalog.internal.BillableMetricInputReader;
import tools.jackson.databind.JsonNode;

/**
 * Lago's billable metric payload ({@code {"billable_metric": {...}}}) read and validated exactly as
 * {@code POST /api/v1/billable_metrics} reads it: the web UI's metric form sends the same payload.
 */
public final class BillableMetricPayload {
    private BillableMetricPayload() {}

    public static BillableMetricInput create(JsonNode body) {
        return BillableMetricInputReader.create(JsonInput.root(body, "billable_metric"));
    }

    /** As {@code PUT /api/v1/billable_metrics/{code}} reads it: the sent fields only, filters replaced when sent. */
    public static BillableMetricInput update(JsonNode body) {
        return BillableMetricInputReader.read(JsonInput.root(body, "billable_metric"));
    }
}

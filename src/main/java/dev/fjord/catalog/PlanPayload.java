package dev.fjord.catalog;

import dev.fjord.api.JsonInput;
import dev.fjord.catalog.internal.PlanInputReader;
import tools.jackson.databind.JsonNode;

/**
 * Lago's plan payload ({@code {"plan": {...}}}, charges and their model properties included) read and validated
 * exactly as {@code POST /api/v1/plans} reads it: the web UI's plan form sends the same payload.
 */
public final class PlanPayload {
    private PlanPayload() {}

    public static PlanInput read(JsonNode body, boolean creating) {
        return PlanInputReader.read(JsonInput.root(body, "plan"), creating);
    }
}

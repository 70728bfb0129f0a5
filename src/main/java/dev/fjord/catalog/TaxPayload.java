package dev.fjord.catalog;

import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.shared.Changes;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * Lago's tax payload ({@code {"tax": {...}}}) → the columns to write, every field error collected into one 422:
 * {@code POST/PUT /api/v1/taxes} and the web UI's tax form read it here.
 */
public final class TaxPayload {
    /** A rate is a percentage: 0 (a zero-rated tax is legitimate) to 100, at most 5 decimals (Lago's column scale). */
    private static final BigDecimal MAX_RATE = BigDecimal.valueOf(100);
    private static final int RATE_SCALE = 5;

    private TaxPayload() {}

    /** On create, name, code and rate are mandatory; on update each sent field changes, and none can be cleared. */
    public static Changes read(JsonNode body, boolean creating) {
        JsonInput in = JsonInput.root(body, "tax");
        Changes changes = new Changes();
        String name = in.string("name", MAX_TEXT_LENGTH);
        String code = in.string("code", MAX_TEXT_LENGTH);
        BigDecimal rate = in.decimal("rate", BigDecimal.ZERO, false, MAX_RATE, RATE_SCALE);
        if (creating) {
            in.require("name", name);
            in.require("code", code);
            in.require("rate", rate);
        }
        in.setRequiredIfSent(changes, "name", name);
        in.setRequiredIfSent(changes, "code", code);
        in.setRequiredIfSent(changes, "rate", rate);
        in.setIfSent(changes, "description", in.string("description", MAX_LONG_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "applied_to_organization", in.bool("applied_to_organization"));
        in.validate();
        return changes;
    }
}

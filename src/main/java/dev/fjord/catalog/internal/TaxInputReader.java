package dev.fjord.catalog.internal;

import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.shared.Changes;
import java.math.BigDecimal;

/** Lago's tax payload → the columns to write, every field error collected into one 422. */
final class TaxInputReader {
    /** A rate is a percentage: 0 (a zero-rated tax is legitimate) to 100, at most 5 decimals (Lago's column scale). */
    static final BigDecimal MAX_RATE = BigDecimal.valueOf(100);
    static final int RATE_SCALE = 5;

    private TaxInputReader() {}

    /** On create, name, code and rate are mandatory; on update each sent field changes, and none can be cleared. */
    static Changes read(JsonInput in, boolean creating) {
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

package dev.fjord.catalog;

import static dev.fjord.shared.Limits.MAX_AMOUNT_CENTS;
import static dev.fjord.shared.Limits.MAX_CODES_PER_REQUEST;
import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Lago's add-on payload ({@code {"add_on": {...}}}) → an {@link AddOnInput}, every field error collected into one
 * 422: {@code POST/PUT /api/v1/add_ons} and the web UI's add-on form read it here.
 */
public final class AddOnPayload {
    private AddOnPayload() {}

    /** On create, name, code, amount_cents and amount_currency are mandatory; on update none can be cleared. */
    public static AddOnInput read(JsonNode body, boolean creating) {
        JsonInput in = JsonInput.root(body, "add_on");
        Changes changes = new Changes();
        String name = in.string("name", MAX_TEXT_LENGTH);
        String code = in.string("code", MAX_TEXT_LENGTH);
        // Lago: amount_cents greater than 0.
        Long amountCents = in.longInteger("amount_cents", 1, MAX_AMOUNT_CENTS);
        String currency = in.string("amount_currency", 3, Formats::isCurrency, "value_is_invalid");
        if (creating) {
            in.require("name", name);
            in.require("code", code);
            in.require("amount_cents", amountCents);
            in.require("amount_currency", currency);
        }
        in.setRequiredIfSent(changes, "name", name);
        in.setRequiredIfSent(changes, "code", code);
        in.setRequiredIfSent(changes, "amount_cents", amountCents);
        in.setRequiredIfSent(changes, "amount_currency", currency);
        in.setIfSent(changes, "invoice_display_name", in.string("invoice_display_name", MAX_TEXT_LENGTH));
        in.setIfSent(changes, "description", in.string("description", MAX_LONG_TEXT_LENGTH));
        List<String> taxCodes = taxCodes(in);
        in.validate();
        return new AddOnInput(changes, taxCodes);
    }

    /**
     * {@code tax_codes}: the full list ({@code []} removes every tax); absent or null leaves the taxes as they are,
     * as in Lago (Rails drops a null where it permits an array).
     */
    private static List<String> taxCodes(JsonInput in) {
        return in.stringList("tax_codes", MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
    }
}

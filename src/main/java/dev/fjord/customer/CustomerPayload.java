package dev.fjord.customer;

import dev.fjord.api.JsonInput;
import dev.fjord.customer.internal.CustomerInputReader;
import tools.jackson.databind.JsonNode;

/**
 * Lago's customer payload ({@code {"customer": {...}}}) read and validated exactly as {@code POST /api/v1/customers}
 * reads it: the web UI's forms send the same payload, so both show the same errors and no rule is written twice.
 */
public final class CustomerPayload {
    private CustomerPayload() {}

    public static CustomerUpsert read(JsonNode body) {
        return CustomerInputReader.read(JsonInput.root(body, "customer"));
    }
}

package dev.fjord.invoicing;

import dev.fjord.api.JsonInput;
import dev.fjord.invoicing.internal.InvoiceInputReader;
import tools.jackson.databind.JsonNode;

/**
 * Lago's one-off invoice payload ({@code {"invoice": {"external_customer_id", "fees": [...]}}}) read and validated
 * exactly as {@code POST /api/v1/invoices} reads it: the web UI's one-off invoice form sends the same payload.
 */
public final class InvoicePayload {
    private InvoicePayload() {}

    public static OneOffInvoiceRequest oneOff(JsonNode body) {
        return InvoiceInputReader.readOneOff(JsonInput.root(body, "invoice"));
    }
}

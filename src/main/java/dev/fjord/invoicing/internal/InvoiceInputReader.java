package dev.fjord.invoicing.internal;

import dev.fjord.api.JsonInput;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceUpdate;
import dev.fjord.invoicing.OneOffInvoiceRequest;
import dev.fjord.shared.Formats;
import dev.fjord.shared.Limits;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code PUT /invoices/{id}}: {@code {"invoice": {"payment_status", "metadata": [{id, key, value}]}}}, and
 * {@code POST /invoices}: {@code {"invoice": {"external_customer_id", "currency", "fees": [...]}}}.
 */
public final class InvoiceInputReader {
    /** Lago's Metadata::InvoiceMetadata limits. */
    static final int MAX_METADATA = 5;
    static final int MAX_METADATA_KEY_LENGTH = 20;
    static final int MAX_METADATA_VALUE_LENGTH = 140;
    /** More pairs than this are not read one by one: the request is refused as it is. */
    private static final int MAX_READ_METADATA = 100;

    private InvoiceInputReader() {}

    static InvoiceUpdate read(JsonInput input) {
        String paymentStatus = input.oneOf("payment_status", Invoice.PAYMENT_STATUSES);
        if (input.has("payment_status") && paymentStatus == null && !input.hasError("payment_status")) {
            // sent as null or blank: Lago checks the value against the list and refuses it
            input.error("payment_status", "value_is_invalid");
        }
        List<InvoiceUpdate.MetadataInput> metadata = metadata(input);
        input.validate();
        return new InvoiceUpdate(paymentStatus, metadata);
    }

    /**
     * A one-off invoice. Types and ranges are checked here (422, every field at once); what needs the database
     * (customer, add-ons, taxes, currency) is checked by {@link OneOffInvoices} in Lago's order. Fields Lago accepts
     * for features Fjord lacks ({@code skip_psp}, {@code payment_method}, {@code invoice_custom_section}) are
     * ignored.
     */
    public static OneOffInvoiceRequest readOneOff(JsonInput input) {
        String externalCustomerId = input.string("external_customer_id", Limits.MAX_TEXT_LENGTH);
        String currency = input.string("currency", 3, Formats::isCurrency, "value_is_invalid");
        String billingEntityCode = input.string("billing_entity_code", Limits.MAX_TEXT_LENGTH);
        String purchaseOrderNumber = input.string("purchase_order_number", Limits.MAX_TEXT_LENGTH);
        List<OneOffInvoiceRequest.OneOffFee> fees = new ArrayList<>();
        List<JsonInput> items = input.objects("fees", Limits.MAX_CODES_PER_REQUEST);
        for (JsonInput item : items == null ? List.<JsonInput>of() : items) {
            JsonNode fromNode = item.rawObject("from_datetime");
            JsonNode toNode = item.rawObject("to_datetime");
            Instant from = instant(fromNode);
            Instant to = instant(toNode);
            if ((fromNode != null && from == null) || (toNode != null && to == null) || (from == null) != (to == null)
                    || (from != null && from.isAfter(to))) {
                // Lago's Fees::OneOffService: both bounds or none, valid ISO 8601, from <= to
                input.error("boundaries", "values_are_invalid");
            }
            fees.add(new OneOffInvoiceRequest.OneOffFee(
                    item.string("add_on_code", Limits.MAX_TEXT_LENGTH),
                    item.longInteger("unit_amount_cents", 0, Limits.MAX_AMOUNT_CENTS),
                    item.decimal("units", BigDecimal.ZERO, false, BigDecimal.valueOf(Limits.MAX_AMOUNT_CENTS), 5),
                    item.string("description", Limits.MAX_LONG_TEXT_LENGTH),
                    item.string("invoice_display_name", Limits.MAX_TEXT_LENGTH),
                    item.stringList("tax_codes", Limits.MAX_CODES_PER_REQUEST, Limits.MAX_TEXT_LENGTH),
                    from,
                    to));
        }
        input.validate();
        return new OneOffInvoiceRequest(externalCustomerId, currency, billingEntityCode, purchaseOrderNumber,
                items == null ? null : fees);
    }

    /** An ISO 8601 date-time (with an offset, else UTC) sent as a string, else null. */
    private static Instant instant(JsonNode value) {
        if (value == null || !value.isString() || value.stringValue().length() > 64) {
            return null;
        }
        String text = value.stringValue().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notADateTime) {
                return null;
            }
        }
    }

    private static List<InvoiceUpdate.MetadataInput> metadata(JsonInput input) {
        List<JsonInput> items = input.objects("metadata", MAX_READ_METADATA);
        if (items == null) {
            return null;
        }
        if (items.size() > MAX_METADATA) {
            // Lago's code for more than 5 pairs on an invoice
            input.error("metadata", "invalid_count");
            return null;
        }
        List<InvoiceUpdate.MetadataInput> pairs = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonInput item : items) {
            UUID id = item.uuid("id");
            String key = item.string("key", MAX_METADATA_KEY_LENGTH);
            String value = item.string("value", MAX_METADATA_VALUE_LENGTH);
            item.require("key", key);
            item.require("value", value);
            if (key != null && !keys.add(key)) {
                item.error("key", "value_already_exist");
            }
            pairs.add(new InvoiceUpdate.MetadataInput(id, key, value));
        }
        return pairs;
    }
}

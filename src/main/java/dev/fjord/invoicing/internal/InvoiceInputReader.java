package dev.fjord.invoicing.internal;

import dev.fjord.api.JsonInput;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads {@code PUT /invoices/{id}}: {@code {"invoice": {"payment_status", "metadata": [{id, key, value}]}}}. */
final class InvoiceInputReader {
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

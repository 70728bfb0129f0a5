package dev.fjord.invoicing;

import java.util.List;
import java.util.UUID;

/**
 * A {@code PUT /invoices/{id}}: the payment status when sent (null leaves it), and the full metadata list when sent
 * (null leaves the metadata, an empty list removes it all). A pair named by {@code id} keeps its id.
 */
public record InvoiceUpdate(String paymentStatus, List<MetadataInput> metadata) {

    public record MetadataInput(UUID id, String key, String value) {}
}

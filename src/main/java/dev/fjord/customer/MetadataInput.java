package dev.fjord.customer;

import java.util.UUID;

/** One sent metadata pair; {@code id} names an existing pair to change, else the pair is matched by key. */
public record MetadataInput(UUID id, String key, String value, boolean displayInInvoice) {}

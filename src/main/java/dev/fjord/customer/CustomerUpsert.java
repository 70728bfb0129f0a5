package dev.fjord.customer;

import dev.fjord.shared.Changes;
import java.util.List;

/**
 * A create-or-update of the customer {@code externalId}: the columns sent, the full metadata list when sent (null
 * leaves metadata as it is, an empty list removes it all) and, likewise, the full list of tax codes when sent.
 */
public record CustomerUpsert(String externalId, Changes changes, List<MetadataInput> metadata, List<String> taxCodes) {}

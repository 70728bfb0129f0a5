package dev.fjord.catalog;

import dev.fjord.shared.Changes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A create or update of a plan: the plan columns sent, and when sent (else null) the full list of charges and the
 * plan's tax codes.
 */
public record PlanInput(String code, Changes changes, List<ChargeInput> charges, List<String> taxCodes) {

    /** A charge as sent; {@code id} names an existing charge to keep, else a new one is created. */
    public record ChargeInput(UUID id, UUID billableMetricId, String code, String invoiceDisplayName,
            ChargeModel chargeModel, boolean payInAdvance, boolean invoiceable, boolean prorated, long minAmountCents,
            String regroupPaidFees, ObjectNode properties, List<FilterInput> filters, List<String> taxCodes) {}

    public record FilterInput(String invoiceDisplayName, ObjectNode properties, Map<String, List<String>> values) {}
}

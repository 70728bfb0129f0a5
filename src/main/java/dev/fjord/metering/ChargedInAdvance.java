package dev.fjord.metering;

import dev.fjord.catalog.Charge;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * Published in the ingesting transaction for each event on a pay-in-advance charge (spec §5.6): what the event adds
 * to the charge's price in its period — the charge model applied to the period's units with the event, minus without
 * it — so billing can invoice it at once. Increments follow arrival order under the aggregate's row lock, so the
 * increments of a period add up to its whole price whatever runs concurrently.
 *
 * @param units the units the event added
 * @param preciseAmountCents the increment in minor units, unrounded; {@code amountCents} is it rounded HALF_UP
 */
public record ChargedInAdvance(OrganizationId organization, UUID subscriptionId, Charge charge, Charge.Filter filter,
        Map<String, String> groupedBy, BillingPeriod period, String eventTransactionId, BigDecimal units,
        long amountCents, BigDecimal preciseAmountCents) {}

package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.util.UUID;

/** One fee of the invoice being computed. feeType: subscription|charge|add_on|fixed_charge|commitment. billableMetricId null unless charge. planId null unless subscription/charge fee. taxRatePercent = sum of the fee's applicable tax rates (already resolved by the caller). */
public record FeeLine(UUID key, String feeType, UUID planId, UUID billableMetricId, long amountCents, BigDecimal taxRatePercent) {}

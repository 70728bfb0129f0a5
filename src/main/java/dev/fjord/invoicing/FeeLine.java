package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

/**
 * One fee of the invoice being computed by {@link InvoiceCalculator}.
 *
 * @param key the caller's id for the fee; {@link InvoiceComputation#fees()} is keyed by it
 * @param feeType {@code subscription}, {@code charge}, {@code add_on}, {@code fixed_charge} or {@code commitment}
 * @param planId the plan of the fee's subscription, null for fees without one (add-ons). Lago's plan-limited coupons
 *     target every fee of a subscription to the plan, so fixed-charge and commitment fees may carry it too.
 * @param billableMetricId the charge's billable metric; null unless {@code feeType} is {@code charge}
 * @param amountCents the fee amount in minor units (Lago's {@code amount_cents}, also used as its precise amount)
 * @param taxRatePercent sum of the fee's applicable tax rates, already resolved by the caller (20 for 20 %)
 */
public record FeeLine(UUID key, String feeType, UUID planId, UUID billableMetricId, long amountCents,
        BigDecimal taxRatePercent) {

    public FeeLine {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(feeType, "feeType");
        Objects.requireNonNull(taxRatePercent, "taxRatePercent");
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must be >= 0: " + amountCents);
        }
        if (taxRatePercent.signum() < 0) {
            throw new IllegalArgumentException("taxRatePercent must be >= 0: " + taxRatePercent);
        }
    }
}

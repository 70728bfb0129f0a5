package dev.fjord.invoicing.internal.amounts;

import dev.fjord.invoicing.FeeLine;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Taxes, after coupons (Lago's {@code Fees::ApplyTaxesService} and {@code Invoices::ApplyTaxesService}): each fee is
 * taxed on what is left of it after its coupon share, unrounded; the invoice rounds the sum once. Which tax each cent
 * belongs to (the fees' and the invoice's {@code applied_taxes}) is {@link AppliedTaxSplit}'s, from these amounts.
 */
public final class FeeTaxes {
    private FeeTaxes() {}

    /**
     * @param taxesAmountCents the invoice's taxes: HALF_UP of the sum of the precise fee taxes (rounding each fee first
     *     could drift by a cent per fee, which Lago avoids)
     * @param precise per fee key, {@code (amount − coupons share) × rate / 100}
     * @param rounded per fee key, the precise tax HALF_UP, for the fee's own {@code taxes_amount_cents}
     */
    public record Result(long taxesAmountCents, Map<UUID, BigDecimal> precise, Map<UUID, Long> rounded) {}

    public static Result apply(List<FeeLine> fees, Map<UUID, BigDecimal> preciseCoupons) {
        Map<UUID, BigDecimal> precise = new LinkedHashMap<>();
        Map<UUID, Long> rounded = new LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (FeeLine fee : fees) {
            BigDecimal taxable = BigDecimal.valueOf(fee.amountCents()).subtract(preciseCoupons.get(fee.key()));
            // The sum of the fee's rates applied once equals Lago's sum of one amount per tax.
            BigDecimal tax = taxable.multiply(fee.taxRatePercent()).movePointLeft(2);
            precise.put(fee.key(), tax);
            rounded.put(fee.key(), Money.round(tax));
            sum = sum.add(tax);
        }
        return new Result(Money.round(sum), Collections.unmodifiableMap(precise), Collections.unmodifiableMap(rounded));
    }
}

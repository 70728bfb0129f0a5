package dev.fjord.invoicing.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.Tax;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.OneOffInvoiceRequest.OneOffFee;
import dev.fjord.invoicing.internal.amounts.TaxApportionment;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Ids;
import dev.fjord.shared.Limits;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The arithmetic of a one-off invoice (lago-api {@code Fees::OneOffService}, {@code Fees::ApplyTaxesService},
 * {@code Invoices::ApplyTaxesService}), exact in decimals and rounded HALF_UP where Lago rounds:
 * <ul>
 *   <li>fee amount = unit amount × units, rounded to a minor unit; the precise amount keeps the fraction;</li>
 *   <li>a fee's tax = amount × rate / 100 per tax; the fee shows the rounded sum and the exact sum of its precise
 *       amount × rate; its taxes, each rounded, add up to the rounded sum ({@link TaxApportionment});</li>
 *   <li>the invoice's tax for each tax = Σ over its fees of amount × rate / 100, rounded once; the invoice's taxes =
 *       the rounded sum of these unrounded amounts (20% of 100.00 + 19.99 is 23.998, rounded once to 24.00), which
 *       the invoice's taxes add up to;</li>
 *   <li>no coupons, credit notes or prepaid credits: total = fees + taxes (spec §4.1: one-off invoices never consume
 *       wallet credits).</li>
 * </ul>
 */
final class AddOnFees {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AddOnFees() {}

    /** One requested fee with its add-on and the taxes resolved for it. */
    record Line(OneOffFee request, AddOn addOn, List<Tax> taxes) {}

    /** The computed fees, their taxes, the invoice's taxes and amounts. */
    record Result(List<Fee> fees, AppliedTaxes appliedTaxes, Invoice.Amounts amounts, BigDecimal taxesRate) {}

    static Result compute(UUID invoiceId, String currency, List<Line> lines, Instant now) {
        List<Fee> fees = new ArrayList<>();
        Map<UUID, List<AppliedTaxes.OnFee>> feeTaxes = new LinkedHashMap<>();
        // by tax: the sum of amount × rate / 100 of its fees (unrounded) and the sum of those fees' amounts
        Map<UUID, Tax> invoiceTaxes = new LinkedHashMap<>();
        Map<UUID, BigDecimal> taxAmounts = new LinkedHashMap<>();
        Map<UUID, Long> taxedFees = new LinkedHashMap<>();
        Map<UUID, Integer> taxedFeeCounts = new LinkedHashMap<>();
        long feesAmountCents = 0;
        for (Line line : lines) {
            OneOffFee request = line.request();
            long unitAmountCents = request.unitAmountCents() != null ? request.unitAmountCents()
                    : line.addOn().amountCents();
            BigDecimal units = request.units() != null ? request.units() : BigDecimal.ONE;
            BigDecimal preciseAmount = units.multiply(BigDecimal.valueOf(unitAmountCents));
            if (preciseAmount.compareTo(BigDecimal.valueOf(Limits.MAX_AMOUNT_CENTS)) > 0) {
                throw BillingError.validation("fees", "value_is_out_of_range");
            }
            long amountCents = preciseAmount.setScale(0, RoundingMode.HALF_UP).longValueExact();
            UUID feeId = Ids.newId();
            List<BigDecimal> perTax = new ArrayList<>();
            List<BigDecimal> precisePerTax = new ArrayList<>();
            BigDecimal taxesAmount = BigDecimal.ZERO;
            BigDecimal taxesPrecise = BigDecimal.ZERO;
            BigDecimal taxesRate = BigDecimal.ZERO;
            for (Tax tax : line.taxes()) {
                BigDecimal taxAmount = percent(BigDecimal.valueOf(amountCents), tax.rate());
                BigDecimal taxPrecise = percent(preciseAmount, tax.rate());
                perTax.add(taxAmount);
                precisePerTax.add(taxPrecise);
                taxesAmount = taxesAmount.add(taxAmount);
                taxesPrecise = taxesPrecise.add(taxPrecise);
                taxesRate = taxesRate.add(tax.rate());
                invoiceTaxes.putIfAbsent(tax.id(), tax);
                taxAmounts.merge(tax.id(), taxAmount, BigDecimal::add);
                taxedFees.merge(tax.id(), amountCents, Long::sum);
                taxedFeeCounts.merge(tax.id(), 1, Integer::sum);
            }
            long[] rounded = TaxApportionment.apportion(perTax, round(taxesAmount));
            List<AppliedTaxes.OnFee> applied = new ArrayList<>();
            for (int i = 0; i < line.taxes().size(); i++) {
                Tax tax = line.taxes().get(i);
                applied.add(new AppliedTaxes.OnFee(Ids.newId(), feeId, tax.id(), tax.name(), tax.code(), tax.rate(),
                        tax.description(), rounded[i], precisePerTax.get(i), currency, now));
            }
            feeTaxes.put(feeId, applied);
            feesAmountCents += amountCents;
            fees.add(new Fee(feeId, invoiceId, "add_on", null, null, null, null, line.addOn().id(), null, null, null,
                    request.invoiceDisplayName(),
                    request.description() != null ? request.description() : line.addOn().description(),
                    amountCents, preciseAmount, currency, units, null, null, BigDecimal.valueOf(unitAmountCents),
                    BigDecimal.valueOf(unitAmountCents).movePointLeft(Money.exponent(currency)), BigDecimal.ZERO,
                    round(taxesAmount), taxesPrecise, taxesRate, false, true, null, Map.of(), Map.of(),
                    request.fromDatetime() != null ? request.fromDatetime() : now,
                    request.toDatetime() != null ? request.toDatetime() : now, "pending", null, null, null, now,
                    now));
        }
        if (feesAmountCents > Limits.MAX_AMOUNT_CENTS) {
            throw BillingError.validation("fees", "value_is_out_of_range");
        }

        BigDecimal taxesAmount = taxAmounts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        long taxesAmountCents = round(taxesAmount);
        // each tax rounded, the cent rounding loses or adds between them given back (they add up to the total)
        long[] rounded = TaxApportionment.apportion(List.copyOf(taxAmounts.values()), taxesAmountCents);
        List<AppliedTaxes.OnInvoice> applied = new ArrayList<>();
        BigDecimal taxesRate = BigDecimal.ZERO;
        int index = 0;
        for (Tax tax : invoiceTaxes.values()) {
            long taxed = taxedFees.get(tax.id());
            applied.add(new AppliedTaxes.OnInvoice(Ids.newId(), invoiceId, tax.id(), tax.name(), tax.code(),
                    tax.rate(), tax.description(), rounded[index++], taxed, currency, now));
            // Lago's invoice taxes_rate: each rate pro-rated by the share of the fees it applies to (by count of
            // fees when the invoice is zero)
            BigDecimal share = feesAmountCents > 0
                    ? BigDecimal.valueOf(taxed).divide(BigDecimal.valueOf(feesAmountCents), 10, RoundingMode.HALF_UP)
                    : BigDecimal.valueOf(taxedFeeCounts.get(tax.id()))
                            .divide(BigDecimal.valueOf(lines.size()), 10, RoundingMode.HALF_UP);
            taxesRate = taxesRate.add(share.multiply(tax.rate()));
        }
        long total = feesAmountCents + taxesAmountCents;
        Invoice.Amounts amounts = new Invoice.Amounts(feesAmountCents, 0, 0, feesAmountCents, taxesAmountCents, total,
                0, 0, null, null, total, 0);
        return new Result(fees, new AppliedTaxes(applied, feeTaxes), amounts,
                taxesRate.setScale(5, RoundingMode.HALF_UP));
    }

    /** {@code rate}% of an amount in minor units, exact. */
    private static BigDecimal percent(BigDecimal minorUnits, BigDecimal rate) {
        return minorUnits.multiply(rate).divide(HUNDRED);
    }

    private static long round(BigDecimal minorUnits) {
        return minorUnits.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}

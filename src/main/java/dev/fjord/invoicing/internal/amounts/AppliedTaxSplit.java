package dev.fjord.invoicing.internal.amounts;

import dev.fjord.catalog.Tax;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The taxes of subscription fees split per tax (Lago's {@code Fees::ApplyTaxesService} and
 * {@code Invoices::ApplyTaxesService}), from what {@link FeeTaxes} computed with the sum of each fee's rates:
 * <ul>
 *   <li>per fee and tax: precise = (amount − coupons share) × rate / 100; the fee's precise taxes are their sum
 *       exactly (checked), its rounded amounts add up to the fee's {@code taxes_amount_cents};</li>
 *   <li>per tax of the invoice: amount = Σ over its fees of the precise amounts, rounded once; base
 *       ({@code fees_amount_cents}) = Σ of its fees' amounts after coupons, rounded once; the amounts add up to the
 *       invoice's {@code taxes_amount_cents} exactly ({@link TaxApportionment}).</li>
 * </ul>
 * Nothing here changes an amount the calculator gave; it only says which tax each cent belongs to.
 */
public final class AppliedTaxSplit {
    private AppliedTaxSplit() {}

    /**
     * One fee as the calculator taxed it.
     *
     * @param taxable the fee's amount minus its precise coupons share
     * @param taxes the taxes resolved for the fee (their rates add up to the rate it was taxed at)
     * @param preciseTaxes the calculator's {@code taxes_precise_amount_cents} of the fee
     * @param taxesAmountCents the calculator's rounded {@code taxes_amount_cents} of the fee
     */
    public record TaxedFee(UUID feeId, BigDecimal taxable, List<Tax> taxes, BigDecimal preciseTaxes,
            long taxesAmountCents) {}

    /**
     * @param invoiceId the invoice, or null for a fee billed without one (then no invoice rows)
     * @param invoiceTaxesAmountCents the invoice's {@code taxes_amount_cents} (HALF_UP of the fees' precise taxes)
     */
    public static AppliedTaxes split(UUID invoiceId, String currency, List<TaxedFee> fees,
            long invoiceTaxesAmountCents, Instant now) {
        Map<UUID, List<AppliedTaxes.OnFee>> byFee = new LinkedHashMap<>();
        Map<UUID, Tax> invoiceTaxes = new LinkedHashMap<>();
        Map<UUID, BigDecimal> preciseByTax = new LinkedHashMap<>();
        Map<UUID, BigDecimal> baseByTax = new LinkedHashMap<>();
        BigDecimal invoicePrecise = BigDecimal.ZERO;
        for (TaxedFee fee : fees) {
            if (fee.taxes().isEmpty()) {
                requireSame(BigDecimal.ZERO, fee.preciseTaxes(), fee.feeId());
                continue;
            }
            List<BigDecimal> precise = new ArrayList<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (Tax tax : fee.taxes()) {
                BigDecimal amount = fee.taxable().multiply(tax.rate()).movePointLeft(2);
                precise.add(amount);
                sum = sum.add(amount);
                invoiceTaxes.putIfAbsent(tax.id(), tax);
                preciseByTax.merge(tax.id(), amount, BigDecimal::add);
                baseByTax.merge(tax.id(), fee.taxable(), BigDecimal::add);
            }
            requireSame(sum, fee.preciseTaxes(), fee.feeId());
            invoicePrecise = invoicePrecise.add(sum);
            long[] rounded = TaxApportionment.apportion(precise, fee.taxesAmountCents());
            List<AppliedTaxes.OnFee> applied = new ArrayList<>();
            for (int i = 0; i < fee.taxes().size(); i++) {
                Tax tax = fee.taxes().get(i);
                applied.add(new AppliedTaxes.OnFee(Ids.newId(), fee.feeId(), tax.id(), tax.name(), tax.code(),
                        tax.rate(), tax.description(), rounded[i], precise.get(i), currency, now));
            }
            byFee.put(fee.feeId(), applied);
        }
        List<AppliedTaxes.OnInvoice> onInvoice = new ArrayList<>();
        if (invoiceId != null && !invoiceTaxes.isEmpty()) {
            if (Money.round(invoicePrecise) != invoiceTaxesAmountCents) {
                throw new IllegalStateException("invoice " + invoiceId + " taxes " + invoiceTaxesAmountCents
                        + " are not the fees' " + invoicePrecise);
            }
            List<Tax> taxes = List.copyOf(invoiceTaxes.values());
            long[] amounts = TaxApportionment.apportion(taxes.stream().map(t -> preciseByTax.get(t.id())).toList(),
                    invoiceTaxesAmountCents);
            for (int i = 0; i < taxes.size(); i++) {
                Tax tax = taxes.get(i);
                onInvoice.add(new AppliedTaxes.OnInvoice(Ids.newId(), invoiceId, tax.id(), tax.name(), tax.code(),
                        tax.rate(), tax.description(), amounts[i], Money.round(baseByTax.get(tax.id())), currency,
                        now));
            }
        }
        return new AppliedTaxes(onInvoice, byFee);
    }

    /** The split must be the calculator's taxes to the last decimal, or a cent would change owner silently. */
    private static void requireSame(BigDecimal split, BigDecimal computed, UUID feeId) {
        if (split.compareTo(computed) != 0) {
            throw new IllegalStateException("fee " + feeId + " taxes " + computed + " split as " + split);
        }
    }
}

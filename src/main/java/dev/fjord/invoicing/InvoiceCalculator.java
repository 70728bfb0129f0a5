package dev.fjord.invoicing;

import dev.fjord.invoicing.internal.amounts.CouponAllocation;
import dev.fjord.invoicing.internal.amounts.CreditNoteAllocation;
import dev.fjord.invoicing.internal.amounts.FeeTaxes;
import dev.fjord.invoicing.internal.amounts.PayableBuckets;
import dev.fjord.invoicing.internal.amounts.WalletAllocation;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * An invoice's amounts from its fees, in Lago's order (spec §4.2): coupons before tax, taxes, then credit notes and
 * prepaid credits after tax. Pure arithmetic in minor units: the caller reads coupons and wallets, and writes what this returns.
 */
public final class InvoiceCalculator {
    private InvoiceCalculator() {}

    /**
     * @param currency the invoice currency; fixed coupons in another currency are skipped, wallets must already be
     *     the customer's active wallets in this currency
     * @param coupons the customer's active applied coupons, in any order (none for credit invoices)
     * @param creditNotes the customer's available credit notes in this currency, in any order
     * @param consumesCredits false for {@code credit} and {@code one_off} invoices and for drafts (grace period), which
     *     consume neither credit notes nor wallets
     */
    public static InvoiceComputation compute(String currency, List<FeeLine> fees, List<CouponLine> coupons,
            List<CreditNoteLine> creditNotes, List<WalletLine> wallets, boolean consumesCredits) {
        Objects.requireNonNull(currency, "currency");
        requireDistinct(fees, FeeLine::key, "fees");
        requireDistinct(coupons, CouponLine::appliedCouponId, "applied coupons");
        requireDistinct(creditNotes, CreditNoteLine::creditNoteId, "credit notes");
        requireDistinct(wallets, WalletLine::walletId, "wallets");
        long feesAmount = fees.stream().mapToLong(FeeLine::amountCents).sum();

        // 1. Progressive-billing credits come first, before tax; there are none yet.
        long progressiveBillingCredit = 0;
        // 2. Coupons, before tax, on what progressive billing left.
        CouponAllocation.Result couponed =
                CouponAllocation.apply(currency, fees, coupons, feesAmount - progressiveBillingCredit);
        long subTotalExcludingTaxes = feesAmount - progressiveBillingCredit - couponed.couponsAmountCents();
        // 3. Taxes on each fee's amount net of its coupon share, rounded once for the invoice.
        FeeTaxes.Result taxes = FeeTaxes.apply(fees, couponed.preciseCoupons());
        long subTotalIncludingTaxes = subTotalExcludingTaxes + taxes.taxesAmountCents();
        // 4. Credit notes, after tax, oldest first.
        CreditNoteAllocation.Result credited = CreditNoteAllocation.apply(consumesCredits ? creditNotes : List.of(),
                subTotalIncludingTaxes, fees, afterTax(fees, couponed, taxes));
        long totalBeforeWallets = subTotalIncludingTaxes - credited.creditNotesAmountCents();
        // 5. Prepaid credits last, only on what is still owed.
        Map<UUID, Long> walletDebits = Map.of();
        if (consumesCredits && totalBeforeWallets > 0) {
            List<PayableBuckets.Bucket> buckets = PayableBuckets.of(fees, couponed.preciseCoupons(), taxes.precise(),
                    credited.preciseCreditNotes(), totalBeforeWallets);
            walletDebits = WalletAllocation.allocate(buckets, wallets, totalBeforeWallets);
        }
        long prepaidCredit = walletDebits.values().stream().mapToLong(Long::longValue).sum();

        return new InvoiceComputation(feesAmount, couponed.couponsAmountCents(), subTotalExcludingTaxes,
                taxes.taxesAmountCents(), subTotalIncludingTaxes, credited.creditNotesAmountCents(), prepaidCredit,
                totalBeforeWallets - prepaidCredit, couponed.amounts(), credited.amounts(),
                feeResults(fees, couponed, taxes, credited), walletDebits);
    }

    /** Per fee, what it costs after its coupon share, with its precise taxes: the weight of its credit-note share. */
    private static Map<UUID, BigDecimal> afterTax(List<FeeLine> fees, CouponAllocation.Result coupons,
            FeeTaxes.Result taxes) {
        Map<UUID, BigDecimal> afterTax = new LinkedHashMap<>();
        for (FeeLine fee : fees) {
            afterTax.put(fee.key(), BigDecimal.valueOf(fee.amountCents()).subtract(coupons.preciseCoupons().get(fee.key()))
                    .add(taxes.precise().get(fee.key())));
        }
        return afterTax;
    }

    private static Map<UUID, FeeResult> feeResults(List<FeeLine> fees, CouponAllocation.Result coupons,
            FeeTaxes.Result taxes, CreditNoteAllocation.Result credited) {
        Map<UUID, FeeResult> results = new LinkedHashMap<>();
        for (FeeLine fee : fees) {
            results.put(fee.key(), new FeeResult(coupons.preciseCoupons().get(fee.key()),
                    taxes.precise().get(fee.key()), taxes.rounded().get(fee.key()),
                    credited.preciseCreditNotes().get(fee.key())));
        }
        return Collections.unmodifiableMap(results);
    }

    /** Results are keyed by these ids: a repeated one would silently merge two lines. */
    private static <T> void requireDistinct(List<T> lines, Function<T, UUID> id, String what) {
        var seen = new HashSet<UUID>();
        for (T line : lines) {
            if (!seen.add(id.apply(line))) {
                throw new IllegalArgumentException("two " + what + " share the id " + id.apply(line));
            }
        }
    }
}

package dev.fjord.creditnote.internal;

import dev.fjord.invoicing.Fee;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A credit note's amounts from its items (Lago's {@code CreditNotes::ApplyTaxesService}): each item takes its share of
 * the fee's coupons ({@code item / fee amount}), is taxed at the fee's rate on what is left, unrounded; the credit note
 * rounds once. Pure arithmetic in minor units.
 */
record CreditNoteAmounts(BigDecimal itemsAmountCents, BigDecimal preciseCouponsAdjustmentAmountCents,
        BigDecimal preciseTaxesAmountCents, long taxesAmountCents, long couponsAdjustmentAmountCents,
        long subTotalExcludingTaxesAmountCents, BigDecimal taxesRate) {

    /** What one item gives back of one fee. */
    record ItemOnFee(Fee fee, long amountCents) {}

    /**
     * @param taxesRoundingOfOthers when this credit note takes everything left of the invoice, what the earlier credit
     *     notes' rounding of their taxes added (Σ taxes − precise taxes), taken back here so that the credit notes'
     *     taxes add up to the invoice's (Lago's {@code adjust_credit_note_tax_rounding}); else zero
     */
    static CreditNoteAmounts of(List<ItemOnFee> items, BigDecimal taxesRoundingOfOthers) {
        BigDecimal itemsAmount = BigDecimal.ZERO;
        BigDecimal coupons = BigDecimal.ZERO;
        BigDecimal taxes = BigDecimal.ZERO;
        BigDecimal taxedBase = BigDecimal.ZERO;
        BigDecimal weightedRates = BigDecimal.ZERO;
        for (ItemOnFee item : items) {
            BigDecimal amount = BigDecimal.valueOf(item.amountCents());
            BigDecimal couponShare = item.fee().amountCents() == 0 ? BigDecimal.ZERO
                    : item.fee().preciseCouponsAmountCents().multiply(amount)
                            .divide(BigDecimal.valueOf(item.fee().amountCents()), 15, RoundingMode.HALF_UP);
            BigDecimal base = amount.subtract(couponShare);
            itemsAmount = itemsAmount.add(amount);
            coupons = coupons.add(couponShare);
            taxes = taxes.add(base.multiply(item.fee().taxesRate()).movePointLeft(2));
            taxedBase = taxedBase.add(base);
            weightedRates = weightedRates.add(base.multiply(item.fee().taxesRate()));
        }
        BigDecimal preciseTaxes = taxes.subtract(taxesRoundingOfOthers).max(BigDecimal.ZERO);
        BigDecimal rate = taxedBase.signum() == 0 ? BigDecimal.ZERO
                : weightedRates.divide(taxedBase, Money.PRECISE_SCALE, RoundingMode.HALF_UP);
        return new CreditNoteAmounts(itemsAmount, scaled(coupons), scaled(preciseTaxes), Money.round(preciseTaxes),
                Money.round(coupons), Money.round(itemsAmount.subtract(coupons)), rate);
    }

    /** What the items give back with their taxes, whole minor units: the most a credit note of them may total. */
    long totalAmountCents() {
        return Money.round(itemsAmountCents.subtract(preciseCouponsAdjustmentAmountCents).add(preciseTaxesAmountCents));
    }

    private static BigDecimal scaled(BigDecimal cents) {
        return cents.setScale(Money.PRECISE_SCALE, RoundingMode.HALF_UP);
    }
}

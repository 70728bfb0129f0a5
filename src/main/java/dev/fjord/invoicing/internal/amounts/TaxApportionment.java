package dev.fjord.invoicing.internal.amounts;

import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whole minor units for precise amounts that must add up to a total rounded once (the invoice's, or a fee's,
 * {@code taxes_amount_cents}). Lago rounds each applied tax on its own (lago-api {@code Invoices::ApplyTaxesService}:
 * {@code applied_tax.amount_cents = tax_amount_cents.round}, the invoice {@code applied_taxes_amount_cents.round}),
 * so with two taxes their amounts can miss the total by a cent. Fjord keeps the total and each tax HALF_UP, then
 * gives the missing cents to the taxes whose rounding dropped the largest fraction (or takes the extra cents from
 * those rounded up the most): the largest-remainder method. No amount moves by more than one cent from its HALF_UP
 * value, and none goes below zero.
 */
public final class TaxApportionment {
    private TaxApportionment() {}

    /**
     * @param precise the precise amounts, each ≥ 0
     * @param total the rounded total; it must be {@code HALF_UP(Σ precise)} (or within half a cent per amount of it)
     */
    public static long[] apportion(List<BigDecimal> precise, long total) {
        int n = precise.size();
        long[] amounts = new long[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            amounts[i] = Money.round(precise.get(i));
            sum += amounts[i];
        }
        long missing = total - sum;
        if (missing == 0) {
            return amounts;
        }
        // remainder = precise − rounded: positive when rounding dropped a fraction, negative when it added one
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Comparator<Integer> byRemainder = Comparator.comparing(i -> precise.get(i).subtract(BigDecimal.valueOf(amounts[i])));
        order.sort(missing > 0 ? byRemainder.reversed() : byRemainder);
        long step = missing > 0 ? 1 : -1;
        for (int k = 0; k < order.size() && missing != 0; k++) {
            int i = order.get(k);
            if (step < 0 && amounts[i] == 0) {
                continue;
            }
            amounts[i] += step;
            missing -= step;
        }
        if (missing != 0) {
            throw new IllegalStateException("taxes of " + precise + " cannot add up to " + total);
        }
        return amounts;
    }
}

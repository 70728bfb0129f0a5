package dev.fjord.invoicing;

import java.math.BigDecimal;

/**
 * What {@link InvoiceCalculator} works out for one fee, ready for Lago's fee fields.
 *
 * @param preciseCouponsAmountCents the fee's share of the invoice's coupons, 5 decimals
 *     ({@code precise_coupons_amount_cents}); the fee's {@code sub_total_excluding_taxes} is amount minus this
 * @param taxesPreciseAmountCents {@code (amount − coupons share) × rate / 100}, unrounded
 *     ({@code taxes_precise_amount_cents}); the invoice's taxes are the rounded sum of these
 * @param taxesAmountCents the same, HALF_UP to a whole minor unit, for display ({@code taxes_amount_cents}); these do
 *     not necessarily add up to the invoice's taxes, as in Lago
 * @param preciseCreditNotesAmountCents the fee's share of the credit notes the invoice consumed, 5 decimals
 *     ({@code precise_credit_notes_amount_cents})
 */
public record FeeResult(BigDecimal preciseCouponsAmountCents, BigDecimal taxesPreciseAmountCents,
        long taxesAmountCents, BigDecimal preciseCreditNotesAmountCents) {}

package dev.fjord.invoicing;

import java.util.Map;
import java.util.UUID;

/**
 * An invoice's amounts, computed by {@link InvoiceCalculator}, in minor units of the invoice currency.
 * Progressive-billing credits do not exist yet: 0 (see {@link #toAmounts()}).
 *
 * @param couponAmounts per applied coupon, in application order, what this invoice uses of it; a coupon is present
 *     when Lago would record a coupon credit on the invoice, possibly of 0 (a coupon whose targeted fees are all 0),
 *     and absent when skipped (other currency, no targeted fee, nothing left to discount, invoice of 0)
 * @param creditNoteAmounts per credit note, oldest first, what this invoice takes of its balance (each above 0)
 * @param fees per {@link FeeLine#key()}
 * @param walletDebits per wallet, in application order, what to take from it; only wallets with more than 0
 */
public record InvoiceComputation(long feesAmountCents, long couponsAmountCents, long subTotalExcludingTaxesAmountCents,
        long taxesAmountCents, long subTotalIncludingTaxesAmountCents, long creditNotesAmountCents,
        long prepaidCreditAmountCents, long totalAmountCents, Map<UUID, Long> couponAmounts,
        Map<UUID, Long> creditNoteAmounts, Map<UUID, FeeResult> fees, Map<UUID, Long> walletDebits) {

    /**
     * These amounts as the invoice stores them. Nothing is paid yet; the split of prepaid credits into granted and
     * purchased (null here) comes from the wallet ledger once the debits are written.
     */
    public Invoice.Amounts toAmounts() {
        long progressiveBillingCredit = 0;
        return new Invoice.Amounts(feesAmountCents, couponsAmountCents, progressiveBillingCredit,
                subTotalExcludingTaxesAmountCents, taxesAmountCents, subTotalIncludingTaxesAmountCents,
                creditNotesAmountCents,
                prepaidCreditAmountCents, null, null, totalAmountCents, 0);
    }
}

package dev.fjord.coupon.internal;

/**
 * One use of an applied coupon on an invoice, as Lago's applied coupon list shows it ({@code V1::CreditSerializer}):
 * the same object as the invoice's {@code credits[]} coupon items.
 */
record AppliedCouponCreditJson(String lagoId, long amountCents, String amountCurrency, boolean beforeTaxes, Item item,
        InvoiceRef invoice) {

    record Item(String lagoItemId, String type, String code, String name, String description) {}

    record InvoiceRef(String lagoId, String paymentStatus) {}
}

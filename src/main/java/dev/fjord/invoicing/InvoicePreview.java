package dev.fjord.invoicing;

import dev.fjord.coupon.CouponCredit;
import java.util.List;

/** A computed invoice nothing was written for, with what each coupon would take off. */
public record InvoicePreview(Invoice invoice, List<CouponCredit> couponCredits) {}

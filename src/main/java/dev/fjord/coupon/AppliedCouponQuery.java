package dev.fjord.coupon;

import java.util.List;

/** Filters of the applied coupon list; null or empty means "no filter". */
public record AppliedCouponQuery(String externalCustomerId, String status, List<String> couponCodes) {}

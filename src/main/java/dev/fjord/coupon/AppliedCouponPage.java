package dev.fjord.coupon;

import java.util.List;

public record AppliedCouponPage(List<AppliedCoupon> appliedCoupons, long totalCount) {}

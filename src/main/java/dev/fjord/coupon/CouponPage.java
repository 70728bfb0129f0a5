package dev.fjord.coupon;

import java.util.List;

public record CouponPage(List<Coupon> coupons, long totalCount) {}

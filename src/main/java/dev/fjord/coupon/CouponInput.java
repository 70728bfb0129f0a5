package dev.fjord.coupon;

import dev.fjord.shared.Changes;
import java.util.List;

/**
 * The sent columns of a coupon and its {@code applies_to} limits (null when not sent). Plans and billable metrics
 * do not exist yet, so a non-empty list can only name unknown ones.
 */
public record CouponInput(Changes changes, List<String> planCodes, List<String> billableMetricCodes) {}

package dev.fjord.coupon;

import dev.fjord.shared.Changes;
import java.util.List;

/**
 * The sent columns of a coupon and its {@code applies_to} limits: the plan codes and billable metric codes, each
 * without repeats, null when not sent.
 */
public record CouponInput(Changes changes, List<String> planCodes, List<String> billableMetricCodes) {}

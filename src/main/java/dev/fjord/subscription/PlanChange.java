package dev.fjord.subscription;

import java.time.Instant;

/**
 * The plans around a subscription: the one it replaced, and the one replacing it (a downgrade waiting for the end of
 * the period when {@code downgradeAt} is set). Lago's {@code previous_plan_code}, {@code next_plan_code} and
 * {@code downgrade_plan_date}.
 */
public record PlanChange(String previousPlanCode, String nextPlanCode, Instant downgradeAt) {
    public static final PlanChange NONE = new PlanChange(null, null, null);
}

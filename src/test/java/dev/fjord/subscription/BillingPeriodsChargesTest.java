package dev.fjord.subscription;

import static dev.fjord.catalog.PlanInterval.MONTHLY;
import static dev.fjord.catalog.PlanInterval.QUARTERLY;
import static dev.fjord.catalog.PlanInterval.SEMIANNUAL;
import static dev.fjord.catalog.PlanInterval.YEARLY;
import static dev.fjord.subscription.BillingTime.ANNIVERSARY;
import static dev.fjord.subscription.BillingTime.CALENDAR;
import static dev.fjord.subscription.PeriodFixtures.UTC;
import static dev.fjord.subscription.PeriodFixtures.date;
import static dev.fjord.subscription.PeriodFixtures.noon;
import static dev.fjord.subscription.PeriodFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.catalog.PlanInterval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Charge (usage) periods: monthly inside yearly and semiannual plans that bill charges monthly. */
class BillingPeriodsChargesTest {

    @Test
    void aCalendarYearlyPlanBilledMonthlyAggregatesChargesPerMonth() {
        // Subscribed Mar 15 2024: the plan's first period is Mar 15..Dec 31, its charges Mar 15..31, then months.
        assertThat(charges(YEARLY, true, CALENDAR, "2024-03-15", noon("2024-03-20")))
                .isEqualTo(utc("2024-03-15", "2024-03-31"));
        assertThat(charges(YEARLY, true, CALENDAR, "2024-03-15", noon("2024-06-10")))
                .isEqualTo(utc("2024-06-01", "2024-06-30"));
        assertThat(BillingPeriods.containing(YEARLY, CALENDAR, date("2024-03-15"), UTC, noon("2024-06-10")))
                .isEqualTo(utc("2024-03-15", "2024-12-31"));
    }

    @Test
    void anAnniversaryYearlyPlanBilledMonthlyFollowsTheMonthlyAnniversary() {
        // Anchor Jan 31 2024: the year runs to Jan 30 2025; charge months clamp to Feb 29 and return to the 31st.
        assertThat(charges(YEARLY, true, ANNIVERSARY, "2024-01-31", noon("2024-02-29")))
                .isEqualTo(utc("2024-02-29", "2024-03-30"));
        assertThat(charges(YEARLY, true, ANNIVERSARY, "2024-01-31", noon("2025-02-10")))
                .isEqualTo(utc("2025-01-31", "2025-02-27"));
        assertThat(BillingPeriods.containing(YEARLY, ANNIVERSARY, date("2024-01-31"), UTC, noon("2024-02-29")))
                .isEqualTo(utc("2024-01-31", "2025-01-30"));
    }

    @Test
    void aSemiannualPlanBilledMonthlyAggregatesChargesPerMonth() {
        assertThat(charges(SEMIANNUAL, true, ANNIVERSARY, "2024-03-15", noon("2024-05-20")))
                .isEqualTo(utc("2024-05-15", "2024-06-14"));
    }

    @Test
    void withoutMonthlyChargesChargesFollowThePlanPeriod() {
        assertThat(charges(YEARLY, false, CALENDAR, "2024-03-15", noon("2024-06-10")))
                .isEqualTo(utc("2024-03-15", "2024-12-31"));
    }

    @Test
    void onlyYearlyAndSemiannualPlansBillChargesMonthly() {
        // Lago reads bill_charges_monthly in YearlyService and SemiannualService only.
        assertThat(charges(QUARTERLY, true, CALENDAR, "2024-01-01", noon("2024-02-10")))
                .isEqualTo(utc("2024-01-01", "2024-03-31"));
        assertThat(charges(MONTHLY, true, CALENDAR, "2024-01-01", noon("2024-02-10")))
                .isEqualTo(utc("2024-02-01", "2024-02-29"));
    }

    private static BillingPeriod charges(
            PlanInterval interval, boolean monthly, BillingTime time, String anchor, Instant at) {
        return BillingPeriods.chargePeriodContaining(interval, monthly, time, date(anchor), UTC, at);
    }
}

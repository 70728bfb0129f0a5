package dev.fjord.subscription;

import static dev.fjord.catalog.PlanInterval.MONTHLY;
import static dev.fjord.catalog.PlanInterval.QUARTERLY;
import static dev.fjord.catalog.PlanInterval.SEMIANNUAL;
import static dev.fjord.catalog.PlanInterval.WEEKLY;
import static dev.fjord.catalog.PlanInterval.YEARLY;
import static dev.fjord.subscription.BillingTime.ANNIVERSARY;
import static dev.fjord.subscription.PeriodFixtures.containing;
import static dev.fjord.subscription.PeriodFixtures.instant;
import static dev.fjord.subscription.PeriodFixtures.noon;
import static dev.fjord.subscription.PeriodFixtures.utc;
import static dev.fjord.subscription.PeriodFixtures.walk;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Anniversary billing. Expected dates marked "Lago" repeat cases of lago-api's
 * {@code spec/services/subscriptions/dates/*_service_spec.rb}.
 */
class BillingPeriodsAnniversaryTest {

    @Test
    void weeksStartOnTheSubscriptionsDayOfWeek() {
        // 2024-05-15 is a Wednesday: Wednesday to Tuesday.
        assertThat(walk(WEEKLY, ANNIVERSARY, "2024-05-15", 3)).containsExactly(
                utc("2024-05-15", "2024-05-21"),
                utc("2024-05-22", "2024-05-28"),
                utc("2024-05-29", "2024-06-04"));
        assertThat(containing(WEEKLY, ANNIVERSARY, "2024-05-15", instant("2024-05-22T00:00:00Z")))
                .isEqualTo(utc("2024-05-22", "2024-05-28"));
    }

    @Test
    void monthsStartOnTheSubscriptionsDayOfMonth() {
        assertThat(walk(MONTHLY, ANNIVERSARY, "2023-12-20", 3)).containsExactly(
                utc("2023-12-20", "2024-01-19"),
                utc("2024-01-20", "2024-02-19"),
                utc("2024-02-20", "2024-03-19"));
        assertThat(containing(MONTHLY, ANNIVERSARY, "2023-12-20", instant("2024-02-19T23:59:59Z")))
                .isEqualTo(utc("2024-01-20", "2024-02-19"));
        assertThat(containing(MONTHLY, ANNIVERSARY, "2024-03-01", noon("2024-04-15")))
                .as("Lago: an anniversary on the 1st ends periods at the end of the month")
                .isEqualTo(utc("2024-04-01", "2024-04-30"));
    }

    @Test
    void aThirtyFirstFallsBackToTheMonthsLastDayThenReturns() {
        // Lago: subscribed 2022-01-31, the period billed on Feb 28 ends on Feb 27.
        assertThat(walk(MONTHLY, ANNIVERSARY, "2022-01-31", 5)).containsExactly(
                utc("2022-01-31", "2022-02-27"),
                utc("2022-02-28", "2022-03-30"),
                utc("2022-03-31", "2022-04-29"),
                utc("2022-04-30", "2022-05-30"),
                utc("2022-05-31", "2022-06-29"));
    }

    @Test
    void aThirtyFirstInALeapYearStopsOnFebruaryTwentyNinth() {
        assertThat(walk(MONTHLY, ANNIVERSARY, "2024-01-31", 3)).containsExactly(
                utc("2024-01-31", "2024-02-28"),
                utc("2024-02-29", "2024-03-30"),
                utc("2024-03-31", "2024-04-29"));
    }

    @Test
    void theThirtiethAndTwentyNinthClampInFebruaryToo() {
        // Lago: subscribed 2022-01-30, the period billed on Feb 28 ends on Feb 27 as well.
        assertThat(walk(MONTHLY, ANNIVERSARY, "2022-01-30", 3)).containsExactly(
                utc("2022-01-30", "2022-02-27"),
                utc("2022-02-28", "2022-03-29"),
                utc("2022-03-30", "2022-04-29"));
        assertThat(walk(MONTHLY, ANNIVERSARY, "2023-01-29", 3)).containsExactly(
                utc("2023-01-29", "2023-02-27"),
                utc("2023-02-28", "2023-03-28"),
                utc("2023-03-29", "2023-04-28"));
        assertThat(walk(MONTHLY, ANNIVERSARY, "2024-01-29", 3)).containsExactly(
                utc("2024-01-29", "2024-02-28"),
                utc("2024-02-29", "2024-03-28"),
                utc("2024-03-29", "2024-04-28"));
    }

    @Test
    void monthEndAnchorsFoundInLagosSpecs() {
        // Lago: subscribed 2019-04-30, billed on 2020-03-30 in arrears → the period from Feb 29 2020.
        assertThat(containing(MONTHLY, ANNIVERSARY, "2019-04-30", noon("2020-03-15")))
                .isEqualTo(utc("2020-02-29", "2020-03-29"));
        // Lago: subscribed 2021-03-31, billed on Apr 30 in arrears → the period from Mar 31; Apr 30 opens the next.
        assertThat(containing(MONTHLY, ANNIVERSARY, "2021-03-31", noon("2021-04-29")))
                .isEqualTo(utc("2021-03-31", "2021-04-29"));
        assertThat(containing(MONTHLY, ANNIVERSARY, "2021-03-31", noon("2021-04-30")))
                .isEqualTo(utc("2021-04-30", "2021-05-30"));
    }

    @Test
    void aTwentyEighthOfFebruaryKeepsDayTwentyEight() {
        // Lago keeps the day number, not "the last day of the month": Feb 28 → Mar 28, not Mar 31.
        assertThat(walk(MONTHLY, ANNIVERSARY, "2022-02-28", 2)).containsExactly(
                utc("2022-02-28", "2022-03-27"),
                utc("2022-03-28", "2022-04-27"));
    }

    @Test
    void quartersFromTheThirtiethOfNovember() {
        // Lago: subscribed 2021-11-30, the period billed on 2022-03-01 ends on Feb 27.
        assertThat(walk(QUARTERLY, ANNIVERSARY, "2021-11-30", 4)).containsExactly(
                utc("2021-11-30", "2022-02-27"),
                utc("2022-02-28", "2022-05-29"),
                utc("2022-05-30", "2022-08-29"),
                utc("2022-08-30", "2022-11-29"));
    }

    @Test
    void quartersFromTheTwentyEighthOfFebruary() {
        // Lago: subscribed 2021-02-28, billed on 2022-05-31 in arrears → the period from Feb 28 2022.
        assertThat(containing(QUARTERLY, ANNIVERSARY, "2021-02-28", noon("2022-05-27")))
                .isEqualTo(utc("2022-02-28", "2022-05-27"));
        assertThat(containing(QUARTERLY, ANNIVERSARY, "2021-02-28", noon("2022-05-31")))
                .isEqualTo(utc("2022-05-28", "2022-08-27"));
    }

    @Test
    void halfYearsFromTheThirtyFirstOfAugust() {
        // Aug 31 + 6 months is Feb 29 in 2024 and Feb 28 in 2025; August always restores the 31st.
        assertThat(walk(SEMIANNUAL, ANNIVERSARY, "2023-08-31", 4)).containsExactly(
                utc("2023-08-31", "2024-02-28"),
                utc("2024-02-29", "2024-08-30"),
                utc("2024-08-31", "2025-02-27"),
                utc("2025-02-28", "2025-08-30"));
        assertThat(containing(SEMIANNUAL, ANNIVERSARY, "2023-08-31", instant("2024-08-31T00:00:00Z")))
                .isEqualTo(utc("2024-08-31", "2025-02-27"));
    }

    @Test
    void yearsFromALeapDay() {
        // Lago: subscribed 2020-02-29 → Feb 28 in common years, and Feb 29 2024..Feb 27 2025 (365 days).
        assertThat(walk(YEARLY, ANNIVERSARY, "2020-02-29", 5)).containsExactly(
                utc("2020-02-29", "2021-02-27"),
                utc("2021-02-28", "2022-02-27"),
                utc("2022-02-28", "2023-02-27"),
                utc("2023-02-28", "2024-02-28"),
                utc("2024-02-29", "2025-02-27"));
        assertThat(containing(YEARLY, ANNIVERSARY, "2020-02-29", noon("2025-02-27")).days()).isEqualTo(365);
    }

    @Test
    void yearsThatHoldALeapDayAreLonger() {
        assertThat(containing(YEARLY, ANNIVERSARY, "2021-03-01", noon("2021-12-01")))
                .isEqualTo(utc("2021-03-01", "2022-02-28"));
        assertThat(containing(YEARLY, ANNIVERSARY, "2021-03-01", noon("2024-02-29")))
                .isEqualTo(utc("2023-03-01", "2024-02-29"));
        assertThat(containing(YEARLY, ANNIVERSARY, "2021-03-01", noon("2024-02-29")).days()).isEqualTo(366);
    }

    @Test
    void yearlyBoundaryInstant() {
        assertThat(containing(YEARLY, ANNIVERSARY, "2024-07-04", instant("2026-07-03T23:59:59Z")))
                .isEqualTo(utc("2025-07-04", "2026-07-03"));
        assertThat(containing(YEARLY, ANNIVERSARY, "2024-07-04", instant("2026-07-04T00:00:00Z")))
                .isEqualTo(utc("2026-07-04", "2027-07-03"));
    }
}

package dev.fjord.subscription;

import static dev.fjord.catalog.PlanInterval.MONTHLY;
import static dev.fjord.catalog.PlanInterval.QUARTERLY;
import static dev.fjord.catalog.PlanInterval.SEMIANNUAL;
import static dev.fjord.catalog.PlanInterval.WEEKLY;
import static dev.fjord.catalog.PlanInterval.YEARLY;
import static dev.fjord.subscription.BillingTime.CALENDAR;
import static dev.fjord.subscription.PeriodFixtures.UTC;
import static dev.fjord.subscription.PeriodFixtures.containing;
import static dev.fjord.subscription.PeriodFixtures.instant;
import static dev.fjord.subscription.PeriodFixtures.noon;
import static dev.fjord.subscription.PeriodFixtures.utc;
import static dev.fjord.subscription.PeriodFixtures.walk;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Calendar billing: periods on calendar boundaries, the first one cut at the subscription day. */
class BillingPeriodsCalendarTest {

    @Test
    void monthlyFirstPeriodRunsFromTheSubscriptionDayToTheEndOfTheMonth() {
        // Subscribed on Mar 15: Mar 15..31 is the prorated first period (17 days), then whole months.
        assertThat(walk(MONTHLY, CALENDAR, "2024-03-15", 3)).containsExactly(
                utc("2024-03-15", "2024-03-31"),
                utc("2024-04-01", "2024-04-30"),
                utc("2024-05-01", "2024-05-31"));
        assertThat(containing(MONTHLY, CALENDAR, "2024-03-15", noon("2024-03-20")).days()).isEqualTo(17);
    }

    @Test
    void monthlyMidPeriodAndLeapFebruary() {
        assertThat(containing(MONTHLY, CALENDAR, "2023-12-05", noon("2024-02-10")))
                .isEqualTo(utc("2024-02-01", "2024-02-29"));
        assertThat(containing(MONTHLY, CALENDAR, "2023-12-05", noon("2023-02-10")))
                .as("before the subscription: its first period")
                .isEqualTo(utc("2023-12-05", "2023-12-31"));
    }

    @Test
    void theBoundaryInstantBelongsToTheNewPeriod() {
        assertThat(containing(MONTHLY, CALENDAR, "2024-03-15", instant("2024-04-01T00:00:00Z")))
                .isEqualTo(utc("2024-04-01", "2024-04-30"));
        assertThat(containing(MONTHLY, CALENDAR, "2024-03-15", instant("2024-03-31T23:59:59.999999999Z")))
                .isEqualTo(utc("2024-03-15", "2024-03-31"));
    }

    @Test
    void subscribingOnTheFirstGivesAWholeFirstMonth() {
        assertThat(containing(MONTHLY, CALENDAR, "2024-03-01", noon("2024-03-01")))
                .isEqualTo(utc("2024-03-01", "2024-03-31"));
    }

    @Test
    void weeksStartOnMonday() {
        // 2024-05-15 is a Wednesday: Wed..Sun first, then Monday to Sunday.
        assertThat(walk(WEEKLY, CALENDAR, "2024-05-15", 3)).containsExactly(
                utc("2024-05-15", "2024-05-19"),
                utc("2024-05-20", "2024-05-26"),
                utc("2024-05-27", "2024-06-02"));
        assertThat(containing(WEEKLY, CALENDAR, "2024-05-15", noon("2024-12-31")))
                .as("a week across the new year")
                .isEqualTo(utc("2024-12-30", "2025-01-05"));
    }

    @Test
    void subscribingOnASundayGivesAOneDayFirstWeek() {
        assertThat(walk(WEEKLY, CALENDAR, "2024-05-19", 2)).containsExactly(
                utc("2024-05-19", "2024-05-19"),
                utc("2024-05-20", "2024-05-26"));
    }

    @Test
    void quartersStartInJanuaryAprilJulyAndOctober() {
        assertThat(walk(QUARTERLY, CALENDAR, "2024-02-10", 5)).containsExactly(
                utc("2024-02-10", "2024-03-31"),
                utc("2024-04-01", "2024-06-30"),
                utc("2024-07-01", "2024-09-30"),
                utc("2024-10-01", "2024-12-31"),
                utc("2025-01-01", "2025-03-31"));
        assertThat(containing(QUARTERLY, CALENDAR, "2024-02-10", instant("2024-10-01T00:00:00Z")))
                .isEqualTo(utc("2024-10-01", "2024-12-31"));
    }

    @Test
    void halfYearsStartInJanuaryAndJuly() {
        assertThat(walk(SEMIANNUAL, CALENDAR, "2024-05-20", 3)).containsExactly(
                utc("2024-05-20", "2024-06-30"),
                utc("2024-07-01", "2024-12-31"),
                utc("2025-01-01", "2025-06-30"));
        assertThat(containing(SEMIANNUAL, CALENDAR, "2024-05-20", instant("2024-06-30T23:59:59Z")))
                .isEqualTo(utc("2024-05-20", "2024-06-30"));
    }

    @Test
    void yearsStartOnJanuaryFirst() {
        assertThat(walk(YEARLY, CALENDAR, "2024-11-15", 5)).containsExactly(
                utc("2024-11-15", "2024-12-31"),
                utc("2025-01-01", "2025-12-31"),
                utc("2026-01-01", "2026-12-31"),
                utc("2027-01-01", "2027-12-31"),
                utc("2028-01-01", "2028-12-31"));
        assertThat(containing(YEARLY, CALENDAR, "2024-11-15", noon("2028-02-29")).days()).isEqualTo(366);
    }

    @Test
    void anAnchorBeforeTheCalendarPeriodGivesTheWholeUnproratedPeriod() {
        // Proration divides by the whole calendar period (Lago: days_in_month, days_in_year), which callers
        // read from the same calendar with an anchor at or before its start.
        BillingPeriod whole = BillingPeriods.containing(MONTHLY, CALENDAR, LocalDate.EPOCH, UTC, noon("2024-03-20"));
        assertThat(whole).isEqualTo(utc("2024-03-01", "2024-03-31"));
        assertThat(whole.days()).isEqualTo(31);
    }
}

package dev.fjord.subscription;

import static dev.fjord.catalog.PlanInterval.MONTHLY;
import static dev.fjord.catalog.PlanInterval.QUARTERLY;
import static dev.fjord.subscription.BillingTime.ANNIVERSARY;
import static dev.fjord.subscription.BillingTime.CALENDAR;
import static dev.fjord.subscription.PeriodFixtures.UTC;
import static dev.fjord.subscription.PeriodFixtures.date;
import static dev.fjord.subscription.PeriodFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code next} and {@code previous}: nothing exists before the subscription's first period. */
class BillingPeriodsNavigationTest {

    @Test
    void theFirstPeriodHasNoPrevious() {
        BillingPeriod first = utc("2024-03-15", "2024-03-31");
        assertThat(BillingPeriods.previous(MONTHLY, CALENDAR, date("2024-03-15"), UTC, first)).isEmpty();
    }

    @Test
    void previousWalksBackToTheProratedFirstPeriod() {
        BillingPeriod second = utc("2024-04-01", "2024-06-30");
        assertThat(BillingPeriods.previous(QUARTERLY, CALENDAR, date("2024-03-15"), UTC, second))
                .contains(utc("2024-03-15", "2024-03-31"));
    }

    @Test
    void previousAndNextAcrossAShortMonth() {
        BillingPeriod february = utc("2022-02-28", "2022-03-30");
        assertThat(BillingPeriods.previous(MONTHLY, ANNIVERSARY, date("2022-01-31"), UTC, february))
                .contains(utc("2022-01-31", "2022-02-27"));
        assertThat(BillingPeriods.next(MONTHLY, ANNIVERSARY, date("2022-01-31"), UTC, february))
                .isEqualTo(utc("2022-03-31", "2022-04-29"));
    }
}

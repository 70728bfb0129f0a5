package dev.fjord.subscription;

import static dev.fjord.catalog.PlanInterval.MONTHLY;
import static dev.fjord.catalog.PlanInterval.WEEKLY;
import static dev.fjord.subscription.BillingTime.ANNIVERSARY;
import static dev.fjord.subscription.BillingTime.CALENDAR;
import static dev.fjord.subscription.PeriodFixtures.date;
import static dev.fjord.subscription.PeriodFixtures.instant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Boundaries are local midnights in the customer's zone, converted with that zone's rules. */
class BillingPeriodsTimezoneTest {

    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void anInstantThatIsStillTheDayBeforeInLosAngeles() {
        // 2024-03-01T05:00Z is Feb 29, 21:00 in Los Angeles (UTC-8): still February there.
        BillingPeriod february = BillingPeriods.containing(
                MONTHLY, CALENDAR, date("2024-01-01"), LOS_ANGELES, instant("2024-03-01T05:00:00Z"));
        assertThat(february.startDate()).isEqualTo(date("2024-02-01"));
        assertThat(february.endDate()).isEqualTo(date("2024-02-29"));
        assertThat(february.start()).isEqualTo(instant("2024-02-01T08:00:00Z"));
        assertThat(february.endExclusive()).isEqualTo(instant("2024-03-01T08:00:00Z"));

        BillingPeriod march = BillingPeriods.containing(
                MONTHLY, CALENDAR, date("2024-01-01"), LOS_ANGELES, instant("2024-03-01T08:00:00Z"));
        assertThat(march.startDate()).isEqualTo(date("2024-03-01"));
    }

    @Test
    void anInstantThatIsAlreadyTheNextDayInTokyo() {
        // 2024-02-29T15:00Z is Mar 1, 00:00 in Tokyo (UTC+9): the first instant of March there.
        BillingPeriod march = BillingPeriods.containing(
                MONTHLY, CALENDAR, date("2024-01-01"), TOKYO, instant("2024-02-29T15:00:00Z"));
        assertThat(march.startDate()).isEqualTo(date("2024-03-01"));
        assertThat(march.start()).isEqualTo(instant("2024-02-29T15:00:00Z"));
    }

    @Test
    void newYorkMonthEndMatchesLago() {
        // Lago's calendar monthly spec: to_datetime 2022-04-01 03:59:59 UTC in New York; ours is the next second.
        BillingPeriod march = BillingPeriods.containing(
                MONTHLY, CALENDAR, date("2022-01-01"), NEW_YORK, instant("2022-03-15T12:00:00Z"));
        assertThat(march.endExclusive()).isEqualTo(instant("2022-04-01T04:00:00Z"));
    }

    @Test
    void parisMarchHasAnHourLessAndKeepsItsThirtyOneDays() {
        // Clocks go from 02:00 to 03:00 on 2024-03-31: midnight is UTC+1 on Mar 1 but UTC+2 on Apr 1.
        BillingPeriod march = BillingPeriods.containing(
                MONTHLY, CALENDAR, date("2024-01-01"), PARIS, instant("2024-03-31T12:00:00Z"));
        assertThat(march.start()).isEqualTo(instant("2024-02-29T23:00:00Z"));
        assertThat(march.endExclusive()).isEqualTo(instant("2024-03-31T22:00:00Z"));
        assertThat(march.days()).isEqualTo(31);
        assertThat(Duration.between(march.start(), march.endExclusive())).isEqualTo(Duration.ofHours(31 * 24 - 1));
    }

    @Test
    void parisDstDaysAreTwentyThreeAndTwentyFiveHoursLong() {
        BillingPeriod springForward = BillingPeriod.of(date("2024-03-31"), date("2024-03-31"), PARIS);
        BillingPeriod fallBack = BillingPeriod.of(date("2024-10-27"), date("2024-10-27"), PARIS);
        assertThat(Duration.between(springForward.start(), springForward.endExclusive())).hasHours(23);
        assertThat(Duration.between(fallBack.start(), fallBack.endExclusive())).hasHours(25);
    }

    @Test
    void parisWeekThatEndsOnTheFallBackSunday() {
        // Monday Oct 21 to Sunday Oct 27 2024: 7 days, 169 hours; the next week starts at midnight UTC+1.
        BillingPeriod week = BillingPeriods.containing(
                WEEKLY, CALENDAR, date("2024-01-01"), PARIS, instant("2024-10-27T01:30:00Z"));
        assertThat(week.startDate()).isEqualTo(date("2024-10-21"));
        assertThat(week.endDate()).isEqualTo(date("2024-10-27"));
        assertThat(week.start()).isEqualTo(instant("2024-10-20T22:00:00Z"));
        assertThat(week.endExclusive()).isEqualTo(instant("2024-10-27T23:00:00Z"));
        assertThat(Duration.between(week.start(), week.endExclusive())).hasHours(169);
        BillingPeriod next = BillingPeriods.next(WEEKLY, CALENDAR, date("2024-01-01"), PARIS, week);
        assertThat(next.start()).isEqualTo(week.endExclusive());
    }

    @Test
    void aMidnightThatDoesNotExistStartsThePeriodAtTheFirstInstantOfTheDay() {
        // Havana skips 00:00-01:00 on 2024-03-10: the period opening that day starts at 01:00 local (05:00Z),
        // and the one before ends there, so 23:59:59 on Mar 9 (04:59:59Z) is still in it.
        ZoneId havana = ZoneId.of("America/Havana");
        BillingPeriod opening = BillingPeriods.containing(
                MONTHLY, ANNIVERSARY, date("2024-01-10"), havana, instant("2024-03-10T05:00:00Z"));
        assertThat(opening.startDate()).isEqualTo(date("2024-03-10"));
        assertThat(opening.start()).isEqualTo(instant("2024-03-10T05:00:00Z"));
        BillingPeriod before = BillingPeriods.containing(
                MONTHLY, ANNIVERSARY, date("2024-01-10"), havana, instant("2024-03-10T04:59:59Z"));
        assertThat(before.endDate()).isEqualTo(date("2024-03-09"));
        assertThat(before.endExclusive()).isEqualTo(opening.start());
    }

    @Test
    void aDayTheZoneSkippedLeavesTheWeekShorterButContiguous() {
        // Samoa jumped from Dec 29 to Dec 31 2011 (UTC-10 → UTC+14): its calendar week has 7 dates and 144 hours.
        ZoneId apia = ZoneId.of("Pacific/Apia");
        BillingPeriod week = BillingPeriods.containing(
                WEEKLY, CALENDAR, date("2011-01-01"), apia, instant("2011-12-29T12:00:00Z"));
        assertThat(week.startDate()).isEqualTo(date("2011-12-26"));
        assertThat(week.endDate()).isEqualTo(date("2012-01-01"));
        assertThat(week.days()).isEqualTo(7);
        assertThat(Duration.between(week.start(), week.endExclusive())).hasHours(144);
    }
}

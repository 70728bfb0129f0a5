package dev.fjord.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The days interval rules top up on (spec §3.3), in the customer's timezone. */
class RuleScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void monthlyAnchoredOnThe31stTopsUpOnTheLastDayOfShorterMonths() {
        Instant anchor = Instant.parse("2026-01-31T10:00:00Z");
        LocalDate created = LocalDate.of(2026, 1, 31);
        // never on the creation day: first 28 Feb (2026 is not a leap year), then 31 Mar, 30 Apr
        Instant first = RuleSchedule.nextRun("monthly", anchor, created, LocalDate.of(2026, 1, 30), UTC);
        assertThat(first).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(RuleSchedule.nextRun("monthly", anchor, created, LocalDate.of(2026, 2, 28), UTC))
                .isEqualTo(Instant.parse("2026-03-31T00:00:00Z"));
        assertThat(RuleSchedule.nextRun("monthly", anchor, created, LocalDate.of(2026, 3, 31), UTC))
                .isEqualTo(Instant.parse("2026-04-30T00:00:00Z"));
    }

    @Test
    void quarterlySemiannualAndYearlyCountMonthsFromTheAnchor() {
        Instant anchor = Instant.parse("2026-02-15T00:00:00Z");
        LocalDate created = LocalDate.of(2026, 1, 1);
        LocalDate after = LocalDate.of(2026, 2, 15);
        assertThat(RuleSchedule.nextRun("quarterly", anchor, created, after, UTC)).isEqualTo(Instant.parse("2026-05-15T00:00:00Z"));
        assertThat(RuleSchedule.nextRun("semiannual", anchor, created, after, UTC)).isEqualTo(Instant.parse("2026-08-15T00:00:00Z"));
        assertThat(RuleSchedule.nextRun("yearly", anchor, created, after, UTC)).isEqualTo(Instant.parse("2027-02-15T00:00:00Z"));
        // the anchor day itself, when the wallet was made earlier
        assertThat(RuleSchedule.nextRun("quarterly", anchor, created, LocalDate.of(2026, 1, 20), UTC)).isEqualTo(anchor);
    }

    @Test
    void yearlyOnFebruary29thTopsUpOnFebruary28thInCommonYears() {
        Instant anchor = Instant.parse("2028-02-29T00:00:00Z");
        assertThat(RuleSchedule.nextRun("yearly", anchor, LocalDate.of(2028, 1, 1), LocalDate.of(2028, 2, 29), UTC))
                .isEqualTo(Instant.parse("2029-02-28T00:00:00Z"));
    }

    @Test
    void weeklyKeepsTheAnchorsWeekdayAndAnAnchorLaterInTheDayWaitsForIt() {
        // Wednesday 2026-03-18 15:30 UTC: the first run is the anchor itself, then every Wednesday at midnight
        Instant anchor = Instant.parse("2026-03-18T15:30:00Z");
        LocalDate created = LocalDate.of(2026, 3, 10);
        assertThat(RuleSchedule.nextRun("weekly", anchor, created, LocalDate.of(2026, 3, 15), UTC)).isEqualTo(anchor);
        assertThat(RuleSchedule.nextRun("weekly", anchor, created, LocalDate.of(2026, 3, 18), UTC))
                .isEqualTo(Instant.parse("2026-03-25T00:00:00Z"));
    }

    @Test
    void daysAreTheCustomersLocalDays() {
        // 2026-03-31T23:30Z is already 1 April in Tokyo (UTC+9): a monthly rule anchored there runs on the 1st, Tokyo time
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant anchor = Instant.parse("2026-03-31T23:30:00Z");
        Instant next = RuleSchedule.nextRun("monthly", anchor, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), tokyo);
        // 1 May 00:00 in Tokyo = 30 April 15:00 UTC
        assertThat(next).isEqualTo(Instant.parse("2026-04-30T15:00:00Z"));
    }
}

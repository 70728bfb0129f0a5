package dev.fjord.subscription;

import static dev.fjord.subscription.PeriodFixtures.date;
import static dev.fjord.subscription.PeriodFixtures.instant;
import static dev.fjord.subscription.PeriodFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The period value: inclusive dates, half-open instants. */
class BillingPeriodTest {

    private final BillingPeriod april = utc("2024-04-01", "2024-04-30");

    @Test
    void containsItsStartButNotItsExclusiveEnd() {
        assertThat(april.contains(instant("2024-04-01T00:00:00Z"))).isTrue();
        assertThat(april.contains(instant("2024-04-30T23:59:59.999999999Z"))).isTrue();
        assertThat(april.contains(instant("2024-05-01T00:00:00Z"))).isFalse();
        assertThat(april.contains(instant("2024-03-31T23:59:59Z"))).isFalse();
    }

    @Test
    void daysCountsBothEnds() {
        assertThat(april.days()).isEqualTo(30);
        assertThat(utc("2024-04-01", "2024-04-01").days()).isEqualTo(1);
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new BillingPeriod(
                        date("2024-04-02"), date("2024-04-01"), april.start(), april.endExclusive()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BillingPeriod(
                        date("2024-04-01"), date("2024-04-30"), april.endExclusive(), april.start()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.fjord.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which thresholds one evaluation crosses, recurring ones included (the rule of {@link WalletAlert#crossed}). */
class WalletAlertCrossingTest {

    @Test
    void anIncreasingRecurringStepCountsFromTheHighestFixedThreshold() {
        // fixed 500 and 1000, step 200: 1200, 1400, 1600, ...; 900 → 1450 passes 1000, 1200 and 1400
        WalletAlert alert = alert("increasing", "900", fixed("500"), fixed("1000"), recurring("200"));
        assertThat(values(alert.crossed(new BigDecimal("1450")))).containsExactly("1000", "1200", "1400");
    }

    @Test
    void aValueSittingOnAStepDoesNotCountItAgain() {
        // decreasing by 30 with no fixed thresholds: steps 0 − 30k, i.e. −30, −60, −90, ...
        WalletAlert alert = alert("decreasing", "-60", recurring("30"));
        // −60 was reached by the previous evaluation; going to −95 passes −90 only
        assertThat(values(alert.crossed(new BigDecimal("-95")))).containsExactly("-90");
    }

    @Test
    void aHugeDropListsTheHundredStepsNearestTheCurrentValue() {
        // step 0.00001 credits from 0 down to −1: 1 / 0.00001 = 100,000 steps passed; the 100 nearest −1 are kept,
        // −1.00000 to −0.99901, ascending
        WalletAlert alert = alert("decreasing", "0", recurring("0.00001"));
        List<String> crossed = values(alert.crossed(new BigDecimal("-1")));
        assertThat(crossed).hasSize(100);
        assertThat(crossed.get(0)).isEqualTo("-1");
        assertThat(crossed.get(99)).isEqualTo("-0.99901");
    }

    private static WalletAlert alert(String direction, String previous, WalletAlert.Threshold... thresholds) {
        return new WalletAlert(null, null, null, "a", null, "wallet_credits_balance", direction, List.of(thresholds),
                new BigDecimal(previous), null, null);
    }

    private static WalletAlert.Threshold fixed(String value) {
        return new WalletAlert.Threshold("fixed", new BigDecimal(value), false);
    }

    private static WalletAlert.Threshold recurring(String value) {
        return new WalletAlert.Threshold("step", new BigDecimal(value), true);
    }

    private static List<String> values(List<WalletAlert.Threshold> crossed) {
        return crossed.stream().map(t -> t.value().stripTrailingZeros().toPlainString()).toList();
    }
}

package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.amount;
import static dev.fjord.catalog.ChargeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Standard model: units × amount, unrounded. */
class ChargeCalculatorStandardTest {
    private static final ChargeModel STANDARD = ChargeModel.STANDARD;

    @Test
    void pricesEveryUnitAtTheAmount() {
        // 10 × 0.5 = 5
        assertThat(amount(STANDARD, "{'amount': '0.5'}", "10")).isEqualByComparingTo("5");
    }

    @Test
    void zeroUnitsCostNothing() {
        assertThat(amount(STANDARD, "{'amount': '12'}", "0")).isEqualByComparingTo("0");
    }

    @Test
    void fractionalUnits() {
        // 2.5 × 1.2 = 3.00
        assertThat(amount(STANDARD, "{'amount': '1.2'}", "2.5")).isEqualByComparingTo("3.00");
    }

    @Test
    void keepsFullPrecisionForTheCallerToRound() {
        // 3 × 0.3333 = 0.9999: not rounded to 1.00 here
        assertThat(amount(STANDARD, "{'amount': '0.3333'}", "3")).isEqualTo(new BigDecimal("0.9999"));
    }

    @Test
    void negativeUnitsGiveANegativeAmountAsInLago() {
        // a sum metric with refunds: -2 × 1.5 = -3
        assertThat(amount(STANDARD, "{'amount': '1.5'}", "-2")).isEqualByComparingTo("-3");
    }

    @Test
    void groupingKeysDoNotChangeTheAmount() {
        // grouping is done by the caller: 4 × 2.25 = 9
        assertThat(amount(STANDARD, "{'amount': '2.25', 'pricing_group_keys': ['region']}", "4"))
                .isEqualByComparingTo("9");
    }

    @Test
    void resultUnitsAreTheUsageUnits() {
        ChargeResult result = ChargeCalculator.compute(STANDARD, json("{'amount': '1'}"),
                ChargeUsage.of(new BigDecimal("7.5"), 3));
        assertThat(result.units()).isEqualByComparingTo("7.5");
    }

    @Test
    void emptyPropertiesUseLagoDefaultAmountZero() {
        assertThat(ChargeCalculator.compute(STANDARD, json("{}"), ChargeUsage.of(BigDecimal.TEN, 1)).amount())
                .isEqualByComparingTo("0");
    }

    @Test
    void rejectsANegativeCurrencyExponent() {
        assertThatThrownBy(() -> ChargeCalculator.compute(STANDARD, json("{'amount': '1'}"),
                ChargeUsage.of(BigDecimal.ONE, 1), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

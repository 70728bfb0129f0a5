package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Dynamic model: the events' own prices, in cents, turned into currency units with the currency exponent. */
class ChargeCalculatorDynamicTest {

    private static ChargeResult compute(String units, String cents, int exponent) {
        ChargeUsage usage = new ChargeUsage(new BigDecimal(units), 3, null, cents == null ? null : new BigDecimal(cents));
        return ChargeCalculator.compute(ChargeModel.DYNAMIC, json("{}"), usage, exponent);
    }

    @Test
    void lagoDocsExample() {
        // 3 events priced $0.70 + $0.55 + $2.20 = 345 cents over 7 + 5 + 10 = 22 units: $3.45
        ChargeResult result = compute("22", "345", 2);
        assertThat(result.amount()).isEqualByComparingTo("3.45");
        assertThat(result.units()).isEqualByComparingTo("22");
    }

    @Test
    void keepsSubCentPrecision() {
        // precise_total_amount_cents may carry decimals: 343.5 cents = 3.435 EUR
        assertThat(compute("22", "343.5", 2).amount()).isEqualByComparingTo("3.435");
    }

    @Test
    void currencyExponentDecidesTheDivisor() {
        // JPY has no cents: 1500 "cents" are 1500 JPY; KWD has 3 decimals: 1500 / 1000 = 1.5
        assertThat(compute("1", "1500", 0).amount()).isEqualByComparingTo("1500");
        assertThat(compute("1", "1500", 3).amount()).isEqualByComparingTo("1.5");
    }

    @Test
    void threeArgumentComputeAssumesCents() {
        ChargeUsage usage = new ChargeUsage(BigDecimal.ONE, 1, null, new BigDecimal("250"));
        assertThat(ChargeCalculator.compute(ChargeModel.DYNAMIC, json("{}"), usage).amount())
                .isEqualByComparingTo("2.50");
    }

    @Test
    void noUnitsMeansNothingDueEvenWithAmounts() {
        // Lago: "return 0 if total_units.zero?"
        assertThat(compute("0", "999", 2).amount()).isEqualByComparingTo("0");
    }

    @Test
    void missingAmountsReadAsZero() {
        assertThat(compute("5", null, 2).amount()).isEqualByComparingTo("0");
    }
}

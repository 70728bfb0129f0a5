package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.amount;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Graduated percentage: graduated tiers over an amount, each tier taking rate% of its part. */
class ChargeCalculatorGraduatedPercentageTest {
    private static final ChargeModel GRADUATED_PERCENTAGE = ChargeModel.GRADUATED_PERCENTAGE;

    /** Lago's spec tiers: 0-10 at 1% (+200 flat), 11-20 at 2% (+300), 21-∞ at 3% (+400). */
    private static final String LAGO_TIERS = "{'graduated_percentage_ranges': ["
            + "{'from_value': 0, 'to_value': 10, 'rate': '1', 'flat_amount': '200'},"
            + "{'from_value': 11, 'to_value': 20, 'rate': '2', 'flat_amount': '300'},"
            + "{'from_value': 21, 'to_value': null, 'rate': '3', 'flat_amount': '400'}]}";

    @ParameterizedTest(name = "{0} cost {1}")
    @CsvSource({
        // 0: first tier reached, its flat amount is due: 200
        "0, 200",
        // 200 + 1×1% = 200.01
        "1, 200.01",
        // 200 + 10×1% = 200.1
        "10, 200.1",
        // 200 + 300 + 10×1% + 1×2% = 500.12
        "11, 500.12",
        // 200 + 300 + 400 + 10×1% + 10×2% + 1000×3% = 900 + 0.1 + 0.2 + 30 = 930.3 (1020 = 10 + 10 + 1000)
        "1020, 930.3",
    })
    void lagoSpecExamples(String units, String expected) {
        assertThat(amount(GRADUATED_PERCENTAGE, LAGO_TIERS, units)).isEqualByComparingTo(expected);
    }

    @Test
    void adjacentTiersCountEachUnitOnce() {
        // 0-1000 at 2%, 1000-∞ at 1%: 1500 = 1000×2% + 500×1% = 20 + 5 = 25
        // (Lago still counts 501 units in the second tier here, 25.01; Fjord counts 500.)
        String tiers = "{'graduated_percentage_ranges': ["
                + "{'from_value': 0, 'to_value': 1000, 'rate': '2', 'flat_amount': '0'},"
                + "{'from_value': 1000, 'to_value': null, 'rate': '1', 'flat_amount': '0'}]}";
        assertThat(amount(GRADUATED_PERCENTAGE, tiers, "1500")).isEqualByComparingTo("25");
    }

    @Test
    void fractionalRatesKeepFullPrecision() {
        // 123.45 × 0.125% = 0.1543125, not rounded
        String tiers = "{'graduated_percentage_ranges': [{'from_value': 0, 'to_value': null, 'rate': '0.125', 'flat_amount': '0'}]}";
        assertThat(amount(GRADUATED_PERCENTAGE, tiers, "123.45")).isEqualByComparingTo("0.1543125");
    }
}

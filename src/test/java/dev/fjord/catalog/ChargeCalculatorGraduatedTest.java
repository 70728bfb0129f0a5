package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.amount;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Graduated model: each tier bills its own units, plus its flat amount once reached. */
class ChargeCalculatorGraduatedTest {
    private static final ChargeModel GRADUATED = ChargeModel.GRADUATED;

    /** Lago's own spec tiers: 0-10 at 10 (+2 flat), 11-20 at 5 (+3), 21-∞ at 5 (+3). */
    private static final String LAGO_TIERS = "{'graduated_ranges': ["
            + "{'from_value': 0, 'to_value': 10, 'per_unit_amount': '10', 'flat_amount': '2'},"
            + "{'from_value': 11, 'to_value': 20, 'per_unit_amount': '5', 'flat_amount': '3'},"
            + "{'from_value': 21, 'to_value': null, 'per_unit_amount': '5', 'flat_amount': '3'}]}";

    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({
        // 0 units: the first tier is always reached, its flat amount is due: 2
        "0, 2",
        // 1×10 + 2 = 12
        "1, 12",
        // 10×10 + 2 = 102 (top of tier 1, tier 2 not reached)
        "10, 102",
        // 102 + 1×5 + 3 = 110
        "11, 110",
        // 102 + 2×5 + 3 = 115
        "12, 115",
        // 102 + 10×5 + 3 = 155 (top of tier 2, tier 3 not reached)
        "20, 155",
        // 102 + 53 + 1×5 + 3 = 163
        "21, 163",
        // fractional: 102 + 0.5×5 + 3 = 107.5 (10.5 units: 10 in tier 1, 0.5 in tier 2)
        "10.5, 107.5",
    })
    void lagoSpecExamples(String units, String expected) {
        assertThat(amount(GRADUATED, LAGO_TIERS, units)).isEqualByComparingTo(expected);
    }

    @Test
    void lagoDocsExample() {
        // $1 for units 1-100, $0.50 for 101-200, $0.10 beyond: 250 units = 100×1 + 100×0.5 + 50×0.1 = 155
        String tiers = "{'graduated_ranges': ["
                + "{'from_value': 0, 'to_value': 100, 'per_unit_amount': '1', 'flat_amount': '0'},"
                + "{'from_value': 101, 'to_value': 200, 'per_unit_amount': '0.50', 'flat_amount': '0'},"
                + "{'from_value': 201, 'to_value': null, 'per_unit_amount': '0.10', 'flat_amount': '0'}]}";
        assertThat(amount(GRADUATED, tiers, "250")).isEqualByComparingTo("155");
    }

    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({
        // inside tier 1: 0.05×10 = 0.5
        "0.05, 0.5",
        // 0.1×10 + 0.4×5 = 3.0
        "0.5, 3.0",
        // exactly at the first bound: 0.1×10 = 1.0, nothing in tier 2
        "0.1, 1.0",
        // 0.1×10 + 0.9×5 + 1.5×2 = 1 + 4.5 + 3 = 8.5
        "2.5, 8.5",
    })
    void adjacentDecimalTiers(String units, String expected) {
        // Lago 2026 writing: each from_value is the previous to_value; tier n holds (from, to].
        String tiers = "{'graduated_ranges': ["
                + "{'from_value': 0, 'to_value': 0.1, 'per_unit_amount': '10', 'flat_amount': '0'},"
                + "{'from_value': 0.1, 'to_value': 1, 'per_unit_amount': '5', 'flat_amount': '0'},"
                + "{'from_value': 1, 'to_value': null, 'per_unit_amount': '2', 'flat_amount': '0'}]}";
        assertThat(amount(GRADUATED, tiers, units)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} units cost the same both ways")
    @CsvSource({"0", "1", "9.5", "10", "10.25", "11", "20", "20.5", "21", "1000"})
    void bothWritingsOfTheSameTiersCostTheSame(String units) {
        // "0-10, 11-20, 21-" and "0-10, 10-20, 20-" both mean: tier 2 starts after 10 units.
        String integerTiers = "{'graduated_ranges': ["
                + "{'from_value': 0, 'to_value': 10, 'per_unit_amount': '3', 'flat_amount': '1'},"
                + "{'from_value': 11, 'to_value': 20, 'per_unit_amount': '2', 'flat_amount': '1'},"
                + "{'from_value': 21, 'to_value': null, 'per_unit_amount': '1', 'flat_amount': '1'}]}";
        String adjacentTiers = integerTiers.replace("'from_value': 11", "'from_value': 10")
                .replace("'from_value': 21", "'from_value': 20");
        assertThat(amount(GRADUATED, adjacentTiers, units)).isEqualByComparingTo(amount(GRADUATED, integerTiers, units));
    }

    @Test
    void mixedWritingCountsEachUnitOnce() {
        // Lago's spec tiers 0-0.01, 0.01-10, 11-∞: 5 units = 0.01×0 + 4.99×10 + 2 = 51.9.
        // (Lago adds one unit to the second tier here because not all tiers are adjacent; Fjord does not.)
        String tiers = "{'graduated_ranges': ["
                + "{'from_value': 0, 'to_value': 0.01, 'per_unit_amount': '0', 'flat_amount': '0'},"
                + "{'from_value': 0.01, 'to_value': 10, 'per_unit_amount': '10', 'flat_amount': '2'},"
                + "{'from_value': 11, 'to_value': null, 'per_unit_amount': '5', 'flat_amount': '3'}]}";
        assertThat(amount(GRADUATED, tiers, "5")).isEqualByComparingTo("51.9");
        // 0 units: only the free first tier is reached, its flat amount is 0 (Lago: "returns zero amount")
        assertThat(amount(GRADUATED, tiers, "0")).isEqualByComparingTo("0");
    }

    @Test
    void singleOpenTierIsAStandardPricePlusAFlatFee() {
        // 7 × 0.25 + 4 = 5.75
        String tiers = "{'graduated_ranges': [{'from_value': 0, 'to_value': null, 'per_unit_amount': '0.25', 'flat_amount': '4'}]}";
        assertThat(amount(GRADUATED, tiers, "7")).isEqualByComparingTo("5.75");
    }

    @Test
    void keepsFullPrecision() {
        // 3 × 0.0001 + 0 = 0.0003, not rounded
        String tiers = "{'graduated_ranges': [{'from_value': 0, 'to_value': null, 'per_unit_amount': '0.0001', 'flat_amount': '0'}]}";
        assertThat(amount(GRADUATED, tiers, "3")).isEqualByComparingTo("0.0003");
    }
}

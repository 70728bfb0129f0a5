package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.amount;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Volume model: every unit at the price of the tier the total reaches, plus that tier's flat amount. */
class ChargeCalculatorVolumeTest {
    private static final ChargeModel VOLUME = ChargeModel.VOLUME;

    /** Lago's spec tiers: 0-100 at 2 (+10 flat), 101-200 at 1 (+0), 201-∞ at 0.5 (+50). */
    private static final String LAGO_TIERS = "{'volume_ranges': ["
            + "{'from_value': 0, 'to_value': 100, 'per_unit_amount': '2', 'flat_amount': '10'},"
            + "{'from_value': 101, 'to_value': 200, 'per_unit_amount': '1', 'flat_amount': '0'},"
            + "{'from_value': 201, 'to_value': null, 'per_unit_amount': '0.5', 'flat_amount': '50'}]}";

    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({
        // 0 units: the first tier applies, flat amount included (Lago: "applies the flat amount from the first tier")
        "0, 10",
        // 1×2 + 10 = 12
        "1, 12",
        // top of tier 1: 100×2 + 10 = 210
        "100, 210",
        // between the tiers: 100.5 is past 100, so tier 2: 100.5×1 + 0 = 100.5
        "100.5, 100.5",
        // 101×1 = 101
        "101, 101",
        // top of tier 2: 200×1 = 200
        "200, 200",
        // 201×0.5 + 50 = 150.5
        "201, 150.5",
    })
    void lagoSpecExamples(String units, String expected) {
        assertThat(amount(VOLUME, LAGO_TIERS, units)).isEqualByComparingTo(expected);
    }

    @Test
    void lagoDocsExample() {
        // 65,000 API calls fall in tier 3: 65,000 × 0.0006 + 10 = 49
        String tiers = "{'volume_ranges': ["
                + "{'from_value': 0, 'to_value': 10000, 'per_unit_amount': '0.0010', 'flat_amount': '10'},"
                + "{'from_value': 10001, 'to_value': 50000, 'per_unit_amount': '0.0008', 'flat_amount': '10'},"
                + "{'from_value': 50001, 'to_value': 100000, 'per_unit_amount': '0.0006', 'flat_amount': '10'},"
                + "{'from_value': 100001, 'to_value': null, 'per_unit_amount': '0.0004', 'flat_amount': '10'}]}";
        assertThat(amount(VOLUME, tiers, "65000")).isEqualByComparingTo("49");
    }

    @Test
    void firstTierWithoutFlatAmountMakesZeroUnitsFree() {
        // Lago's spec: 0-1 at 0 (+0), ... → 0 units cost 0
        String tiers = "{'volume_ranges': ["
                + "{'from_value': 0, 'to_value': 1, 'per_unit_amount': '0', 'flat_amount': '0'},"
                + "{'from_value': 2, 'to_value': null, 'per_unit_amount': '2', 'flat_amount': '10'}]}";
        assertThat(amount(VOLUME, tiers, "0")).isEqualByComparingTo("0");
    }

    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({
        // the bound belongs to the lower tier: 100×2 = 200
        "100, 200",
        // just past it: 100.5×1 = 100.5
        "100.5, 100.5",
    })
    void adjacentTiers(String units, String expected) {
        String tiers = "{'volume_ranges': ["
                + "{'from_value': 0, 'to_value': 100, 'per_unit_amount': '2', 'flat_amount': '0'},"
                + "{'from_value': 100, 'to_value': null, 'per_unit_amount': '1', 'flat_amount': '0'}]}";
        assertThat(amount(VOLUME, tiers, units)).isEqualByComparingTo(expected);
    }
}

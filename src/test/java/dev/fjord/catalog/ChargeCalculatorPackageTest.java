package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.amount;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Package model: packs of package_size units after the free units; a started pack is due in full. */
class ChargeCalculatorPackageTest {
    private static final ChargeModel PACKAGE = ChargeModel.PACKAGE;

    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({
        // Lago docs: $5 per 100 units, first 100 free: 201 units = 0 + 5 + 5 (one started pack for the last unit) = 10
        "201, 10",
        "0, 0",
        // all within the free units
        "100, 0",
        // 1 paid unit starts a pack: 5
        "101, 5",
        // exactly one full pack
        "200, 5",
        // fractional: 100.5 paid units start a second pack: 2×5 = 10
        "200.5, 10",
    })
    void lagoDocsExample(String units, String expected) {
        String properties = "{'amount': '5', 'package_size': 100, 'free_units': 100}";
        assertThat(amount(PACKAGE, properties, units)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} free units: {1}")
    @CsvSource({
        // Lago's spec, 121 units, packs of 10 at 100: ceil(121/10) = 13 packs = 1300
        "0, 1300",
        // ceil(111/10) = 12 packs = 1200
        "10, 1200",
        // more free units than used: 0
        "200, 0",
    })
    void lagoSpecExamples(String freeUnits, String expected) {
        String properties = "{'amount': '100', 'package_size': 10, 'free_units': " + freeUnits + "}";
        assertThat(amount(PACKAGE, properties, "121")).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({
        // free_units left out reads as 0: 1 unit starts a pack of 3 at 0.333 = 0.333
        "1, 0.333",
        // ceil(7/3) = 3 packs × 0.333 = 0.999, not rounded
        "7, 0.999",
    })
    void withoutFreeUnits(String units, String expected) {
        assertThat(amount(PACKAGE, "{'amount': '0.333', 'package_size': 3}", units)).isEqualByComparingTo(expected);
    }
}

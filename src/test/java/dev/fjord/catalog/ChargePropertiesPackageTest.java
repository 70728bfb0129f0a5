package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.errors;
import static dev.fjord.catalog.ChargeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Package properties: amount (decimal string), package_size (integer &gt; 0), free_units (integer &ge; 0, default 0). */
class ChargePropertiesPackageTest {
    private static final ChargeModel PACKAGE = ChargeModel.PACKAGE;

    @Test
    void validPropertiesNormalize() {
        String properties = "{'amount': '30', 'package_size': 1000, 'free_units': 100, 'rate': '1'}";
        assertThat(errors(PACKAGE, properties)).isEmpty();
        assertThat(ChargeProperties.normalize(PACKAGE, json(properties)))
                .isEqualTo(json("{'amount': '30', 'package_size': 1000, 'free_units': 100}"));
    }

    @Test
    void freeUnitsDefaultToZero() {
        // Lago rejects a missing free_units; Fjord reads it as "nothing free".
        assertThat(errors(PACKAGE, "{'amount': '5', 'package_size': 10}")).isEmpty();
        assertThat(ChargeProperties.normalize(PACKAGE, json("{'amount': '5', 'package_size': 10, 'free_units': null}")))
                .isEqualTo(json("{'amount': '5', 'package_size': 10, 'free_units': 0}"));
    }

    @ParameterizedTest(name = "package_size {0} is invalid")
    @ValueSource(strings = {"0", "-3", "'10'", "10.0", "2.5", "null", "99999999999999999999"})
    void packageSizeIsAPositiveInteger(String size) {
        assertThat(errors(PACKAGE, "{'amount': '5', 'free_units': 0, 'package_size': " + size + "}"))
                .isEqualTo(Map.of("package_size", List.of("invalid_package_size")));
    }

    @Test
    void packageSizeIsRequired() {
        assertThat(errors(PACKAGE, "{'amount': '5', 'free_units': 0}"))
                .isEqualTo(Map.of("package_size", List.of("invalid_package_size")));
    }

    @ParameterizedTest(name = "free_units {0} is invalid")
    @ValueSource(strings = {"-1", "'10'", "1.5", "true"})
    void freeUnitsIsANonNegativeInteger(String free) {
        assertThat(errors(PACKAGE, "{'amount': '5', 'package_size': 10, 'free_units': " + free + "}"))
                .isEqualTo(Map.of("free_units", List.of("invalid_free_units")));
    }

    @ParameterizedTest(name = "amount {0} is invalid")
    @ValueSource(strings = {"5", "'-5'", "'five'"})
    void amountIsADecimalString(String amount) {
        assertThat(errors(PACKAGE, "{'amount': " + amount + ", 'package_size': 10, 'free_units': 0}"))
                .isEqualTo(Map.of("amount", List.of("invalid_amount")));
    }

    @Test
    void allErrorsInLagosOrder() {
        assertThat(errors(PACKAGE, "{'package_size': 0, 'free_units': -1}")).containsExactly(
                Map.entry("amount", List.of("invalid_amount")),
                Map.entry("free_units", List.of("invalid_free_units")),
                Map.entry("package_size", List.of("invalid_package_size")));
    }
}

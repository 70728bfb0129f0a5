package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tier lists of the graduated, volume and graduated percentage models: bounds, amounts, normalization. */
class ChargePropertiesRangesTest {

    /** The three tiered models, their list key and their price key. */
    static Stream<Arguments> tieredModels() {
        return Stream.of(
                Arguments.of(ChargeModel.GRADUATED, "graduated_ranges", "per_unit_amount"),
                Arguments.of(ChargeModel.VOLUME, "volume_ranges", "per_unit_amount"),
                Arguments.of(ChargeModel.GRADUATED_PERCENTAGE, "graduated_percentage_ranges", "rate"));
    }

    /** A tier written as "from-to" (to "null" for the last), price 1, flat 0. */
    private static String tier(String from, String to, String priceKey) {
        return "{'from_value': " + from + ", 'to_value': " + to + ", '" + priceKey + "': '1', 'flat_amount': '0'}";
    }

    private static Map<String, List<String>> validate(ChargeModel model, String field, String ranges) {
        return ChargeProperties.validate(model, json("{'" + field + "': " + ranges + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredModels")
    void acceptsBothWritingsAndDecimalBounds(ChargeModel model, String field, String price) {
        // integer tiers (from = previous to + 1), adjacent tiers (from = previous to), decimal bounds, mixed
        List<String> valid = List.of(
                "[" + tier("0", "null", price) + "]",
                "[" + tier("0", "10", price) + "," + tier("11", "20", price) + "," + tier("21", "null", price) + "]",
                "[" + tier("0", "10", price) + "," + tier("10", "20", price) + "," + tier("20", "null", price) + "]",
                "[" + tier("0", "0.1", price) + "," + tier("0.1", "1", price) + "," + tier("1", "null", price) + "]",
                "[" + tier("0", "0.01", price) + "," + tier("0.01", "10", price) + "," + tier("11", "null", price) + "]");
        for (String ranges : valid) {
            assertThat(validate(model, field, ranges)).as(ranges).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredModels")
    void missingOrEmptyList(ChargeModel model, String field, String price) {
        Map<String, List<String>> missing = Map.of(field, List.of("missing_" + field));
        assertThat(validate(model, field, "[]")).isEqualTo(missing);
        assertThat(validate(model, field, "null")).isEqualTo(missing);
        assertThat(ChargeProperties.validate(model, json("{'pricing_group_keys': ['a']}"))).isEqualTo(missing);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredModels")
    void badBounds(ChargeModel model, String field, String price) {
        Map<String, List<String>> invalid = Map.of(field, List.of("invalid_" + field));
        List<String> bad = List.of(
                // not a list of tier objects
                "'tiers'", "{}", "[1]", "[null]",
                // first tier must start at 0
                "[" + tier("1", "null", price) + "]",
                "[" + tier("-1", "10", price) + "," + tier("11", "null", price) + "]",
                // last tier must be open, others closed
                "[" + tier("0", "100", price) + "]",
                "[" + tier("0", "null", price) + "," + tier("1", "null", price) + "]",
                // hole, overlap
                "[" + tier("0", "10", price) + "," + tier("12", "null", price) + "]",
                "[" + tier("0", "10", price) + "," + tier("9", "null", price) + "]",
                // to_value must exceed from_value
                "[" + tier("0", "0", price) + "," + tier("0", "null", price) + "]",
                "[" + tier("0", "10", price) + "," + tier("11", "11", price) + "," + tier("11", "null", price) + "]",
                // bounds are JSON numbers, not strings
                "[" + tier("'0'", "null", price) + "]",
                "[" + tier("0", "'10'", price) + "," + tier("11", "null", price) + "]",
                // from_value is required
                "[{'to_value': null, '" + price + "': '1', 'flat_amount': '0'}]");
        for (String ranges : bad) {
            assertThat(validate(model, field, ranges)).as(ranges).isEqualTo(invalid);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredModels")
    void severalBadTiersReportOneCode(ChargeModel model, String field, String price) {
        String ranges = "[" + tier("5", "1", price) + "," + tier("50", "2", price) + "," + tier("500", "3", price) + "]";
        assertThat(validate(model, field, ranges)).isEqualTo(Map.of(field, List.of("invalid_" + field)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredModels")
    void flatAmountIsADecimalString(ChargeModel model, String field, String price) {
        for (String flat : List.of("1", "'-1'", "'x'", "null")) {
            String ranges = "[{'from_value': 0, 'to_value': null, '" + price + "': '1', 'flat_amount': " + flat + "}]";
            assertThat(validate(model, field, ranges)).as(flat).isEqualTo(Map.of("flat_amount", List.of("invalid_amount")));
        }
    }

    @Test
    void perUnitAmountIsADecimalString() {
        for (ChargeModel model : List.of(ChargeModel.GRADUATED, ChargeModel.VOLUME)) {
            String field = model == ChargeModel.GRADUATED ? "graduated_ranges" : "volume_ranges";
            for (String amount : List.of("0.5", "'-2'", "'foo'", "null")) {
                String ranges = "[{'from_value': 0, 'to_value': null, 'per_unit_amount': " + amount + ", 'flat_amount': '0'}]";
                assertThat(validate(model, field, ranges)).as(model + " " + amount)
                        .isEqualTo(Map.of("per_unit_amount", List.of("invalid_amount")));
            }
        }
    }

    @Test
    void graduatedPercentageRateIsADecimalString() {
        for (String rate : List.of("1", "'-1'", "'one'", "null")) {
            String ranges = "[{'from_value': 0, 'to_value': null, 'rate': " + rate + ", 'flat_amount': '0'}]";
            assertThat(validate(ChargeModel.GRADUATED_PERCENTAGE, "graduated_percentage_ranges", ranges)).as(rate)
                    .isEqualTo(Map.of("rate", List.of("invalid_rate")));
        }
    }

    @Test
    void amountAndBoundErrorsAreReportedTogether() {
        // Lago order per tier: amounts first, then bounds
        String ranges = "[{'from_value': 3, 'to_value': null, 'per_unit_amount': 'x', 'flat_amount': 2}]";
        assertThat(validate(ChargeModel.GRADUATED, "graduated_ranges", ranges)).containsExactly(
                Map.entry("per_unit_amount", List.of("invalid_amount")),
                Map.entry("flat_amount", List.of("invalid_amount")),
                Map.entry("graduated_ranges", List.of("invalid_graduated_ranges")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tieredModels")
    void normalizedTiersKeepLagosKeysOnly(ChargeModel model, String field, String price) {
        String input = "{'" + field + "': ["
                + "{'from_value': 0, 'to_value': 0.5, '" + price + "': '1.50', 'flat_amount': '0', 'note': 'x'},"
                + "{'from_value': 0.5, '" + price + "': '1', 'flat_amount': '2.0'}],"
                + " 'amount': '3'}";
        String expected = "{'" + field + "': ["
                + "{'from_value': 0, 'to_value': 0.5, '" + price + "': '1.50', 'flat_amount': '0'},"
                + "{'from_value': 0.5, 'to_value': null, '" + price + "': '1', 'flat_amount': '2.0'}]}";
        assertThat(ChargeProperties.normalize(model, json(input))).isEqualTo(json(expected));
    }
}

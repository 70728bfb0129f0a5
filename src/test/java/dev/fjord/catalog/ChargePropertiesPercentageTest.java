package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.errors;
import static dev.fjord.catalog.ChargeFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Percentage properties: rate, then optional fixed amount, free units and per-transaction bounds. */
class ChargePropertiesPercentageTest {
    private static final ChargeModel PERCENTAGE = ChargeModel.PERCENTAGE;

    @Test
    void rateAloneNormalizesWithAZeroFixedAmount() {
        assertThat(errors(PERCENTAGE, "{'rate': '1.5'}")).isEmpty();
        assertThat(ChargeProperties.normalize(PERCENTAGE, json("{'rate': '1.5', 'free_units_per_events': null}")))
                .isEqualTo(json("{'rate': '1.5', 'fixed_amount': '0'}"));
    }

    @Test
    void everyPropertyNormalizes() {
        String properties = "{'rate': '1', 'fixed_amount': '0.5', 'free_units_per_events': 5,"
                + " 'free_units_per_total_aggregation': '500', 'per_transaction_min_amount': '1.75',"
                + " 'per_transaction_max_amount': '3.75', 'amount': '9'}";
        assertThat(errors(PERCENTAGE, properties)).isEmpty();
        assertThat(ChargeProperties.normalize(PERCENTAGE, json(properties))).isEqualTo(json(
                "{'rate': '1', 'fixed_amount': '0.5', 'free_units_per_events': 5, 'free_units_per_total_aggregation': '500',"
                        + " 'per_transaction_min_amount': '1.75', 'per_transaction_max_amount': '3.75'}"));
    }

    @ParameterizedTest(name = "rate {0} is invalid")
    @ValueSource(strings = {"1", "'-1'", "'x'", "null"})
    void rateIsADecimalString(String rate) {
        assertThat(errors(PERCENTAGE, "{'rate': " + rate + "}")).isEqualTo(Map.of("rate", List.of("invalid_rate")));
    }

    @Test
    void rateIsRequired() {
        assertThat(errors(PERCENTAGE, "{'fixed_amount': '1'}")).isEqualTo(Map.of("rate", List.of("invalid_rate")));
    }

    @ParameterizedTest(name = "fixed_amount {0} is invalid")
    @ValueSource(strings = {"0.5", "'-0.5'", "'x'"})
    void fixedAmountIsADecimalString(String fixed) {
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'fixed_amount': " + fixed + "}"))
                .isEqualTo(Map.of("fixed_amount", List.of("invalid_fixed_amount")));
    }

    @ParameterizedTest(name = "free_units_per_events {0} is invalid")
    @ValueSource(strings = {"0", "-1", "'3'", "1.5"})
    void freeEventsIsAPositiveInteger(String free) {
        // Lago: Integer and positive; 0 is refused (leave it out instead)
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'free_units_per_events': " + free + "}"))
                .isEqualTo(Map.of("free_units_per_events", List.of("invalid_free_units_per_events")));
    }

    @ParameterizedTest(name = "free_units_per_total_aggregation {0} is invalid")
    @ValueSource(strings = {"500", "'-1'", "'lots'"})
    void freeAmountIsADecimalString(String free) {
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'free_units_per_total_aggregation': " + free + "}"))
                .isEqualTo(Map.of("free_units_per_total_aggregation", List.of("invalid_free_units_per_total_aggregation")));
    }

    @Test
    void perTransactionBoundsAreDecimalStrings() {
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'per_transaction_min_amount': 1, 'per_transaction_max_amount': '-2'}"))
                .containsExactly(Map.entry("per_transaction_min_amount", List.of("invalid_amount")),
                        Map.entry("per_transaction_max_amount", List.of("invalid_amount")));
    }

    @Test
    void maximumMayNotBeBelowMinimum() {
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'per_transaction_min_amount': '2', 'per_transaction_max_amount': '1.99'}"))
                .isEqualTo(Map.of("per_transaction_max_amount",
                        List.of("per_transaction_max_lower_than_per_transaction_min")));
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'per_transaction_min_amount': '2', 'per_transaction_max_amount': '2.0'}"))
                .isEmpty();
    }

    @Test
    void eitherBoundAlone() {
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'per_transaction_min_amount': '2'}")).isEmpty();
        assertThat(errors(PERCENTAGE, "{'rate': '1', 'per_transaction_max_amount': '2'}")).isEmpty();
    }

    @Test
    void allErrorsInLagosOrder() {
        String properties = "{'rate': 1, 'fixed_amount': 1, 'free_units_per_events': 0,"
                + " 'free_units_per_total_aggregation': 1, 'per_transaction_min_amount': 'a', 'per_transaction_max_amount': 'b'}";
        assertThat(errors(PERCENTAGE, properties).keySet()).containsExactly("rate", "fixed_amount",
                "free_units_per_events", "free_units_per_total_aggregation", "per_transaction_min_amount",
                "per_transaction_max_amount");
    }
}

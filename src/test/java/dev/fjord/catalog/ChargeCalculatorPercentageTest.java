package dev.fjord.catalog;

import static dev.fjord.catalog.ChargeFixtures.amount;
import static dev.fjord.catalog.ChargeFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Percentage model: rate% of the units plus a fixed amount per event, after free events/amount, optionally bounded per event. */
class ChargeCalculatorPercentageTest {
    private static final ChargeModel PERCENTAGE = ChargeModel.PERCENTAGE;

    @Test
    void lagoDocsExample() {
        // Rate 1.2%, $0.10 per transaction; the first 3 events or $500 are free.
        // 200, 100, 100 are free (3 events, running total 400 < 500); the 4th (50) is charged: 0.10 + 1.2% × 50 = 0.70
        String properties = "{'rate': '1.2', 'fixed_amount': '0.10', 'free_units_per_events': 3,"
                + " 'free_units_per_total_aggregation': '500'}";
        assertThat(amount(PERCENTAGE, properties, events("200", "100", "100", "50"))).isEqualByComparingTo("0.70");
    }

    @Nested
    class WholePeriod {
        /** Lago's spec: events 50, 100, 250, 400 (running totals 50, 150, 400, 800), rate 1.3%, fixed 2 per event. */
        private final ChargeUsage lagoEvents = events("50", "100", "250", "400");

        @ParameterizedTest(name = "free events {0}, free amount {1}: {2}")
        @CsvSource({
            // both: events 1-2 free (150 < 250); event 3 reaches 250: free units 250 → 550 × 1.3% + 2 events × 2 = 7.15 + 4 = 11.15
            "3, '250.0', 11.15",
            // free amount only: same 250 free units and 2 free events → 11.15
            ", '250.0', 11.15",
            // free events only: the first 3 events (400 units) → 400 × 1.3% + 1 × 2 = 5.2 + 2 = 7.2
            "3, , 7.2",
            // free amount above the 3 free events' 400: the 3 events run out first → 7.2
            "3, '500.0', 7.2",
            // nothing free: 800 × 1.3% + 4 × 2 = 10.4 + 8 = 18.4
            ", , 18.4",
        })
        void lagoSpecExamples(Integer freeEvents, String freeAmount, String expected) {
            String properties = "{'rate': '1.3', 'fixed_amount': '2.0'"
                    + (freeEvents == null ? "" : ", 'free_units_per_events': " + freeEvents)
                    + (freeAmount == null ? "" : ", 'free_units_per_total_aggregation': '" + freeAmount + "'") + "}";
            assertThat(amount(PERCENTAGE, properties, lagoEvents)).isEqualByComparingTo(expected);
        }

        @Test
        void rateZeroLeavesTheFixedAmount() {
            // 4 events × 2 = 8
            assertThat(amount(PERCENTAGE, "{'rate': '0', 'fixed_amount': '2.0'}", lagoEvents)).isEqualByComparingTo("8");
        }

        @Test
        void smallAmountsKeepFullPrecision() {
            // Lago's spec: 4 × 2.9% = 0.116 (no per-event values needed without free units or bounds)
            assertThat(amount(PERCENTAGE, "{'rate': '2.9'}", ChargeUsage.of(new BigDecimal("4"), 4)))
                    .isEqualByComparingTo("0.116");
        }

        @Test
        void moreFreeEventsThanEventsMakesEverythingFree() {
            // Lago's spec: 5 free events, 3 events (400 units) → 0
            String properties = "{'rate': '1.3', 'fixed_amount': '2.0', 'free_units_per_events': 5}";
            assertThat(amount(PERCENTAGE, properties, events("50", "100", "250"))).isEqualByComparingTo("0");
        }

        @Test
        void noUnitsNoFixedAmount() {
            // 3 events of 0: Lago charges no fixed amount when the period has no units
            assertThat(amount(PERCENTAGE, "{'rate': '1', 'fixed_amount': '2'}", events("0", "0", "0")))
                    .isEqualByComparingTo("0");
        }

        @Test
        void theEventReachingTheFreeAmountPaysTheFixedAmount() {
            // free amount 150: event 1 (total 50) is free; event 2 brings the total to exactly 150, so it pays the
            // fixed amount (Lago counts free events as running total < free amount) but no rate.
            // (350 - 150) × 1% + 2 events × 1 = 2 + 2 = 4
            String properties = "{'rate': '1', 'fixed_amount': '1', 'free_units_per_total_aggregation': '150'}";
            assertThat(amount(PERCENTAGE, properties, events("50", "100", "200"))).isEqualByComparingTo("4");
        }

        @Test
        void withoutEventValuesTheUnitsAreSpreadEvenly() {
            // count metric: 5 events of 1 unit, 2 free events, 0.10 each: (5 - 2) × 0.10 = 0.30
            String perEvents = "{'rate': '0', 'fixed_amount': '0.10', 'free_units_per_events': 2}";
            assertThat(amount(PERCENTAGE, perEvents, ChargeUsage.of(new BigDecimal("5"), 5))).isEqualByComparingTo("0.30");
            // 100 units over 4 events read as 25 each; free amount 50 is reached by event 2:
            // (100 - 50) × 2% + 3 paying events × 1 = 1 + 3 = 4
            String perAmount = "{'rate': '2', 'fixed_amount': '1', 'free_units_per_total_aggregation': '50'}";
            assertThat(amount(PERCENTAGE, perAmount, ChargeUsage.of(new BigDecimal("100"), 4))).isEqualByComparingTo("4");
        }
    }

    @Nested
    class PerTransactionBounds {
        /** Lago's spec: events 10, 80, 10000, rate 2.99%, at least 1.75 and at most 12 per transaction. */
        private final ChargeUsage lagoEvents = events("10", "80", "10000");

        private String properties(String extra) {
            return "{'rate': '2.99', 'per_transaction_min_amount': '1.75', 'per_transaction_max_amount': '12'" + extra + "}";
        }

        @Test
        void boundsEachTransaction() {
            // 10 × 2.99% = 0.299 → min 1.75; 80 × 2.99% = 2.392; 10000 × 2.99% = 299 → max 12: 16.142
            assertThat(amount(PERCENTAGE, properties(""), lagoEvents)).isEqualByComparingTo("16.142");
        }

        @Test
        void fixedAmountIsAddedBeforeTheBounds() {
            // 0.299 + 2 = 2.299; 2.392 + 2 = 4.392; 299 + 2 → 12: 18.691
            assertThat(amount(PERCENTAGE, properties(", 'fixed_amount': '2.0'"), lagoEvents)).isEqualByComparingTo("18.691");
        }

        @Test
        void freeEventsCostNothingNotTheMinimum() {
            // events 1-2 free; 10000 → 12
            assertThat(amount(PERCENTAGE, properties(", 'free_units_per_events': 2"), lagoEvents)).isEqualByComparingTo("12");
        }

        @Test
        void freeAmountIsTakenFromTheFirstTransactions() {
            // 30 free: event 1 (10) free, 20 left; event 2 pays on 80 - 20 = 60: 1.794; event 3 → 12: 13.794
            assertThat(amount(PERCENTAGE, properties(", 'free_units_per_total_aggregation': '30'"), lagoEvents))
                    .isEqualByComparingTo("13.794");
        }

        @Test
        void bothAllowances() {
            // 3 free events or 10000 free: events 1-2 free (90); event 3 reaches 10000 and pays on 90: 2.691
            assertThat(amount(PERCENTAGE,
                    properties(", 'free_units_per_events': 3, 'free_units_per_total_aggregation': '10000'"), lagoEvents))
                    .isEqualByComparingTo("2.691");
        }

        @Test
        void freeAmountZeroMeansNoFreeAmount() {
            // Lago's spec sends "0": same as unset → 16.142
            assertThat(amount(PERCENTAGE, properties(", 'free_units_per_total_aggregation': '0'"), lagoEvents))
                    .isEqualByComparingTo("16.142");
        }

        @Test
        void freeAllowanceEndsWithTheFirstLimitReached() {
            // 1 free event or 1000 free: only event 1 is free (the event limit runs out first);
            // 20 × 10% + 30 × 10% = 2 + 3 = 5. (Lago's per-transaction code would keep all three free here.)
            String properties = "{'rate': '10', 'per_transaction_min_amount': '0', 'free_units_per_events': 1,"
                    + " 'free_units_per_total_aggregation': '1000'}";
            assertThat(amount(PERCENTAGE, properties, events("10", "20", "30"))).isEqualByComparingTo("5");
        }

        @Test
        void minimumOnly() {
            // 1 × 1% = 0.01 → 0.5; 1000 × 1% = 10: 10.5
            String properties = "{'rate': '1', 'per_transaction_min_amount': '0.5'}";
            assertThat(amount(PERCENTAGE, properties, events("1", "1000"))).isEqualByComparingTo("10.5");
        }

        @Test
        void withoutEventValuesTheUnitsAreSpreadEvenly() {
            // 30 units over 3 events read as 10 each: 10 × 10% = 1 each, at most 0.75: 3 × 0.75 = 2.25
            String properties = "{'rate': '10', 'per_transaction_max_amount': '0.75'}";
            assertThat(amount(PERCENTAGE, properties, ChargeUsage.of(new BigDecimal("30"), 3))).isEqualByComparingTo("2.25");
        }
    }
}

package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

/** Percentage amounts against an event-by-event simulation of the free allowance. */
class ChargeModelPercentagePropertiesTest {
    private static final int TRIES = 500;

    /** Generated terms; 0 free events and a 0 free amount mean "not set", as in Lago. */
    private record Terms(BigDecimal rate, BigDecimal fixed, int freeEvents, BigDecimal freeAmount, BigDecimal min,
            BigDecimal max) {

        String json() {
            StringBuilder json = new StringBuilder("{'rate': '" + rate.toPlainString() + "', 'fixed_amount': '"
                    + fixed.toPlainString() + "'");
            if (freeEvents > 0) {
                json.append(", 'free_units_per_events': ").append(freeEvents);
            }
            if (freeAmount.signum() > 0) {
                json.append(", 'free_units_per_total_aggregation': '").append(freeAmount.toPlainString()).append("'");
            }
            if (min != null) {
                json.append(", 'per_transaction_min_amount': '").append(min.toPlainString()).append("'");
            }
            if (max != null) {
                json.append(", 'per_transaction_max_amount': '").append(max.toPlainString()).append("'");
            }
            return json.append("}").toString();
        }

        Terms withFreeAmount(BigDecimal amount) {
            return new Terms(rate, fixed, freeEvents, amount, min, max);
        }

        Terms withBounds(BigDecimal newMin, BigDecimal newMax) {
            return new Terms(rate, fixed, freeEvents, freeAmount, newMin, newMax);
        }
    }

    private static Terms terms(BigDecimal rate, BigDecimal fixed, int freeEvents, BigDecimal freeAmount,
            BigDecimal bound1, BigDecimal bound2, int bounds) {
        // bounds: 0 none, 1 minimum only, 2 maximum only, 3 both (the smaller one as minimum)
        BigDecimal low = bound1.min(bound2);
        BigDecimal high = bound1.max(bound2);
        return new Terms(rate, fixed, freeEvents, freeAmount,
                bounds == 1 || bounds == 3 ? low : null, bounds == 2 || bounds == 3 ? high : null);
    }

    private static BigDecimal percentage(Terms terms, List<BigDecimal> events) {
        BigDecimal units = events.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return ChargeFixtures.amount(ChargeModel.PERCENTAGE, terms.json(),
                new ChargeUsage(units, events.size(), events, null));
    }

    /**
     * Reference: walk the events keeping two counters (free events left, free amount left). An event is free while
     * both last and the free amount left exceeds it; the event that exhausts the free amount pays on the rest; then
     * every event pays rate% + fixed amount, bounded per transaction when bounds are set. Without bounds, a period
     * without units costs nothing (Lago charges no fixed amount then).
     */
    private static BigDecimal reference(Terms terms, List<BigDecimal> events) {
        boolean bounded = terms.min() != null || terms.max() != null;
        BigDecimal units = events.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (!bounded && units.signum() == 0) {
            return BigDecimal.ZERO;
        }
        boolean allowance = terms.freeEvents() > 0 || terms.freeAmount().signum() > 0;
        int eventsLeft = terms.freeEvents() > 0 ? terms.freeEvents() : Integer.MAX_VALUE;
        BigDecimal amountLeft = terms.freeAmount().signum() > 0 ? terms.freeAmount() : null;
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal value : events) {
            BigDecimal paid = value;
            if (allowance) {
                if (eventsLeft == 0) {
                    allowance = false;
                } else if (amountLeft == null || amountLeft.compareTo(value) > 0) {
                    eventsLeft--;
                    amountLeft = amountLeft == null ? null : amountLeft.subtract(value);
                    continue;
                } else {
                    paid = value.subtract(amountLeft);
                    allowance = false;
                }
            }
            BigDecimal price = paid.multiply(terms.rate()).divide(BigDecimal.valueOf(100)).add(terms.fixed());
            if (terms.min() != null && price.compareTo(terms.min()) < 0) {
                price = terms.min();
            }
            if (terms.max() != null && price.compareTo(terms.max()) > 0) {
                price = terms.max();
            }
            total = total.add(price);
        }
        return total;
    }

    @Property(tries = TRIES)
    void matchesTheEventByEventSimulation(
            @ForAll @Size(max = 8) List<@BigRange(min = "0", max = "500") @Scale(2) BigDecimal> events,
            @ForAll @BigRange(min = "0", max = "5") @Scale(2) BigDecimal rate,
            @ForAll @BigRange(min = "0", max = "2") @Scale(2) BigDecimal fixed,
            @ForAll @IntRange(max = 6) int freeEvents,
            @ForAll @BigRange(min = "0", max = "1000") @Scale(2) BigDecimal freeAmount,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal bound1,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal bound2,
            @ForAll @IntRange(max = 3) int bounds) {
        Terms terms = terms(rate, fixed, freeEvents, freeAmount, bound1, bound2, bounds);
        BigDecimal amount = percentage(terms, events);
        assertThat(amount).isEqualByComparingTo(reference(terms, events));
        assertThat(amount).isNotNegative();
    }

    @Property(tries = TRIES)
    void looseBoundsChangeNothing(
            @ForAll @Size(min = 1, max = 8) List<@BigRange(min = "0.01", max = "500") @Scale(2) BigDecimal> events,
            @ForAll @BigRange(min = "0", max = "5") @Scale(2) BigDecimal rate,
            @ForAll @BigRange(min = "0", max = "2") @Scale(2) BigDecimal fixed,
            @ForAll @IntRange(max = 6) int freeEvents,
            @ForAll @BigRange(min = "0", max = "1000") @Scale(2) BigDecimal freeAmount) {
        // Per-transaction pricing with bounds no event reaches equals whole-period pricing.
        Terms unbounded = new Terms(rate, fixed, freeEvents, freeAmount, null, null);
        assertThat(percentage(unbounded.withBounds(BigDecimal.ZERO, new BigDecimal("1000000")), events))
                .isEqualByComparingTo(percentage(unbounded, events));
    }

    @Property(tries = TRIES)
    void moreFreeAmountNeverCostsMore(
            @ForAll @Size(max = 8) List<@BigRange(min = "0", max = "500") @Scale(2) BigDecimal> events,
            @ForAll @BigRange(min = "0", max = "5") @Scale(2) BigDecimal rate,
            @ForAll @BigRange(min = "0", max = "2") @Scale(2) BigDecimal fixed,
            @ForAll @IntRange(max = 6) int freeEvents,
            @ForAll @BigRange(min = "0.01", max = "1000") @Scale(2) BigDecimal freeAmount,
            @ForAll @BigRange(min = "0", max = "500") @Scale(2) BigDecimal extra,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal bound1,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal bound2,
            @ForAll @IntRange(max = 3) int bounds) {
        // Only once a free amount is set: setting one where there was none adds a limit to the free events
        // ("whichever runs out first"), which can cost more.
        Terms terms = terms(rate, fixed, freeEvents, freeAmount, bound1, bound2, bounds);
        assertThat(percentage(terms.withFreeAmount(freeAmount.add(extra)), events))
                .isLessThanOrEqualTo(percentage(terms, events));
    }

    @Property(tries = TRIES)
    void countMetricNeedsNoEventValues(@ForAll @IntRange(max = 30) int count,
            @ForAll @BigRange(min = "0", max = "5") @Scale(2) BigDecimal rate,
            @ForAll @BigRange(min = "0", max = "2") @Scale(2) BigDecimal fixed,
            @ForAll @IntRange(max = 6) int freeEvents,
            @ForAll @BigRange(min = "0", max = "40") @Scale(0) BigDecimal freeAmount,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal bound1,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal bound2,
            @ForAll @IntRange(max = 3) int bounds) {
        // Every event of a count metric is 1 unit: leaving eventUnits out must give the same amount.
        Terms terms = terms(rate, fixed, freeEvents, freeAmount, bound1, bound2, bounds);
        BigDecimal units = BigDecimal.valueOf(count);
        BigDecimal withValues = ChargeFixtures.amount(ChargeModel.PERCENTAGE, terms.json(),
                new ChargeUsage(units, count, Collections.nCopies(count, BigDecimal.ONE), null));
        BigDecimal withoutValues = ChargeFixtures.amount(ChargeModel.PERCENTAGE, terms.json(), ChargeUsage.of(units, count));
        assertThat(withoutValues).isEqualByComparingTo(withValues);
    }
}

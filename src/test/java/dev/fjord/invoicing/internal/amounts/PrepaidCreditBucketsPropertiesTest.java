package dev.fjord.invoicing.internal.amounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The buckets' rounding: reconciled to the invoice as Lago does, then whole minor units that never overshoot. */
class PrepaidCreditBucketsPropertiesTest {

    /** Precise bucket amounts, largest first, as {@link PayableBuckets} orders them. */
    @Provide
    Arbitrary<List<BigDecimal>> buckets() {
        return Arbitraries.bigDecimals().between(new BigDecimal("0.000001"), new BigDecimal("100000")).ofScale(6)
                .list().ofMinSize(1).ofMaxSize(5)
                .map(amounts -> amounts.stream().sorted((a, b) -> b.compareTo(a)).toList());
    }

    @Property(tries = 1000)
    void aRoundingGapOfAtMostAUnitPerBucketGoesToTheLargest(@ForAll("buckets") List<BigDecimal> buckets,
            @ForAll @LongRange(min = 0, max = 6) long unitsAboveTheFloorOfTheSum) {
        BigDecimal sum = buckets.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        long invoiceTotal = sum.setScale(0, RoundingMode.FLOOR).longValue() + unitsAboveTheFloorOfTheSum;
        BigDecimal gap = BigDecimal.valueOf(invoiceTotal).subtract(sum);

        List<BigDecimal> reconciled = PayableBuckets.reconcile(buckets, invoiceTotal);

        boolean rounding = gap.signum() > 0 && gap.compareTo(BigDecimal.valueOf(buckets.size())) <= 0;
        assertThat(reconciled.get(0)).isEqualByComparingTo(rounding ? buckets.get(0).add(gap) : buckets.get(0));
        assertThat(reconciled.subList(1, reconciled.size())).isEqualTo(buckets.subList(1, buckets.size()));
    }

    @Property(tries = 1000)
    void wholeBucketsRoundEachAmountUpOrDownAndAddUpToTheRoundedSumCappedByTheInvoice(
            @ForAll("buckets") List<BigDecimal> buckets, @ForAll @LongRange(min = 0, max = 600_000) long invoiceTotal) {
        long[] whole = PayableBuckets.wholeCents(buckets, invoiceTotal);

        long floors = 0;
        for (int i = 0; i < whole.length; i++) {
            long floor = buckets.get(i).setScale(0, RoundingMode.FLOOR).longValue();
            assertThat(whole[i]).isBetween(floor, buckets.get(i).setScale(0, RoundingMode.CEILING).longValue());
            floors += floor;
        }
        long roundedSum = buckets.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(0, RoundingMode.HALF_UP).longValue();
        // Below the floors there is nothing to round: the invoice cap is then applied wallet by wallet.
        assertThat(Arrays.stream(whole).sum()).isEqualTo(Math.max(floors, Math.min(invoiceTotal, roundedSum)));
    }
}

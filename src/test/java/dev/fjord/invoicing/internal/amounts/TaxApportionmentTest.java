package dev.fjord.invoicing.internal.amounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Applied taxes, each rounded, add up to the total rounded once, a cent at most from their half-up amounts. */
class TaxApportionmentTest {

    @Test
    void theMissingCentGoesToTheLargestDroppedFraction() {
        // 301.4 + 55.44 + 25.0 = 381.84 → 382; half-up each: 301 + 55 + 25 = 381; ECO dropped .44 > VAT's .4
        assertThat(TaxApportionment.apportion(List.of(new BigDecimal("301.4"), new BigDecimal("55.44"),
                new BigDecimal("25.0")), 382)).containsExactly(301, 56, 25);
    }

    @Test
    void theExtraCentComesFromTheLargestAddedFraction() {
        // 10.5 + 10.5 + 10.4 = 31.4 → 31; half-up each: 11 + 11 + 10 = 32; both .5 added as much: the first gives
        // its cent back
        assertThat(TaxApportionment.apportion(List.of(new BigDecimal("10.5"), new BigDecimal("10.5"),
                new BigDecimal("10.4")), 31)).containsExactly(10, 11, 10);
    }

    @Test
    void amountsThatAlreadyAddUpStayHalfUp() {
        // 201.6 + 55.44 = 257.04 → 257 = 202 + 55
        assertThat(TaxApportionment.apportion(List.of(new BigDecimal("201.6"), new BigDecimal("55.44")), 257))
                .containsExactly(202, 55);
    }

    @Property(tries = 500)
    void theAmountsAddUpToTheRoundedSumAndStayWithinACentOfHalfUp(
            @ForAll @Size(min = 1, max = 6) List<@BigRange(min = "0", max = "100000") @Scale(5) BigDecimal> precise) {
        long total = Money.round(precise.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        long[] amounts = TaxApportionment.apportion(new ArrayList<>(precise), total);
        long sum = 0;
        for (int i = 0; i < amounts.length; i++) {
            assertThat(amounts[i]).isNotNegative();
            assertThat(Math.abs(amounts[i] - Money.round(precise.get(i)))).isLessThanOrEqualTo(1);
            // never more than a cent from the exact amount either
            assertThat(BigDecimal.valueOf(amounts[i]).subtract(precise.get(i)).abs()).isLessThan(BigDecimal.ONE);
            sum += amounts[i];
        }
        assertThat(sum).isEqualTo(total);
    }
}

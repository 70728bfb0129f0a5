package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Package amounts against counting packs by repeated subtraction. */
class ChargeModelPackagePropertiesTest {
    private static final int TRIES = 500;

    private static BigDecimal packagePrice(BigDecimal price, int size, int free, BigDecimal units) {
        String properties = "{'amount': '" + price.toPlainString() + "', 'package_size': " + size + ", 'free_units': " + free + "}";
        return ChargeFixtures.amount(ChargeModel.PACKAGE, properties, ChargeUsage.of(units, 1));
    }

    @Property(tries = TRIES)
    void countsStartedPacksAfterTheFreeUnits(@ForAll @BigRange(min = "0", max = "50") @Scale(2) BigDecimal price,
            @ForAll @IntRange(min = 1, max = 20) int size, @ForAll @IntRange(max = 30) int free,
            @ForAll @BigRange(min = "0", max = "200") @Scale(1) BigDecimal units) {
        // Reference: take packs off the paid units until none are left.
        BigDecimal left = units.subtract(BigDecimal.valueOf(free));
        int packs = 0;
        while (left.signum() > 0) {
            packs++;
            left = left.subtract(BigDecimal.valueOf(size));
        }
        assertThat(packagePrice(price, size, free, units)).isEqualByComparingTo(price.multiply(BigDecimal.valueOf(packs)));
    }

    @Property(tries = TRIES)
    void neverNegativeAndNeverDecreasing(@ForAll @BigRange(min = "0", max = "50") @Scale(2) BigDecimal price,
            @ForAll @IntRange(min = 1, max = 20) int size, @ForAll @IntRange(max = 30) int free,
            @ForAll @BigRange(min = "0", max = "200") @Scale(2) BigDecimal units,
            @ForAll @BigRange(min = "0", max = "50") @Scale(2) BigDecimal more) {
        BigDecimal amount = packagePrice(price, size, free, units);
        assertThat(amount).isNotNegative();
        assertThat(packagePrice(price, size, free, units.add(more))).isGreaterThanOrEqualTo(amount);
    }
}

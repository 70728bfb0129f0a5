package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Volume amounts against simple reference computations. */
class ChargeModelVolumePropertiesTest {
    private static final int TRIES = 500;

    @Provide
    Arbitrary<ChargeTierFixture> tiers() {
        return ChargeTierFixture.tiers();
    }

    private static BigDecimal volume(ChargeTierFixture tiers, BigDecimal units) {
        return ChargeFixtures.amount(ChargeModel.VOLUME, tiers.json("volume_ranges", "per_unit_amount"),
                ChargeUsage.of(units, 1));
    }

    private static BigDecimal priceAt(ChargeTierFixture tiers, int tier, BigDecimal units) {
        return units.multiply(tiers.prices().get(tier)).add(tiers.flats().get(tier));
    }

    @Property(tries = TRIES)
    void wholeUnitsPricedAtTheTierOfTheLastUnit(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @IntRange(max = 80) int units) {
        // Reference: the tier holding the last unit used (the first tier when nothing is used) prices them all.
        int tier = units == 0 ? 0 : tiers.tierOfUnit(units);
        assertThat(volume(tiers, BigDecimal.valueOf(units))).isEqualByComparingTo(priceAt(tiers, tier, BigDecimal.valueOf(units)));
    }

    @Property(tries = TRIES)
    void fractionalUnitsFollowLagosTierMatch(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(2) BigDecimal units) {
        // Lago's match for "+1" tiers: the first tier with from <= ceil(units) and units <= to.
        ChargeTierFixture integerTiers = tiers.writtenAs(false);
        BigDecimal ceiling = units.setScale(0, RoundingMode.CEILING);
        int match = -1;
        for (int tier = 0; tier < integerTiers.size() && match < 0; tier++) {
            Long to = integerTiers.to(tier);
            if (BigDecimal.valueOf(integerTiers.from(tier)).compareTo(ceiling) <= 0
                    && (to == null || units.compareTo(BigDecimal.valueOf(to)) <= 0)) {
                match = tier;
            }
        }
        Assume.that(match >= 0);
        assertThat(volume(integerTiers, units)).isEqualByComparingTo(priceAt(integerTiers, match, units));
    }

    @Property(tries = TRIES)
    void bothWritingsCostTheSame(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(3) BigDecimal units) {
        assertThat(volume(tiers.writtenAs(true), units)).isEqualByComparingTo(volume(tiers.writtenAs(false), units));
    }

    @Property(tries = TRIES)
    void neverNegative(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(2) BigDecimal units) {
        assertThat(volume(tiers, units)).isNotNegative();
    }
}

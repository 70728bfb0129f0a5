package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;

/** Graduated and graduated percentage amounts against simple reference computations. */
class ChargeModelGraduatedPropertiesTest {
    private static final int TRIES = 500;

    @Provide
    Arbitrary<ChargeTierFixture> tiers() {
        return ChargeTierFixture.tiers();
    }

    private static BigDecimal graduated(ChargeTierFixture tiers, BigDecimal units) {
        return ChargeFixtures.amount(ChargeModel.GRADUATED, tiers.json("graduated_ranges", "per_unit_amount"),
                ChargeUsage.of(units, 1));
    }

    @Property(tries = TRIES)
    void wholeUnitsPricedOneByOne(@ForAll("tiers") ChargeTierFixture tiers, @ForAll @IntRange(max = 80) int units) {
        // Reference: walk the units one by one, each at the price of the tier holding it;
        // add the flat amount of the first tier, and of every tier whose first unit was used.
        BigDecimal expected = tiers.flats().get(0);
        for (long unit = 1; unit <= units; unit++) {
            expected = expected.add(tiers.prices().get(tiers.tierOfUnit(unit)));
        }
        for (int tier = 1; tier < tiers.size(); tier++) {
            if (units >= tiers.firstUnit(tier)) {
                expected = expected.add(tiers.flats().get(tier));
            }
        }
        assertThat(graduated(tiers, BigDecimal.valueOf(units))).isEqualByComparingTo(expected);
    }

    @Property(tries = TRIES)
    void fractionalUnitsFollowLagosTierFormula(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(2) BigDecimal units) {
        // Lago's arithmetic when every tier is written the same way: units in a tier are
        // min(units, to) itself for the first tier, else min(units, to) - from (adjacent) or + 1 ("+1" writing).
        Assume.that(tiers.uniformlyWritten());
        BigDecimal expected = BigDecimal.ZERO;
        for (int tier = 0; tier < tiers.size(); tier++) {
            Long to = tiers.to(tier);
            BigDecimal top = to != null && units.compareTo(BigDecimal.valueOf(to)) >= 0 ? BigDecimal.valueOf(to) : units;
            BigDecimal from = BigDecimal.valueOf(tiers.from(tier));
            BigDecimal inTier = tier == 0 ? top
                    : tiers.adjacent().get(0) ? top.subtract(from) : top.subtract(from).add(BigDecimal.ONE);
            expected = expected.add(inTier.multiply(tiers.prices().get(tier))).add(tiers.flats().get(tier));
            if (to == null || BigDecimal.valueOf(to).compareTo(units) >= 0) {
                break;
            }
        }
        assertThat(graduated(tiers, units)).isEqualByComparingTo(expected);
    }

    @Property(tries = TRIES)
    void bothWritingsCostTheSame(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(3) BigDecimal units) {
        assertThat(graduated(tiers.writtenAs(true), units)).isEqualByComparingTo(graduated(tiers.writtenAs(false), units));
        assertThat(graduated(tiers, units)).isEqualByComparingTo(graduated(tiers.writtenAs(true), units));
    }

    @Property(tries = TRIES)
    void neverNegativeAndNeverDecreasing(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(2) BigDecimal some,
            @ForAll @BigRange(min = "0", max = "20") @Scale(2) BigDecimal more) {
        BigDecimal amount = graduated(tiers, some);
        assertThat(amount).isGreaterThanOrEqualTo(tiers.flats().get(0));
        assertThat(graduated(tiers, some.add(more))).isGreaterThanOrEqualTo(amount);
    }

    @Property(tries = TRIES)
    void graduatedPercentageIsGraduatedAtRateOverOneHundred(@ForAll("tiers") ChargeTierFixture tiers,
            @ForAll @BigRange(min = "0", max = "80") @Scale(2) BigDecimal units) {
        // rate r% on an amount is a price of r/100 per unit of amount
        ChargeTierFixture asPrices = new ChargeTierFixture(tiers.tos(),
                tiers.prices().stream().map(rate -> rate.movePointLeft(2)).toList(), tiers.flats(), tiers.adjacent());
        BigDecimal percentage = ChargeFixtures.amount(ChargeModel.GRADUATED_PERCENTAGE,
                tiers.json("graduated_percentage_ranges", "rate"), ChargeUsage.of(units, 1));
        assertThat(percentage).isEqualByComparingTo(graduated(asPrices, units));
    }
}

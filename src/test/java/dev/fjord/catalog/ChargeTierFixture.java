package dev.fjord.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A generated tier list with integer bounds, for property tests: tier i ends at {@code tos[i]} (the last is open)
 * and each later tier is written either adjacent ({@code from = previous to}) or "+1" ({@code from = previous to + 1}).
 */
record ChargeTierFixture(List<Long> tos, List<BigDecimal> prices, List<BigDecimal> flats, List<Boolean> adjacent) {

    int size() {
        return prices.size();
    }

    long from(int tier) {
        return tier == 0 ? 0 : adjacent.get(tier - 1) ? tos.get(tier - 1) : tos.get(tier - 1) + 1;
    }

    /** null for the open last tier. */
    Long to(int tier) {
        return tier < tos.size() ? tos.get(tier) : null;
    }

    /** The first whole unit of a tier, read from the bounds as written: 1 for the first tier. */
    long firstUnit(int tier) {
        return tier == 0 ? 1 : adjacent.get(tier - 1) ? from(tier) + 1 : from(tier);
    }

    /** The tier holding whole unit {@code unit} &ge; 1, read from the bounds as written. */
    int tierOfUnit(long unit) {
        for (int tier = 0; tier < size(); tier++) {
            if (unit >= firstUnit(tier) && (to(tier) == null || unit <= to(tier))) {
                return tier;
            }
        }
        throw new IllegalStateException("no tier holds unit " + unit);
    }

    /** The same tiers, every later one written the given way. */
    ChargeTierFixture writtenAs(boolean allAdjacent) {
        List<Boolean> writing = new ArrayList<>();
        adjacent.forEach(ignored -> writing.add(allAdjacent));
        return new ChargeTierFixture(tos, prices, flats, writing);
    }

    boolean uniformlyWritten() {
        return adjacent.stream().distinct().count() <= 1;
    }

    /** The Lago properties, e.g. {@code {"graduated_ranges": [...]}} with {@code priceKey} per_unit_amount or rate. */
    String json(String field, String priceKey) {
        StringBuilder json = new StringBuilder("{'" + field + "': [");
        for (int tier = 0; tier < size(); tier++) {
            json.append(tier == 0 ? "" : ",").append("{'from_value': ").append(from(tier))
                    .append(", 'to_value': ").append(to(tier))
                    .append(", '").append(priceKey).append("': '").append(prices.get(tier).toPlainString())
                    .append("', 'flat_amount': '").append(flats.get(tier).toPlainString()).append("'}");
        }
        return json.append("]}").toString();
    }

    /** 1 to 4 tiers, widths 1 to 15 units, prices 0-10, flats 0-5. */
    static Arbitrary<ChargeTierFixture> tiers() {
        return Arbitraries.integers().between(1, 4).flatMap(count -> Combinators.combine(
                Arbitraries.integers().between(1, 15).list().ofSize(count - 1),
                Arbitraries.of(true, false).list().ofSize(count - 1),
                money(10).list().ofSize(count),
                money(5).list().ofSize(count)).as(ChargeTierFixture::build));
    }

    static Arbitrary<BigDecimal> money(int max) {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(max)).ofScale(2);
    }

    private static ChargeTierFixture build(List<Integer> widths, List<Boolean> adjacent, List<BigDecimal> prices,
            List<BigDecimal> flats) {
        List<Long> tos = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < widths.size(); i++) {
            // from the second tier on, at least 2 units wide so the tier stays valid written either way
            int width = i > 0 ? Math.max(widths.get(i), 2) : widths.get(i);
            previous += width;
            tos.add(previous);
        }
        return new ChargeTierFixture(tos, prices, flats, adjacent);
    }
}

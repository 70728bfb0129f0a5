package dev.fjord.invoicing;

import static dev.fjord.invoicing.InvoiceLines.T0;
import static dev.fjord.invoicing.InvoiceLines.id;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random invoices for the calculator's properties: few plans and metrics so that coupons and wallets often target
 * fees of the invoice, small and zero amounts for rounding edges, equal timestamps for ordering ties.
 */
final class InvoiceCases {
    static final List<UUID> PLANS = List.of(id("plan 1"), id("plan 2"));
    static final List<UUID> METRICS = List.of(id("metric 1"), id("metric 2"), id("metric 3"));
    private static final List<String> FEE_TYPES = List.of("subscription", "charge", "add_on", "fixed_charge",
            "commitment");
    private static final List<String> TAX_RATES = List.of("0", "0.1", "5.5", "10", "19.6", "20", "33.333");

    private InvoiceCases() {}

    record InvoiceCase(String currency, List<FeeLine> fees, List<CouponLine> coupons, List<WalletLine> wallets,
            boolean consumesCredits) {
        InvoiceComputation compute() {
            return InvoiceCalculator.compute(currency, fees, coupons, List.of(), wallets, consumesCredits);
        }
    }

    static Arbitrary<InvoiceCase> invoices() {
        return Combinators.combine(Arbitraries.of("EUR", "EUR", "JPY"), fees(), coupons(), wallets(),
                Arbitraries.of(true, true, true, false)).as(InvoiceCase::new);
    }

    private static Arbitrary<Long> cents() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0L)),
                Tuple.of(3, Arbitraries.longs().between(1, 100)),
                Tuple.of(6, Arbitraries.longs().between(0, 10_000_000)));
    }

    private record FeeShape(String type, UUID plan, UUID metric, long cents, String taxRate) {}

    static Arbitrary<List<FeeLine>> fees() {
        Arbitrary<FeeShape> fee = Combinators.combine(Arbitraries.of(FEE_TYPES), Arbitraries.of(PLANS),
                Arbitraries.of(METRICS), cents(), Arbitraries.of(TAX_RATES)).as(FeeShape::new);
        return fee.list().ofMaxSize(6).map(shapes -> IntStream.range(0, shapes.size()).mapToObj(i -> {
            FeeShape s = shapes.get(i);
            return new FeeLine(id("fee " + i), s.type(), "add_on".equals(s.type()) ? null : s.plan(),
                    "charge".equals(s.type()) ? s.metric() : null, s.cents(), new BigDecimal(s.taxRate()));
        }).toList());
    }

    private record CouponShape(boolean percentage, long remaining, BigDecimal rate, String currency, int limitation,
            Set<UUID> plans, Set<UUID> metrics, int appliedSecond) {}

    static Arbitrary<List<CouponLine>> coupons() {
        Arbitrary<CouponShape> coupon = Combinators.combine(Arbitraries.of(true, false), cents(),
                Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("150")).ofScale(3),
                Arbitraries.of("EUR", "JPY", "USD"), Arbitraries.integers().between(0, 2),
                Arbitraries.subsetOf(PLANS), Arbitraries.subsetOf(METRICS), Arbitraries.integers().between(0, 3))
                .as(CouponShape::new);
        return coupon.list().ofMaxSize(4).map(shapes -> IntStream.range(0, shapes.size()).mapToObj(i -> {
            CouponShape s = shapes.get(i);
            return new CouponLine(id("coupon " + i), s.percentage() ? CouponLine.PERCENTAGE : CouponLine.FIXED_AMOUNT,
                    s.percentage() ? null : s.remaining(), s.percentage() ? s.rate() : null, s.currency(),
                    s.limitation() == 1 ? s.plans() : Set.of(), s.limitation() == 2 ? s.metrics() : Set.of(),
                    T0.plusSeconds(s.appliedSecond()));
        }).toList());
    }

    private record WalletShape(long balance, int priority, int createdSecond, boolean restricted, Set<String> feeTypes,
            Set<UUID> metrics) {}

    static Arbitrary<List<WalletLine>> wallets() {
        Arbitrary<WalletShape> wallet = Combinators.combine(Arbitraries.longs().between(-1000, 5_000_000),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3),
                Arbitraries.of(true, false, false), // a third of the wallets are restricted
                Arbitraries.subsetOf(FEE_TYPES), Arbitraries.subsetOf(METRICS)).as(WalletShape::new);
        return wallet.list().ofMaxSize(4).map(shapes -> IntStream.range(0, shapes.size()).mapToObj(i -> {
            WalletShape s = shapes.get(i);
            return new WalletLine(id("wallet " + i), s.balance(), s.priority(), T0.plusSeconds(s.createdSecond()),
                    s.restricted() ? s.feeTypes() : Set.of(), s.restricted() ? s.metrics() : Set.of());
        }).toList());
    }
}

package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.invoicing.InvoiceCases.InvoiceCase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for every invoice, whatever its fees, coupons and wallets. */
class InvoiceCalculatorPropertiesTest {
    private static final int TRIES = 1000;

    @Provide
    Arbitrary<InvoiceCase> invoices() {
        return InvoiceCases.invoices();
    }

    @Property(tries = TRIES)
    void theAmountsChainInLagosOrder(@ForAll("invoices") InvoiceCase invoice) {
        InvoiceComputation c = invoice.compute();

        assertThat(c.feesAmountCents()).isEqualTo(invoice.fees().stream().mapToLong(FeeLine::amountCents).sum());
        assertThat(c.subTotalExcludingTaxesAmountCents()).isEqualTo(c.feesAmountCents() - c.couponsAmountCents());
        assertThat(c.subTotalIncludingTaxesAmountCents())
                .isEqualTo(c.subTotalExcludingTaxesAmountCents() + c.taxesAmountCents());
        assertThat(c.totalAmountCents())
                .isEqualTo(c.subTotalIncludingTaxesAmountCents() - c.prepaidCreditAmountCents());
        assertThat(sum(c.couponAmounts())).isEqualTo(c.couponsAmountCents());
        assertThat(sum(c.walletDebits())).isEqualTo(c.prepaidCreditAmountCents());
        assertThat(c.fees().keySet()).containsExactlyElementsOf(invoice.fees().stream().map(FeeLine::key).toList());
    }

    @Property(tries = TRIES)
    void noAmountIsNegativeAndCouponsNeverExceedTheFees(@ForAll("invoices") InvoiceCase invoice) {
        InvoiceComputation c = invoice.compute();

        assertThat(List.of(c.feesAmountCents(), c.couponsAmountCents(), c.subTotalExcludingTaxesAmountCents(),
                c.taxesAmountCents(), c.subTotalIncludingTaxesAmountCents(), c.prepaidCreditAmountCents(),
                c.totalAmountCents())).allSatisfy(amount -> assertThat(amount).isNotNegative());
        assertThat(c.couponsAmountCents()).isLessThanOrEqualTo(c.feesAmountCents());
        assertThat(c.couponAmounts().values()).allSatisfy(amount -> assertThat(amount).isNotNegative());
        for (FeeLine fee : invoice.fees()) {
            FeeResult result = c.fees().get(fee.key());
            assertThat(result.preciseCouponsAmountCents()).isNotNegative()
                    .isLessThanOrEqualTo(BigDecimal.valueOf(fee.amountCents()));
            assertThat(result.taxesPreciseAmountCents()).isNotNegative();
            assertThat(result.taxesAmountCents()).isNotNegative();
        }
    }

    @Property(tries = TRIES)
    void couponsUseNoMoreThanTheyHoldAndTheirSpreadAddsUpToThem(@ForAll("invoices") InvoiceCase invoice) {
        InvoiceComputation c = invoice.compute();
        Map<UUID, CouponLine> coupons = byId(invoice.coupons(), CouponLine::appliedCouponId);

        c.couponAmounts().forEach((id, amount) -> {
            CouponLine coupon = coupons.get(id);
            if (!coupon.percentage()) {
                assertThat(coupon.currency()).isEqualTo(invoice.currency());
                assertThat(amount).isLessThanOrEqualTo(coupon.remainingAmountCents());
            }
        });
        // Each share is kept to 5 decimals (Lago's column), so the spread may miss by half of 10^-5 per share.
        BigDecimal spread = c.fees().values().stream().map(FeeResult::preciseCouponsAmountCents)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tolerance = new BigDecimal("0.000005").multiply(
                BigDecimal.valueOf((long) invoice.fees().size() * invoice.coupons().size()));
        assertThat(spread.subtract(BigDecimal.valueOf(c.couponsAmountCents())).abs())
                .isLessThanOrEqualTo(tolerance);
    }

    @Property(tries = TRIES)
    void theInvoiceTaxesAreTheFeesPreciseTaxesRoundedOnce(@ForAll("invoices") InvoiceCase invoice) {
        InvoiceComputation c = invoice.compute();

        BigDecimal precise = c.fees().values().stream().map(FeeResult::taxesPreciseAmountCents)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(BigDecimal.valueOf(c.taxesAmountCents()).subtract(precise).abs())
                .isLessThanOrEqualTo(new BigDecimal("0.5"));
    }

    @Property(tries = TRIES)
    void walletsNeverPayMoreThanTheInvoiceNorTheirBalance(@ForAll("invoices") InvoiceCase invoice) {
        InvoiceComputation c = invoice.compute();
        Map<UUID, WalletLine> wallets = byId(invoice.wallets(), WalletLine::walletId);
        long balances = invoice.wallets().stream().mapToLong(w -> Math.max(0, w.balanceCents())).sum();

        assertThat(c.prepaidCreditAmountCents())
                .isLessThanOrEqualTo(Math.min(c.subTotalIncludingTaxesAmountCents(), balances));
        c.walletDebits().forEach((id, debit) -> {
            assertThat(wallets).containsKey(id);
            assertThat(debit).isPositive().isLessThanOrEqualTo(wallets.get(id).balanceCents());
        });
        if (!invoice.consumesCredits()) {
            assertThat(c.walletDebits()).isEmpty();
        }
    }

    @Property(tries = TRIES)
    void anUnrestrictedWalletHoldingTheWholeInvoiceLeavesNothingDue(@ForAll("invoices") InvoiceCase invoice) {
        long owed = invoice.compute().subTotalIncludingTaxesAmountCents();
        List<WalletLine> wallets = new ArrayList<>(invoice.wallets());
        // First in line and exactly rich enough: no rounding of the buckets may leave a cent unpaid (Lago PR #5121).
        wallets.add(new WalletLine(InvoiceLines.id("exact wallet"), owed, 0, Instant.EPOCH, Set.of(), Set.of()));

        InvoiceComputation c = InvoiceCalculator.compute(invoice.currency(), invoice.fees(), invoice.coupons(), List.of(),
                wallets, true);

        assertThat(c.totalAmountCents()).isZero();
        if (owed > 0) {
            assertThat(c.walletDebits()).containsEntry(InvoiceLines.id("exact wallet"), owed).hasSize(1);
        }
    }

    @Property(tries = TRIES)
    void walletsForNothingOnTheInvoicePayNothing(@ForAll("invoices") InvoiceCase invoice) {
        List<WalletLine> strangers = List.of(
                new WalletLine(InvoiceLines.id("credit fees only"), 1_000_000, 1, Instant.EPOCH, Set.of("credit"),
                        Set.of()),
                new WalletLine(InvoiceLines.id("unknown metric"), 1_000_000, 1, Instant.EPOCH, Set.of(),
                        Set.of(InvoiceLines.id("metric of another plan"))));

        InvoiceComputation c = InvoiceCalculator.compute(invoice.currency(), invoice.fees(), invoice.coupons(),
                List.of(), strangers, true);

        assertThat(c.walletDebits()).isEmpty();
        assertThat(c.totalAmountCents()).isEqualTo(c.subTotalIncludingTaxesAmountCents());
    }

    private static long sum(Map<UUID, Long> amounts) {
        return amounts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static <T> Map<UUID, T> byId(List<T> lines, Function<T, UUID> id) {
        return lines.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}

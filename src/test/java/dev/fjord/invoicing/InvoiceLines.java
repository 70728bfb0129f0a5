package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Readable fee, coupon and wallet lines for the calculator tests; ids are fixed so failures are reproducible. */
final class InvoiceLines {
    static final UUID PLAN = id("plan");
    static final UUID OTHER_PLAN = id("other plan");
    static final UUID METRIC_A = id("metric A");
    static final UUID METRIC_B = id("metric B");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private InvoiceLines() {}

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    static FeeLine subscriptionFee(String name, long cents, String taxRate) {
        return new FeeLine(id(name), "subscription", PLAN, null, cents, new BigDecimal(taxRate));
    }

    static FeeLine chargeFee(String name, UUID metric, long cents, String taxRate) {
        return new FeeLine(id(name), "charge", PLAN, metric, cents, new BigDecimal(taxRate));
    }

    static FeeLine addOnFee(String name, long cents, String taxRate) {
        return new FeeLine(id(name), "add_on", null, null, cents, new BigDecimal(taxRate));
    }

    static CouponLine fixedCoupon(String name, long remainingCents, String currency, int appliedSecond) {
        return new CouponLine(id(name), CouponLine.FIXED_AMOUNT, remainingCents, null, currency, Set.of(), Set.of(),
                T0.plusSeconds(appliedSecond));
    }

    static CouponLine percentageCoupon(String name, String rate, int appliedSecond) {
        return new CouponLine(id(name), CouponLine.PERCENTAGE, null, new BigDecimal(rate), null, Set.of(), Set.of(),
                T0.plusSeconds(appliedSecond));
    }

    static CouponLine limitedToPlans(CouponLine coupon, UUID... plans) {
        return new CouponLine(coupon.appliedCouponId(), coupon.couponType(), coupon.remainingAmountCents(),
                coupon.percentageRate(), coupon.currency(), Set.of(plans), Set.of(), coupon.appliedAt());
    }

    static CouponLine limitedToMetrics(CouponLine coupon, UUID... metrics) {
        return new CouponLine(coupon.appliedCouponId(), coupon.couponType(), coupon.remainingAmountCents(),
                coupon.percentageRate(), coupon.currency(), Set.of(), Set.of(metrics), coupon.appliedAt());
    }

    static WalletLine wallet(String name, long balanceCents, int priority, int createdSecond) {
        return new WalletLine(id(name), balanceCents, priority, T0.plusSeconds(createdSecond), Set.of(), Set.of());
    }

    static WalletLine walletForFeeTypes(String name, long balanceCents, int priority, String... feeTypes) {
        return new WalletLine(id(name), balanceCents, priority, T0, Set.of(feeTypes), Set.of());
    }

    static WalletLine walletForMetrics(String name, long balanceCents, int priority, UUID... metrics) {
        return new WalletLine(id(name), balanceCents, priority, T0, Set.of(), Set.of(metrics));
    }

    /** A subscription invoice (it consumes wallets). */
    static InvoiceComputation subscriptionInvoice(String currency, List<FeeLine> fees, List<CouponLine> coupons,
            List<WalletLine> wallets) {
        return InvoiceCalculator.compute(currency, fees, coupons, List.of(), wallets, true);
    }

    /** One fee's result; decimals compare by value, whatever their scale. */
    static void assertFee(FeeResult fee, String preciseCoupons, String preciseTaxes, long roundedTaxes) {
        assertThat(fee.preciseCouponsAmountCents()).as("precise coupons").isEqualByComparingTo(preciseCoupons);
        assertThat(fee.taxesPreciseAmountCents()).as("precise taxes").isEqualByComparingTo(preciseTaxes);
        assertThat(fee.taxesAmountCents()).as("rounded taxes").isEqualTo(roundedTaxes);
    }

    /** The invoice-level amounts in Lago's order, so a failed comparison names the field that differs. */
    record Totals(long fees, long coupons, long subTotalExcludingTaxes, long taxes, long subTotalIncludingTaxes,
            long prepaidCredit, long total) {
        static Totals of(InvoiceComputation c) {
            return new Totals(c.feesAmountCents(), c.couponsAmountCents(), c.subTotalExcludingTaxesAmountCents(),
                    c.taxesAmountCents(), c.subTotalIncludingTaxesAmountCents(), c.prepaidCreditAmountCents(),
                    c.totalAmountCents());
        }
    }
}

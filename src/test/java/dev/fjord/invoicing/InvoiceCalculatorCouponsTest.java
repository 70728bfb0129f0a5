package dev.fjord.invoicing;

import static dev.fjord.invoicing.InvoiceLines.METRIC_A;
import static dev.fjord.invoicing.InvoiceLines.OTHER_PLAN;
import static dev.fjord.invoicing.InvoiceLines.PLAN;
import static dev.fjord.invoicing.InvoiceLines.addOnFee;
import static dev.fjord.invoicing.InvoiceLines.assertFee;
import static dev.fjord.invoicing.InvoiceLines.chargeFee;
import static dev.fjord.invoicing.InvoiceLines.fixedCoupon;
import static dev.fjord.invoicing.InvoiceLines.id;
import static dev.fjord.invoicing.InvoiceLines.limitedToMetrics;
import static dev.fjord.invoicing.InvoiceLines.limitedToPlans;
import static dev.fjord.invoicing.InvoiceLines.percentageCoupon;
import static dev.fjord.invoicing.InvoiceLines.subscriptionFee;
import static dev.fjord.invoicing.InvoiceLines.subscriptionInvoice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.fjord.invoicing.InvoiceLines.Totals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Coupons (spec §4.2 step 3, §5.9): which fees they target, in which order, how much, and how it is spread. */
class InvoiceCalculatorCouponsTest {

    @Test
    void couponsLimitedToAMetricThenToAPlanThenUnrestrictedEachOnWhatIsLeft() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 5000, "10"), chargeFee("metric A", METRIC_A, 3000, "10"),
                        addOnFee("add-on", 2000, "10")),
                // applied in the reverse of the order they are used in: the limitation decides first
                List.of(fixedCoupon("unrestricted 5 EUR", 500, "EUR", 0),
                        limitedToPlans(fixedCoupon("plan 10 EUR", 1000, "EUR", 1), PLAN),
                        limitedToMetrics(percentageCoupon("metric 50 %", "50", 2), METRIC_A)),
                List.of());

        // metric 50 %: base = metric A's 30.00 → 15.00, all on metric A
        // plan 10.00: base = what is left of the plan's fees, 50.00 + 15.00 = 65.00 → 10.00, spread
        //   50/65 → 769.23077 on the subscription, 15/65 → 230.76923 on metric A
        // unrestricted 5.00: base = invoice sub-total 100.00 − 25.00 = 75.00, spread on what is left of each fee:
        //   4230.76923/7500 × 500 = 282.05128, 1269.23077/7500 × 500 = 84.61538, 2000/7500 × 500 = 133.33333
        // taxes 10 % × (3948.71795 + 1184.61539 + 1866.66667) = 700.000001 → 7.00
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("metric 50 %"), 1500L),
                entry(id("plan 10 EUR"), 1000L), entry(id("unrestricted 5 EUR"), 500L));
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(10000, 3000, 7000, 700, 7700, 0, 7700));
        assertFee(invoice.fees().get(id("subscription")), "1051.28205", "394.871795", 395);
        assertFee(invoice.fees().get(id("metric A")), "1815.38461", "118.461539", 118);
        assertFee(invoice.fees().get(id("add-on")), "133.33333", "186.666667", 187);
    }

    @Test
    void aCouponLimitedToAnotherPlanOrMetricIsSkipped() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 5000, "0"), addOnFee("add-on", 2000, "0")),
                List.of(limitedToPlans(fixedCoupon("other plan", 1000, "EUR", 0), OTHER_PLAN),
                        limitedToMetrics(percentageCoupon("metric A", "50", 1), METRIC_A)),
                List.of());

        // no fee of OTHER_PLAN and no charge of METRIC_A on the invoice: neither coupon gives a credit
        assertThat(invoice.couponAmounts()).isEmpty();
        assertThat(invoice.couponsAmountCents()).isZero();
    }

    @Test
    void aPlanCouponDoesNotDiscountAddOns() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 1000, "0"), addOnFee("add-on", 2000, "0")),
                List.of(limitedToPlans(percentageCoupon("plan 100 %", "100", 0), PLAN)), List.of());

        // base = the subscription's 10.00 only; the add-on has no plan
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("plan 100 %"), 1000L));
        assertThat(invoice.fees().get(id("add-on")).preciseCouponsAmountCents()).isZero();
    }

    @Test
    void couponsOfTheSameKindApplyOldestFirstUntilTheSubTotalIsZero() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 1000, "20")),
                List.of(fixedCoupon("newest", 800, "EUR", 20), fixedCoupon("oldest", 700, "EUR", 10),
                        fixedCoupon("never reached", 100, "EUR", 30)),
                List.of());

        // oldest 7.00 of 10.00; newest min(8.00, 3.00 left) = 3.00; then nothing is left for the last one
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("oldest"), 700L), entry(id("newest"), 300L));
        assertThat(invoice.subTotalExcludingTaxesAmountCents()).isZero();
    }

    @Test
    void aFixedCouponInAnotherCurrencyIsSkippedButAPercentageHasNoCurrency() {
        InvoiceComputation invoice = subscriptionInvoice("USD", List.of(subscriptionFee("subscription", 1000, "0")),
                List.of(fixedCoupon("euros", 500, "EUR", 0), percentageCoupon("10 %", "10", 1)), List.of());

        assertThat(invoice.couponAmounts()).containsExactly(entry(id("10 %"), 100L));
    }

    @Test
    void aPercentageIsRoundedHalfUpToAMinorUnit() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 1004, "0")),
                List.of(percentageCoupon("12.5 %", "12.5", 0)), List.of());

        // 12.5 % × 10.04 = 1.255 → 1.26
        assertThat(invoice.couponsAmountCents()).isEqualTo(126);
    }

    @Test
    void aCouponIsSpreadProRataOverTheFeesAsLagoDoes() {
        // Lago's AppliedCouponService spec: fees of 2.00 and 1.00, a 0.12 coupon → 0.08 and 0.04
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("two thirds", 200, "0"), addOnFee("one third", 100, "0")),
                List.of(fixedCoupon("0.12 EUR", 12, "EUR", 0)), List.of());

        assertThat(invoice.fees().get(id("two thirds")).preciseCouponsAmountCents()).isEqualByComparingTo("8");
        assertThat(invoice.fees().get(id("one third")).preciseCouponsAmountCents()).isEqualByComparingTo("4");
    }

    @Test
    void aCouponWhoseFeesAreAllZeroIsStillAppliedForZero() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 1000, "0"), chargeFee("unused metric", METRIC_A, 0, "0")),
                List.of(limitedToMetrics(percentageCoupon("metric 10 %", "10", 0), METRIC_A)), List.of());

        // Lago records a credit of 0 (a once percentage coupon is then used up); the caller sees it applied
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("metric 10 %"), 0L));
    }
}

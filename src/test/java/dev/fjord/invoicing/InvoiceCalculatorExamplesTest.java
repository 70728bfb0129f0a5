package dev.fjord.invoicing;

import static dev.fjord.invoicing.InvoiceLines.METRIC_A;
import static dev.fjord.invoicing.InvoiceLines.METRIC_B;
import static dev.fjord.invoicing.InvoiceLines.addOnFee;
import static dev.fjord.invoicing.InvoiceLines.assertFee;
import static dev.fjord.invoicing.InvoiceLines.chargeFee;
import static dev.fjord.invoicing.InvoiceLines.fixedCoupon;
import static dev.fjord.invoicing.InvoiceLines.id;
import static dev.fjord.invoicing.InvoiceLines.percentageCoupon;
import static dev.fjord.invoicing.InvoiceLines.subscriptionFee;
import static dev.fjord.invoicing.InvoiceLines.subscriptionInvoice;
import static dev.fjord.invoicing.InvoiceLines.wallet;
import static dev.fjord.invoicing.InvoiceLines.walletForFeeTypes;
import static dev.fjord.invoicing.InvoiceLines.walletForMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.fjord.invoicing.InvoiceLines.Totals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole invoices worked by hand, in Lago's order: coupons before tax, taxes, prepaid credits after tax. */
class InvoiceCalculatorExamplesTest {

    @Test
    void couponBeforeTaxThenTwentyPercentTaxThenWalletAfterTax() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 6000, "20"), chargeFee("api calls", METRIC_A, 4000, "20")),
                List.of(fixedCoupon("10 EUR off", 1000, "EUR", 0)),
                List.of(wallet("wallet", 50000, 1, 0)));

        // fees 60.00 + 40.00 = 100.00; the 10.00 coupon comes off before tax, pro rata: 6.00 and 4.00
        // taxes 20 % × (54.00 + 36.00) = 18.00, not 20 % × 100.00; including taxes 90.00 + 18.00 = 108.00
        // the wallet pays last, taxes included: 108.00, leaving 0
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(10000, 1000, 9000, 1800, 10800, 10800, 0));
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("10 EUR off"), 1000L));
        assertThat(invoice.walletDebits()).containsExactly(entry(id("wallet"), 10800L));
        assertFee(invoice.fees().get(id("subscription")), "600", "1080", 1080);
        assertFee(invoice.fees().get(id("api calls")), "400", "720", 720);
    }

    @Test
    void aWalletSmallerThanTheInvoicePaysItsWholeBalance() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 10000, "20")),
                List.of(), List.of(wallet("wallet", 3000, 1, 0)));

        // 100.00 + 20 % = 120.00; the wallet holds 30.00 and gives all of it; 90.00 stays due
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(10000, 0, 10000, 2000, 12000, 3000, 9000));
        assertThat(invoice.walletDebits()).containsExactly(entry(id("wallet"), 3000L));
    }

    @Test
    void walletsPayInPriorityOrderAndOnlyWhatTheyApplyTo() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 5000, "20"), chargeFee("metric A", METRIC_A, 3000, "20"),
                        chargeFee("metric B", METRIC_B, 2000, "20")),
                List.of(),
                List.of(walletForMetrics("for metric A", 10000, 2, METRIC_A),
                        walletForFeeTypes("for subscriptions", 1000, 3, "subscription"),
                        wallet("for anything", 4000, 1, 60)));

        // buckets, largest first: subscription 60.00, charge A 36.00, charge B 24.00 (taxes included) = 120.00
        // priority 1, for anything: 40.00 from the largest bucket, subscription (20.00 left there), balance empty
        // priority 2, for metric A: 36.00 from charge A; it may not pay the subscription nor metric B
        // priority 3, for subscriptions: 10.00 of the 20.00 left on the subscription
        // metric B's 24.00 and 10.00 of the subscription stay due: 34.00
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(10000, 0, 10000, 2000, 12000, 8600, 3400));
        assertThat(invoice.walletDebits()).containsExactly(entry(id("for anything"), 4000L),
                entry(id("for metric A"), 3600L), entry(id("for subscriptions"), 1000L));
    }

    @Test
    void aPercentageCouponIsCappedAtItsBaseAndLaterCouponsAreNotUsed() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 2000, "20")),
                List.of(percentageCoupon("150 %", "150", 0), fixedCoupon("5 EUR off", 500, "EUR", 1)),
                List.of(wallet("wallet", 50000, 1, 0)));

        // 150 % of 20.00 is 30.00, capped at the 20.00 base: nothing is left to tax or to take from the wallet.
        // The sub-total reached 0, so the 5.00 coupon is not applied at all and stays whole for later invoices.
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(2000, 2000, 0, 0, 0, 0, 0));
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("150 %"), 2000L));
        assertThat(invoice.walletDebits()).isEmpty();
    }

    @Test
    void aFixedCouponLargerThanTheInvoiceUsesOnlyWhatTheInvoiceHolds() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 3000, "20")),
                List.of(fixedCoupon("50 EUR off", 5000, "EUR", 0)), List.of());

        // min(50.00 remaining, 30.00 base) = 30.00 used; the caller keeps 20.00 remaining on the coupon
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(3000, 3000, 0, 0, 0, 0, 0));
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("50 EUR off"), 3000L));
        assertThat(invoice.fees().get(id("subscription")).preciseCouponsAmountCents())
                .isEqualByComparingTo("3000");
    }

    @Test
    void anInvoiceOfZeroUsesNoCouponAndNoWallet() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("free plan", 0, "20"), addOnFee("free add-on", 0, "20")),
                List.of(percentageCoupon("10 %", "10", 0), fixedCoupon("5 EUR off", 500, "EUR", 1)),
                List.of(wallet("wallet", 50000, 1, 0)));

        // Lago creates no coupon credit when the fees add up to 0, and consumes wallets only for a total above 0
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(0, 0, 0, 0, 0, 0, 0));
        assertThat(invoice.couponAmounts()).isEmpty();
        assertThat(invoice.walletDebits()).isEmpty();
        assertFee(invoice.fees().get(id("free plan")), "0", "0", 0);
    }

    @Test
    void yenHaveNoMinorUnitSoEveryRoundingIsToAWholeYen() {
        InvoiceComputation invoice = subscriptionInvoice("JPY", List.of(subscriptionFee("subscription", 999, "10")),
                List.of(percentageCoupon("15 %", "15", 0), fixedCoupon("5 EUR off", 500, "EUR", 1)),
                List.of(wallet("yen wallet", 10000, 1, 0)));

        // 15 % of ¥999 = ¥149.85 → ¥150 (HALF_UP to a yen); the EUR coupon is skipped on a JPY invoice
        // taxes 10 % × ¥849 = ¥84.9 → ¥85; ¥849 + ¥85 = ¥934, all paid by the wallet
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(999, 150, 849, 85, 934, 934, 0));
        assertThat(invoice.couponAmounts()).containsExactly(entry(id("15 %"), 150L));
        assertThat(invoice.walletDebits()).containsExactly(entry(id("yen wallet"), 934L));
    }

    @Test
    void taxesAreRoundedOnceForTheInvoiceNotPerFee() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(addOnFee("a", 5, "10"), addOnFee("b", 5, "10"), addOnFee("c", 5, "10")), List.of(), List.of());

        // each fee: 10 % × 0.05 = 0.005 → 0.01 shown on the fee; the invoice: 0.015 → 0.02, not 0.03
        assertThat(invoice.taxesAmountCents()).isEqualTo(2);
        assertThat(invoice.fees().values()).allSatisfy(fee -> {
            assertThat(fee.taxesPreciseAmountCents()).isEqualByComparingTo("0.5");
            assertThat(fee.taxesAmountCents()).isEqualTo(1);
        });
    }

    @Test
    void creditAndOneOffInvoicesNeverConsumeWallets() {
        InvoiceComputation invoice = InvoiceCalculator.compute("EUR", List.of(addOnFee("add-on", 1000, "20")),
                List.of(), List.of(), List.of(wallet("wallet", 50000, 1, 0)), false);

        assertThat(Totals.of(invoice)).isEqualTo(new Totals(1000, 0, 1000, 200, 1200, 0, 1200));
        assertThat(invoice.walletDebits()).isEmpty();
    }

    @Test
    void fillsTheInvoiceAmountsWithNoProgressiveBillingYet() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 10000, "20")),
                List.of(fixedCoupon("10 EUR off", 1000, "EUR", 0)), List.of(wallet("wallet", 3000, 1, 0)));

        assertThat(invoice.toAmounts()).isEqualTo(
                new Invoice.Amounts(10000, 1000, 0, 9000, 1800, 10800, 0, 3000, null, null, 7800, 0));
    }
}

package dev.fjord.invoicing;

import static dev.fjord.invoicing.InvoiceLines.METRIC_A;
import static dev.fjord.invoicing.InvoiceLines.METRIC_B;
import static dev.fjord.invoicing.InvoiceLines.addOnFee;
import static dev.fjord.invoicing.InvoiceLines.chargeFee;
import static dev.fjord.invoicing.InvoiceLines.id;
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

/** Prepaid credits (spec §4.3): buckets of payable money, wallets in priority order, rounding reconciled. */
class PrepaidCreditAllocationTest {

    @Test
    void walletsOfTheSamePriorityPayOldestFirst() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 1000, "0")),
                List.of(), List.of(wallet("newer", 5000, 1, 20), wallet("older", 600, 1, 10)));

        assertThat(invoice.walletDebits()).containsExactly(entry(id("older"), 600L), entry(id("newer"), 400L));
    }

    @Test
    void walletsWithoutBalanceAreLeftOut() {
        InvoiceComputation invoice = subscriptionInvoice("EUR", List.of(subscriptionFee("subscription", 1000, "0")),
                List.of(), List.of(wallet("empty", 0, 1, 0), wallet("funded", 5000, 2, 0)));

        assertThat(invoice.walletDebits()).containsExactly(entry(id("funded"), 1000L));
    }

    @Test
    void aChargeWalletPaysEveryChargeAndAMetricWalletOnlyItsMetric() {
        InvoiceComputation invoice = subscriptionInvoice("EUR",
                List.of(subscriptionFee("subscription", 4000, "0"), chargeFee("metric A", METRIC_A, 1000, "0"),
                        chargeFee("metric B", METRIC_B, 2000, "0")),
                List.of(),
                List.of(walletForMetrics("metric B only", 10000, 1, METRIC_B),
                        walletForFeeTypes("charges", 10000, 2, "charge")));

        // metric B's wallet pays 20.00; the charge wallet pays what is left of the charges, metric A's 10.00;
        // nobody may pay the 40.00 subscription
        assertThat(invoice.walletDebits()).containsExactly(entry(id("metric B only"), 2000L),
                entry(id("charges"), 1000L));
        assertThat(invoice.totalAmountCents()).isEqualTo(4000);
    }

    @Test
    void theRoundingGapOfTheTaxesGoesToTheLargestBucket() {
        // subscription 1.00 + 0.1 % = 1.001 (precise tax 0.1 cent); add-on 0.10 + 4 % = 0.104 (0.4 cent)
        // invoice taxes round(0.5) = 1 cent: total 1.11, but the buckets add up to 110.5 cents
        // Lago (PR #5121) adds the 0.5 gap to the largest bucket: subscription 100.6 → 101, add-on 10.4 → 10
        List<FeeLine> fees = List.of(subscriptionFee("subscription", 100, "0.1"), addOnFee("add-on", 10, "4"));

        InvoiceComputation addOnWallet = subscriptionInvoice("EUR", fees, List.of(),
                List.of(walletForFeeTypes("add-ons", 1000, 1, "add_on")));
        InvoiceComputation anyWallet = subscriptionInvoice("EUR", fees, List.of(), List.of(wallet("any", 1000, 1, 0)));

        assertThat(addOnWallet.walletDebits()).containsExactly(entry(id("add-ons"), 10L));
        assertThat(anyWallet.walletDebits()).containsExactly(entry(id("any"), 111L));
        assertThat(anyWallet.totalAmountCents()).isZero();
    }

    @Test
    void aRichWalletLeavesNoCentUnpaidWhenPreciseTaxesRoundUp() {
        // Lago's PR #5121 case: two 500.00 charges, each with 34.127 of precise taxes (rate 6.8254 %)
        // invoice taxes round(6825.4) = 6825 cents; the single bucket of 106825.4 cents covers the 1068.25 total
        List<FeeLine> fees = List.of(chargeFee("first", METRIC_A, 50000, "6.8254"),
                chargeFee("second", METRIC_A, 50000, "6.8254"));

        InvoiceComputation invoice = subscriptionInvoice("EUR", fees, List.of(), List.of(wallet("any", 200000, 1, 0)));

        assertThat(Totals.of(invoice)).isEqualTo(new Totals(100000, 0, 100000, 6825, 106825, 106825, 0));
    }

    @Test
    void twoWalletsOnHalfCentBucketsNeverTakeMoreThanTheInvoice() {
        // subscription 10.05 + 10 % = 11.055 and add-on 10.05 + 10 % = 11.055; taxes round(201.0) = 2.01; total 22.11
        // Lago lets each wallet take 1105.5 and rounds each transaction: 1106 + 1106 = 22.12, a cent too many;
        // Fjord makes the buckets whole first, 1106 + 1105, the extra cent going to the first of equal buckets
        List<FeeLine> fees = List.of(subscriptionFee("subscription", 1005, "10"), addOnFee("add-on", 1005, "10"));

        InvoiceComputation invoice = subscriptionInvoice("EUR", fees, List.of(),
                List.of(walletForFeeTypes("subscriptions", 5000, 1, "subscription"),
                        walletForFeeTypes("add-ons", 5000, 2, "add_on")));

        assertThat(invoice.walletDebits()).containsExactly(entry(id("subscriptions"), 1106L),
                entry(id("add-ons"), 1105L));
        assertThat(Totals.of(invoice)).isEqualTo(new Totals(2010, 0, 2010, 201, 2211, 2211, 0));
    }
}

package dev.fjord.invoicing;

import static dev.fjord.invoicing.InvoiceLines.METRIC_A;
import static dev.fjord.invoicing.InvoiceLines.T0;
import static dev.fjord.invoicing.InvoiceLines.chargeFee;
import static dev.fjord.invoicing.InvoiceLines.id;
import static dev.fjord.invoicing.InvoiceLines.subscriptionFee;
import static dev.fjord.invoicing.InvoiceLines.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Step 7 of spec §4.2: credit notes after tax, oldest first, before prepaid credits. */
class InvoiceCalculatorCreditNotesTest {

    @Test
    void theOldestCreditNoteGoesFirstAndWalletsPayOnlyWhatCreditNotesLeft() {
        List<FeeLine> fees = List.of(subscriptionFee("plan", 10000, "20"), chargeFee("calls", METRIC_A, 5000, "20"));
        List<CreditNoteLine> notes = List.of(
                new CreditNoteLine(id("newer"), 10000, T0.plusSeconds(60)),
                new CreditNoteLine(id("older"), 6000, T0));

        InvoiceComputation invoice = InvoiceCalculator.compute("EUR", fees, List.of(), notes,
                List.of(wallet("wallet", 50000, 1, 0)), true);

        // fees 150.00 + 20% = 180.00; the older note gives all its 60.00, the newer 100.00 of its 100.00 → 160.00;
        // the wallet pays the 20.00 left
        assertThat(invoice.subTotalIncludingTaxesAmountCents()).isEqualTo(18000);
        assertThat(invoice.creditNotesAmountCents()).isEqualTo(16000);
        assertThat(invoice.creditNoteAmounts()).containsExactly(
                java.util.Map.entry(id("older"), 6000L), java.util.Map.entry(id("newer"), 10000L));
        assertThat(invoice.prepaidCreditAmountCents()).isEqualTo(2000);
        assertThat(invoice.totalAmountCents()).isZero();
        // 160.00 spread by what each fee costs with its tax: 120/180 and 60/180
        assertThat(invoice.fees().get(id("plan")).preciseCreditNotesAmountCents()).isEqualByComparingTo("10666.66667");
        assertThat(invoice.fees().get(id("calls")).preciseCreditNotesAmountCents()).isEqualByComparingTo("5333.33333");
        assertThat(invoice.toAmounts().creditNotesAmountCents()).isEqualTo(16000);
    }

    @Test
    void aCreditNoteLargerThanTheInvoiceTakesOnlyWhatIsOwedAndDraftsTakeNothing() {
        List<FeeLine> fees = List.of(subscriptionFee("plan", 1000, "20"));
        List<CreditNoteLine> notes = List.of(new CreditNoteLine(id("big"), 5000, T0));

        InvoiceComputation finalized = InvoiceCalculator.compute("EUR", fees, List.of(), notes, List.of(), true);
        // 10.00 + 20% = 12.00 owed: 12.00 of the 50.00 credit note
        assertThat(finalized.creditNoteAmounts()).containsExactly(java.util.Map.entry(id("big"), 1200L));
        assertThat(finalized.totalAmountCents()).isZero();

        InvoiceComputation draft = InvoiceCalculator.compute("EUR", fees, List.of(), notes, List.of(), false);
        assertThat(draft.creditNotesAmountCents()).isZero();
        assertThat(draft.fees().get(id("plan")).preciseCreditNotesAmountCents()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(draft.totalAmountCents()).isEqualTo(1200);
    }
}

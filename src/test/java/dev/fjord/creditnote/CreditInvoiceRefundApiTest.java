package dev.fjord.creditnote;

import static dev.fjord.creditnote.CreditNoteApiTest.assertError;
import static dev.fjord.creditnote.CreditNoteApiTest.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Refunds of a paid top-up (spec §2.3 item 8): a wallet at 1 EUR per credit with 50 bought and 10 granted credits, so
 * a credit invoice of 50.00 EUR with one credit fee.
 */
class CreditInvoiceRefundApiTest extends ApiTest {
    private String wallet;
    private JsonNode invoice;

    @BeforeEach
    void wallet() {
        new Scenario(api).customer("acme", null);
        wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"paid_credits\": \"50\", \"granted_credits\": \"10\"}}").body().get("wallet")
                .get("lago_id").stringValue();
        String invoiceId = api.get("/api/v1/wallets/" + wallet + "/wallet_transactions?transaction_status=purchased").body()
                .get("wallet_transactions").get(0).get("lago_invoice_id").stringValue();
        invoice = api.get("/api/v1/invoices/" + invoiceId).body().get("invoice");
    }

    @Test
    void aRefundVoidsTheRefundedCreditsOfThePurchaseInTheWallet() {
        // unpaid: nothing to refund
        assertError(api.post("/api/v1/credit_notes", refund(0, 2000, 2000)), 405, "invalid_type_or_status");
        api.put("/api/v1/invoices/" + id(invoice), "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        assertThat(balance()).isEqualTo(6000); // 10 granted + 50 bought

        JsonNode note = api.post("/api/v1/credit_notes", refund(0, 2000, 2000)).body().get("credit_note");
        assertThat(note.get("refund_amount_cents").longValue()).isEqualTo(2000);
        assertThat(note.get("refund_status").stringValue()).isEqualTo("pending");
        // 60.00 − 20.00 refunded = 40.00; the void names the purchase it takes from
        assertThat(balance()).isEqualTo(4000);
        JsonNode voided = api.get("/api/v1/wallets/" + wallet + "/wallet_transactions?transaction_status=voided").body()
                .get("wallet_transactions").get(0);
        assertThat(voided.get("amount").stringValue()).isEqualTo("20.0");
        JsonNode purchase = api.get("/api/v1/wallets/" + wallet + "/wallet_transactions?transaction_status=purchased")
                .body().get("wallet_transactions").get(0);
        assertThat(purchase.get("remaining_amount_cents").longValue()).isEqualTo(3000);

        // 30.00 of the purchase is left: 40.00 is more than the wallet still holds of it; credit is never given
        assertValidation(api.post("/api/v1/credit_notes", refund(0, 4000, 4000)), "amount_cents",
                "higher_than_wallet_balance");
        assertValidation(api.post("/api/v1/credit_notes", refund(1000, 0, 1000)), "credit_amount_cents",
                "cannot_credit_invoice");
        assertThat(balance()).isEqualTo(4000);
    }

    private long balance() {
        return api.get("/api/v1/wallets/" + wallet).body().get("wallet").get("balance_cents").longValue();
    }

    private String refund(long credit, long refund, long item) {
        return "{\"credit_note\": {\"invoice_id\": \"" + id(invoice) + "\", \"credit_amount_cents\": " + credit
                + ", \"refund_amount_cents\": " + refund + ", \"items\": [{\"fee_id\": \""
                + invoice.get("fees").get(0).get("lago_id").stringValue() + "\", \"amount_cents\": " + item + "}]}}";
    }

    private static String id(JsonNode node) {
        return node.get("lago_id").stringValue();
    }
}

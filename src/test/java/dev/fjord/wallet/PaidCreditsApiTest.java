package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Paid credits: pending until their credit invoice is paid (spec §2.3), worked with rate 1.5. */
class PaidCreditsApiTest extends ApiTest {

    @BeforeEach
    void customer() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        new Scenario(api).customer("acme", "\"currency\": \"USD\"");
    }

    @AfterEach
    void ledgerBalances() {
        assertThat(api.get("/api/v1/ledger/reconciliation").body().get("ledger_reconciliation").get("mismatches")
                .toString()).isEqualTo("[]");
    }

    @Test
    void twentyPaidAndTenGrantedAtRateOneAndAHalf() {
        JsonNode wallet = api.post("/api/v1/wallets", """
                {"wallet": {"external_customer_id": "acme", "name": "Prepaid", "rate_amount": "1.5", "currency": "USD",
                  "paid_credits": "20", "granted_credits": "10"}}""").body().get("wallet");
        String walletId = wallet.get("lago_id").stringValue();
        // Granted: 10 × 1.50 = 15.00 USD, usable at once. Paid: 20 × 1.50 = 30.00 USD, pending until paid.
        assertThat(wallet.get("credits_balance").stringValue()).isEqualTo("10.0");
        assertThat(wallet.get("balance_cents").longValue()).isEqualTo(1500);

        JsonNode transactions = api.get("/api/v1/wallets/" + walletId + "/wallet_transactions?transaction_status=purchased")
                .body().get("wallet_transactions");
        JsonNode purchase = transactions.get(0);
        assertThat(purchase.get("status").stringValue()).isEqualTo("pending");
        assertThat(purchase.get("amount").stringValue()).isEqualTo("30.0");
        assertThat(purchase.get("credit_amount").stringValue()).isEqualTo("20.0");
        assertThat(purchase.get("remaining_amount_cents").isNull()).isTrue();
        String invoiceId = purchase.get("lago_invoice_id").stringValue();

        JsonNode invoice = api.get("/api/v1/invoices/" + invoiceId).body().get("invoice");
        assertThat(invoice.get("invoice_type").stringValue()).isEqualTo("credit");
        assertThat(invoice.get("status").stringValue()).isEqualTo("finalized");
        assertThat(invoice.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(invoice.get("currency").stringValue()).isEqualTo("USD");
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(3000);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isZero();
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(3000);
        JsonNode fee = invoice.get("fees").get(0);
        // one credit = 1.50 USD = 150 cents; 20 units
        assertThat(fee.get("amount_cents").longValue()).isEqualTo(3000);
        assertThat(fee.get("item").get("type").stringValue()).isEqualTo("credit");
        assertThat(fee.get("item").get("name").stringValue()).isEqualTo("Prepaid credits - Prepaid");

        JsonNode paid = api.put("/api/v1/invoices/" + invoiceId, "{\"invoice\": {\"payment_status\": \"succeeded\"}}").body();
        assertThat(paid.get("invoice").get("payment_status").stringValue()).isEqualTo("succeeded");
        JsonNode after = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        // 10 + 20 = 30 credits = 45.00 USD
        assertThat(after.get("credits_balance").stringValue()).isEqualTo("30.0");
        assertThat(after.get("balance_cents").longValue()).isEqualTo(4500);
        JsonNode settled = api.get("/api/v1/wallet_transactions/" + purchase.get("lago_id").stringValue()).body()
                .get("wallet_transaction");
        assertThat(settled.get("status").stringValue()).isEqualTo("settled");
        assertThat(settled.get("remaining_amount_cents").longValue()).isEqualTo(3000);
        assertThat(settled.get("settled_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");

        // Paying twice changes nothing more.
        api.put("/api/v1/invoices/" + invoiceId, "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue()).isEqualTo(4500);
    }

    @Test
    void aFailedPaymentFailsThePurchaseAndMovesNothing() {
        String walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"USD\"}}").body().get("wallet").get("lago_id").stringValue();
        JsonNode purchase = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"paid_credits\": \"4\", \"name\": \"April pack\"}}").body().get("wallet_transactions").get(0);
        String invoiceId = purchase.get("lago_invoice_id").stringValue();
        assertThat(api.get("/api/v1/invoices/" + invoiceId).body().get("invoice").get("fees").get(0).get("item").get("name")
                .stringValue()).isEqualTo("April pack");

        api.put("/api/v1/invoices/" + invoiceId, "{\"invoice\": {\"payment_status\": \"failed\"}}");
        JsonNode failed = api.get("/api/v1/wallet_transactions/" + purchase.get("lago_id").stringValue()).body()
                .get("wallet_transaction");
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("failed_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue()).isZero();
    }

    @Test
    void paidTopUpsRespectTheWalletsLimits() {
        String walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"USD\", \"paid_top_up_min_amount_cents\": 500, \"paid_top_up_max_amount_cents\": 10000}}")
                .body().get("wallet").get("lago_id").stringValue();
        // 4 credits × 1.00 = 400 cents < 500
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"paid_credits\": \"4\"}}").body().get("error_details").toString())
                .isEqualTo("{\"paid_credits\":[\"amount_below_minimum\"]}");
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"paid_credits\": \"101\"}}").body().get("error_details").toString())
                .isEqualTo("{\"paid_credits\":[\"amount_above_maximum\"]}");
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"paid_credits\": \"101\", \"ignore_paid_top_up_limits\": true}}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/invoices?external_customer_id=acme").body().get("meta").get("total_count").intValue())
                .isEqualTo(1);
    }

    @Test
    void aTopUpThatRequiresPaymentKeepsItsInvoiceOpenAndHidden() {
        String walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"USD\", \"invoice_requires_successful_payment\": true}}").body().get("wallet").get("lago_id").stringValue();
        JsonNode purchase = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"paid_credits\": \"10\"}}").body().get("wallet_transactions").get(0);
        assertThat(purchase.get("invoice_requires_successful_payment").booleanValue()).isTrue();
        assertThat(api.get("/api/v1/invoices/" + purchase.get("lago_invoice_id").stringValue()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue()).isZero();
    }
}

package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.invoicing.InvoiceVoided;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Voiding an invoice that consumed wallet credits gives them back (spec §4.7, lago-api
 * {@code WalletTransactions::RecreditService}): one granted, settled inbound row per consumption, in active wallets.
 * The consumptions are made as the billing run will make them, with {@link WalletTransactions#debit}.
 */
class VoidedInvoiceRecreditApiTest extends ApiTest {
    private static final Instant NOW = Instant.parse("2026-03-15T12:00:00Z");

    @Autowired
    private WalletTransactions transactions;
    @Autowired
    private ApplicationEventPublisher events;
    @Autowired
    private TransactionTemplate transaction;

    private OrganizationId organization;

    @BeforeEach
    void customerAndAddOn() {
        clock.set(NOW);
        JsonNode customer = new Scenario(api).customer("acme", "\"currency\": \"EUR\"");
        organization = new OrganizationId(jdbc.sql("SELECT organization_id FROM customers WHERE id = ?")
                .param(UUID.fromString(customer.get("lago_id").stringValue())).query(UUID.class).single());
        assertThat(api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"Setup\", \"code\": \"setup\","
                + " \"amount_cents\": 10000, \"amount_currency\": \"EUR\"}}").status()).isEqualTo(200);
    }

    @AfterEach
    void ledgerReconciliation() {
        assertThat(api.get("/api/v1/ledger/reconciliation").body().get("ledger_reconciliation").get("mismatches")
                .toString()).isEqualTo("[]");
    }

    private UUID finalizedInvoice() {
        var response = api.post("/api/v1/invoices",
                "{\"invoice\": {\"external_customer_id\": \"acme\", \"fees\": [{\"add_on_code\": \"setup\"}]}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(response.body().get("invoice").get("status").stringValue()).isEqualTo("finalized");
        return UUID.fromString(response.body().get("invoice").get("lago_id").stringValue());
    }

    private UUID wallet(String code, String rate, String grantedCredits) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"code\": \""
                + code + "\", \"rate_amount\": \"" + rate + "\", \"currency\": \"EUR\", \"granted_credits\": \""
                + grantedCredits + "\"}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return UUID.fromString(response.body().get("wallet").get("lago_id").stringValue());
    }

    private JsonNode walletJson(UUID id) {
        return api.get("/api/v1/wallets/" + id).body().get("wallet");
    }

    private JsonNode recredits(UUID walletId) {
        return api.get("/api/v1/wallets/" + walletId + "/wallet_transactions?transaction_status=granted"
                + "&per_page=100").body().get("wallet_transactions");
    }

    private long rows(UUID walletId) {
        return jdbc.sql("SELECT count(*) FROM wallet_transactions WHERE wallet_id = ?").param(walletId)
                .query(Long.class).single();
    }

    @Test
    void voidingGivesBackWhatTheInvoiceTookFromEachActiveWalletOnce() {
        UUID invoiceId = finalizedInvoice();
        UUID otherInvoice = finalizedInvoice();
        // A: 1 credit = 0.50 EUR, 100 credits = 50.00 EUR. B: 1 credit = 1.00 EUR, 30 credits = 30.00 EUR.
        UUID a = wallet("a", "0.5", "100");
        UUID b = wallet("b", "1", "30");
        UUID c = wallet("c", "1", "10");
        // The invoice took 30.00 EUR = 60 credits from A, 10.00 EUR = 10 credits from B, 5.00 from C (terminated
        // since); another invoice took 5.00 EUR = 10 credits from A.
        WalletTransaction fromA = transactions.debit(organization, a, 3000, invoiceId);
        transactions.debit(organization, b, 1000, invoiceId);
        transactions.debit(organization, c, 500, invoiceId);
        transactions.debit(organization, a, 500, otherInvoice);
        assertThat(api.delete("/api/v1/wallets/" + c).status()).isEqualTo(200);
        assertThat(walletJson(a).get("balance_cents").longValue()).isEqualTo(1500);
        assertThat(walletJson(a).get("consumed_credits").stringValue()).isEqualTo("70.0");
        long rowsOfC = rows(c);
        clock.set(NOW.plusSeconds(3600));

        var voided = api.post("/api/v1/invoices/" + invoiceId + "/void", "");

        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);
        assertThat(voided.body().get("invoice").get("status").stringValue()).isEqualTo("voided");
        // A gets its 60 credits (30.00 EUR) back as a granted, settled, inbound row naming the voided invoice
        JsonNode recreditA = recredits(a).get(0);
        assertThat(recreditA.get("lago_voided_invoice_id").stringValue()).isEqualTo(invoiceId.toString());
        assertThat(recreditA.get("lago_invoice_id").isNull()).isTrue();
        assertThat(recreditA.get("transaction_type").stringValue()).isEqualTo("inbound");
        assertThat(recreditA.get("transaction_status").stringValue()).isEqualTo("granted");
        assertThat(recreditA.get("status").stringValue()).isEqualTo("settled");
        assertThat(recreditA.get("settled_at").stringValue()).isEqualTo("2026-03-15T13:00:00Z");
        assertThat(recreditA.get("source").stringValue()).isEqualTo("manual");
        assertThat(recreditA.get("amount").stringValue()).isEqualTo("30.0");
        assertThat(fromA.creditAmount()).isEqualByComparingTo("60");
        assertThat(recreditA.get("credit_amount").stringValue()).isEqualTo("60.0");
        assertThat(recreditA.get("remaining_amount_cents").longValue()).isEqualTo(3000);
        assertThat(recreditA.get("priority").intValue()).isEqualTo(50);
        // the granted top-up of the wallet's creation is the other granted row
        assertThat(recredits(a)).hasSize(2);
        assertThat(recredits(a).get(1).get("lago_voided_invoice_id").isNull()).isTrue();
        // balances: A 15.00 + 30.00 = 45.00 EUR = 90 credits; consumed 70 - 60 = 10 credits (the other invoice's)
        JsonNode walletA = walletJson(a);
        assertThat(walletA.get("balance_cents").longValue()).isEqualTo(4500);
        assertThat(walletA.get("credits_balance").stringValue()).isEqualTo("90.0");
        assertThat(walletA.get("consumed_credits").stringValue()).isEqualTo("10.0");
        // B: 20.00 + 10.00 = 30.00 EUR, all of its credits back
        JsonNode recreditB = recredits(b).get(0);
        assertThat(recreditB.get("lago_voided_invoice_id").stringValue()).isEqualTo(invoiceId.toString());
        assertThat(recreditB.get("credit_amount").stringValue()).isEqualTo("10.0");
        assertThat(walletJson(b).get("balance_cents").longValue()).isEqualTo(3000);
        assertThat(walletJson(b).get("consumed_credits").stringValue()).isEqualTo("0.0");
        // C is terminated: nothing is given back (Lago re-credits active wallets only)
        assertThat(rows(c)).isEqualTo(rowsOfC);
        // the re-credit is itself consumable like any grant
        assertThat(transactions.debit(organization, b, 3000, otherInvoice).amountCents()).isEqualTo(3000);

        // Voiding again changes nothing: the invoice is voided, and the wallet's listener skips what it gave back.
        long rowsOfA = rows(a);
        assertThat(api.post("/api/v1/invoices/" + invoiceId + "/void", "").body().get("code").stringValue())
                .isEqualTo("not_voidable");
        transaction.executeWithoutResult(status -> events.publishEvent(new InvoiceVoided(organization, invoiceId)));
        assertThat(rows(a)).isEqualTo(rowsOfA);
        assertThat(walletJson(a).get("balance_cents").longValue()).isEqualTo(4500);
        // and the schema refuses a second re-credit of the same consumption
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO wallet_transactions (id, organization_id, wallet_id, status, source, transaction_status,
                  transaction_type, amount_cents, credit_amount, remaining_amount_cents, voided_invoice_id,
                  recredited_transaction_id, created_at)
                VALUES (gen_random_uuid(), ?, ?, 'settled', 'manual', 'granted', 'inbound', 3000, 60, 0, ?, ?, now())""")
                .params(organization.value(), a, invoiceId, fromA.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void concurrentVoidsReCreditOnce() throws Exception {
        UUID invoiceId = finalizedInvoice();
        UUID wallet = wallet("a", "1", "50");
        transactions.debit(organization, wallet, 2000, invoiceId);

        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/invoices/" + invoiceId + "/void", "").status();
                }));
            }
            start.countDown();
            var statuses = new java.util.ArrayList<Integer>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            // the invoice's row lock serializes the voids: one succeeds, the others find it voided
            assertThat(statuses).containsOnly(200, 405);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(recredits(wallet)).hasSize(2);
        assertThat(walletJson(wallet).get("balance_cents").longValue()).isEqualTo(5000);
    }

    @Test
    void anInvoiceThatConsumedNothingIsVoidedWithoutWalletRows() {
        UUID wallet = wallet("a", "1", "20");
        long before = rows(wallet);
        UUID invoiceId = finalizedInvoice();

        assertThat(api.post("/api/v1/invoices/" + invoiceId + "/void", "").status()).isEqualTo(200);

        assertThat(rows(wallet)).isEqualTo(before);
        assertThat(walletJson(wallet).get("balance_cents").longValue()).isEqualTo(2000);
    }

    @Test
    void aPaidInvoiceIsNotVoidedSoItsCreditsStaySpent() {
        UUID invoiceId = finalizedInvoice();
        UUID wallet = wallet("a", "1", "20");
        transactions.debit(organization, wallet, 1500, invoiceId);
        api.put("/api/v1/invoices/" + invoiceId, "{\"invoice\": {\"payment_status\": \"succeeded\"}}");

        assertThat(api.post("/api/v1/invoices/" + invoiceId + "/void", "").status()).isEqualTo(405);

        assertThat(walletJson(wallet).get("balance_cents").longValue()).isEqualTo(500);
        assertThat(recredits(wallet)).hasSize(1);
    }
}

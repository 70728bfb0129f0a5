package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Grace periods ({@code invoice_grace_period}, customer over organization): subscription invoices wait as drafts —
 * fees, coupons shown and taxes, no credits consumed — follow late usage, and take their credits when finalized. The
 * catalog: a monthly calendar plan of 10.00 EUR with calls at 0.50, the organization's 20% VAT, billed at the end of
 * March 2026.
 */
class GracePeriodScenarioTest extends ApiTest {
    @Autowired
    private BillingRuns billingRuns;
    private Scenario s;
    private String prefix;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        assertThat(api.post("/api/v1/webhook_endpoints", """
                {"webhook_endpoint": {"webhook_url": "http://127.0.0.1:9/hooks", "signature_algo": "jwt"}}""")
                .status()).isEqualTo(200);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}");
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("monthly", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"invoice_display_name\": \"API calls\", \"properties\": {\"amount\": \"0.50\"}}]");
        prefix = api.get("/api/v1/organizations").body().get("organization").get("document_number_prefix").stringValue();
    }

    @Test
    void aDraftShowsItsCouponFollowsLateUsageAndTakesCreditsOnlyWhenFinalizedByHand() {
        customer("acme", 3);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = wallet("acme", "10");
        coupon("acme", "welcome", 200);
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }

        JsonNode draft = bill("2026-04-01T01:00:00Z");
        String id = draft.get("lago_id").stringValue();
        // fees 10.00 + 4 × 0.50 = 12.00; coupon 2.00 before tax → 10.00; VAT 20% = 2.00 → 12.00; no prepaid credits
        assertThat(draft.get("status").stringValue()).isEqualTo("draft");
        assertThat(draft.get("number").stringValue()).isEqualTo(prefix + "-DRAFT");
        assertThat(draft.get("fees_amount_cents").longValue()).isEqualTo(1200);
        assertThat(draft.get("coupons_amount_cents").longValue()).isEqualTo(200);
        assertThat(draft.get("taxes_amount_cents").longValue()).isEqualTo(200);
        assertThat(draft.get("sub_total_including_taxes_amount_cents").longValue()).isEqualTo(1200);
        assertThat(draft.get("prepaid_credit_amount_cents").longValue()).isZero();
        assertThat(draft.get("total_amount_cents").longValue()).isEqualTo(1200);
        assertThat(draft.get("payment_status").stringValue()).isEqualTo("pending");
        // the wallet, the coupon and the webhooks are untouched by the draft
        assertThat(balanceCents(wallet)).isEqualTo(1000);
        assertThat(invoicedTransactions(wallet)).isEmpty();
        assertThat(activeCoupons("acme")).isEqualTo(1);
        assertThat(invoiceWebhooks()).containsExactly("invoice.drafted");

        // A late event of March arrives on 2 April: the draft is computed again at once.
        clock.set(Instant.parse("2026-04-02T09:00:00Z"));
        s.event("late", "sub", "calls", Instant.parse("2026-03-25T10:00:00Z").getEpochSecond(), "{}");
        JsonNode refreshed = invoice(id);
        // fees 10.00 + 5 × 0.50 = 12.50; coupon 2.00 → 10.50; VAT 20% = 2.10 → 12.60
        assertThat(refreshed.get("fees_amount_cents").longValue()).isEqualTo(1250);
        assertThat(refreshed.get("taxes_amount_cents").longValue()).isEqualTo(210);
        assertThat(refreshed.get("total_amount_cents").longValue()).isEqualTo(1260);
        assertThat(refreshed.get("status").stringValue()).isEqualTo("draft");
        // An event of April belongs to the running period: the draft is left as it is (same fees, same ids).
        s.event("april", "sub", "calls", Instant.parse("2026-04-02T08:00:00Z").getEpochSecond(), "{}");
        assertThat(invoice(id).get("fees")).isEqualTo(refreshed.get("fees"));

        clock.set(Instant.parse("2026-04-02T10:00:00Z"));
        var finalized = api.put("/api/v1/invoices/" + id + "/finalize", "");

        assertThat(finalized.status()).as(finalized.raw()).isEqualTo(200);
        JsonNode invoice = finalized.body().get("invoice");
        // 12.60 owed after tax; the wallet's 10.00 pays 10.00 of it → total 2.60
        assertThat(invoice.get("status").stringValue()).isEqualTo("finalized");
        assertThat(invoice.get("number").stringValue()).isEqualTo(prefix + "-001-001");
        assertThat(invoice.get("issuing_date").stringValue()).isEqualTo("2026-04-02");
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(1250);
        assertThat(invoice.get("coupons_amount_cents").longValue()).isEqualTo(200);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(210);
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(1000);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(260);
        assertThat(invoice.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(invoice(id)).isEqualTo(invoice);
        assertThat(balanceCents(wallet)).isZero();
        List<JsonNode> debits = invoicedTransactions(wallet);
        assertThat(debits).hasSize(1);
        assertThat(debits.get(0).get("amount").stringValue()).isEqualTo("10.0");
        assertThat(debits.get(0).get("lago_invoice_id").stringValue()).isEqualTo(id);
        assertThat(activeCoupons("acme")).isZero();
        assertThat(invoiceWebhooks()).containsExactly("invoice.drafted", "invoice.created");

        // Finalizing again, or a voided invoice, is Lago's invoice_not_found; nothing more is written.
        assertError(api.put("/api/v1/invoices/" + id + "/finalize", ""), 404, "invoice_not_found");
        assertThat(api.post("/api/v1/invoices/" + id + "/void", "").status()).isEqualTo(200);
        List<String> webhooks = invoiceWebhooks();
        long transactions = transactionsCount(wallet);
        assertError(api.put("/api/v1/invoices/" + id + "/finalize", ""), 404, "invoice_not_found");
        assertThat(invoice(id).get("status").stringValue()).isEqualTo("voided");
        assertThat(transactionsCount(wallet)).isEqualTo(transactions);
        assertThat(invoiceWebhooks()).isEqualTo(webhooks);
        // March was claimed once, by the draft: billing again later issues nothing
        clock.set(Instant.parse("2026-04-10T00:00:00Z"));
        assertThat(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("invoices_count").intValue()).isZero();
    }

    @Test
    void anOrganizationGracePeriodAppliesUnlessTheCustomerOverridesItWithZero() {
        var settings = api.put("/api/v1/organizations",
                "{\"organization\": {\"billing_configuration\": {\"invoice_grace_period\": 3}}}");
        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        customer("inherits", null);
        customer("at-once", 0);
        s.subscription("sub-inherits", "inherits", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.subscription("sub-at-once", "at-once", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(2);

        // plan 10.00, VAT 20% = 2.00 → 12.00 on both; the override 0 finalizes at once, numbered
        JsonNode atOnce = onlyInvoice("at-once");
        assertThat(atOnce.get("status").stringValue()).isEqualTo("finalized");
        assertThat(atOnce.get("number").stringValue()).isNotEqualTo(prefix + "-DRAFT");
        assertThat(atOnce.get("total_amount_cents").longValue()).isEqualTo(1200);
        JsonNode inherits = onlyInvoice("inherits");
        assertThat(inherits.get("status").stringValue()).isEqualTo("draft");
        assertThat(inherits.get("number").stringValue()).isEqualTo(prefix + "-DRAFT");
        assertThat(inherits.get("total_amount_cents").longValue()).isEqualTo(1200);
    }

    @Test
    void aTerminationInvoiceWaitsAsADraftToo() {
        customer("acme", 3);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("c1", "sub", "calls", Instant.parse("2026-03-05T10:00:00Z").getEpochSecond(), "{}");
        api.delete("/api/v1/subscriptions/sub");

        JsonNode draft = onlyInvoice("acme");
        // 1 to 15 March = 15 days of 31: 1000 × 15 / 31 = 483.87 → 484; 1 call × 0.50 = 50; fees 534;
        // VAT 20% = 106.8 → 107; total 641
        assertThat(draft.get("status").stringValue()).isEqualTo("draft");
        assertThat(draft.get("fees_amount_cents").longValue()).isEqualTo(534);
        assertThat(draft.get("total_amount_cents").longValue()).isEqualTo(641);
        // refreshing by hand computes the same cut period again
        assertThat(api.put("/api/v1/invoices/" + draft.get("lago_id").stringValue() + "/refresh", "").status())
                .isEqualTo(200);
        JsonNode finalized = api.put("/api/v1/invoices/" + draft.get("lago_id").stringValue() + "/finalize", "")
                .body().get("invoice");
        assertThat(finalized.get("status").stringValue()).isEqualTo("finalized");
        assertThat(finalized.get("fees_amount_cents").longValue()).isEqualTo(534);
        assertThat(finalized.get("taxes_amount_cents").longValue()).isEqualTo(107);
        assertThat(finalized.get("total_amount_cents").longValue()).isEqualTo(641);
    }

    /**
     * The draft lookup runs inside each ingestion's transaction and remembers nothing between requests: a customer
     * who had no grace period (and no draft) while its first events came, then got one, still has its draft follow
     * late usage sent in a batch.
     */
    @Test
    void aCustomerGivenAGracePeriodLaterStillHasItsDraftFollowLateBatches() {
        customer("acme", null);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        batch(Instant.parse("2026-03-20T10:00:00Z"), "c1", "c2", "c3");
        var updated = api.post("/api/v1/customers", """
                {"customer": {"external_id": "acme", "billing_configuration": {"invoice_grace_period": 3}}}""");
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);

        String id = bill("2026-04-01T01:00:00Z").get("lago_id").stringValue();
        // fees 10.00 + 3 × 0.50 = 11.50; VAT 20% = 2.30 → 13.80
        assertThat(invoice(id).get("status").stringValue()).isEqualTo("draft");
        assertThat(invoice(id).get("total_amount_cents").longValue()).isEqualTo(1380);

        clock.set(Instant.parse("2026-04-02T09:00:00Z"));
        batch(Instant.parse("2026-03-28T10:00:00Z"), "late1", "late2");
        JsonNode refreshed = invoice(id);
        // fees 10.00 + 5 × 0.50 = 12.50; VAT 20% = 2.50 → 15.00
        assertThat(refreshed.get("status").stringValue()).isEqualTo("draft");
        assertThat(refreshed.get("fees_amount_cents").longValue()).isEqualTo(1250);
        assertThat(refreshed.get("total_amount_cents").longValue()).isEqualTo(1500);

        // a batch refused as a whole (a repeated transaction id) stores nothing and changes no draft
        var repeated = api.post("/api/v1/events/batch", "{\"events\": [" + event("late3", Instant.parse(
                "2026-03-29T10:00:00Z")) + ", " + event("late1", Instant.parse("2026-03-29T10:00:00Z")) + "]}");
        assertThat(repeated.status()).as(repeated.raw()).isEqualTo(422);
        assertThat(invoice(id).get("total_amount_cents").longValue()).isEqualTo(1500);
    }

    private void batch(Instant at, String... transactionIds) {
        List<String> events = new ArrayList<>();
        for (String transactionId : transactionIds) {
            events.add(event(transactionId, at));
        }
        var response = api.post("/api/v1/events/batch", "{\"events\": [" + String.join(", ", events) + "]}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private static String event(String transactionId, Instant at) {
        return "{\"transaction_id\": \"" + transactionId + "\", \"external_subscription_id\": \"sub\", \"code\": \"calls\","
                + " \"timestamp\": " + at.getEpochSecond() + "}";
    }

    @Test
    void theClockFinalizesADraftOnceTheGracePeriodEndsInTheCustomersTimezone() {
        customer("acme", 3);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = wallet("acme", "10");
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }
        s.customer("tokyo", "\"timezone\": \"Asia/Tokyo\", \"billing_configuration\": {\"invoice_grace_period\": 3}");
        // 1 March 00:00 in Tokyo
        s.subscription("sub-tokyo", "tokyo", "monthly", "\"subscription_at\": \"2026-02-28T15:00:00Z\"");

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = run();
        assertThat(run.get("invoices_count").intValue()).isEqualTo(2);
        String acme = onlyInvoice("acme").get("lago_id").stringValue();
        String tokyo = onlyInvoice("tokyo").get("lago_id").stringValue();
        // both issued 1 April (10:00 in Tokyo): 1 April + 3 days of grace = finalized from 4 April, local time
        assertThat(invoice(acme).get("issuing_date").stringValue()).isEqualTo("2026-04-01");
        assertThat(invoice(tokyo).get("issuing_date").stringValue()).isEqualTo("2026-04-01");
        // fees 10.00 + 4 × 0.50 = 12.00; VAT 20% = 2.40 → 14.40, nothing prepaid yet
        assertThat(invoice(acme).get("total_amount_cents").longValue()).isEqualTo(1440);

        clock.set(Instant.parse("2026-04-02T09:00:00Z"));
        s.event("late", "sub", "calls", Instant.parse("2026-03-25T10:00:00Z").getEpochSecond(), "{}");
        // fees 10.00 + 5 × 0.50 = 12.50; VAT 20% = 2.50 → 15.00
        assertThat(invoice(acme).get("total_amount_cents").longValue()).isEqualTo(1500);

        // 16:00 UTC on 3 April is 01:00 on 4 April in Tokyo: Tokyo's grace is over, acme's (UTC) is not
        clock.set(Instant.parse("2026-04-03T16:00:00Z"));
        run = run();
        assertThat(run.get("invoices_count").intValue()).isZero();
        assertThat(run.get("lago_finalized_invoice_ids").valueStream().map(JsonNode::stringValue).toList())
                .containsExactly(tokyo);
        // plan 10.00 + VAT 2.00 = 12.00, issued the day it is finalized, in Tokyo
        JsonNode tokyoInvoice = invoice(tokyo);
        assertThat(tokyoInvoice.get("status").stringValue()).isEqualTo("finalized");
        assertThat(tokyoInvoice.get("issuing_date").stringValue()).isEqualTo("2026-04-04");
        assertThat(tokyoInvoice.get("total_amount_cents").longValue()).isEqualTo(1200);
        assertThat(invoice(acme).get("status").stringValue()).isEqualTo("draft");
        assertThat(balanceCents(wallet)).isEqualTo(1000);

        clock.set(Instant.parse("2026-04-04T00:00:00Z"));
        run = run();
        assertThat(run.get("finalized_invoices_count").intValue()).isEqualTo(1);
        JsonNode finalized = invoice(acme);
        // 15.00 owed after tax; the wallet's 10.00 pays 10.00 → total 5.00
        assertThat(finalized.get("status").stringValue()).isEqualTo("finalized");
        assertThat(finalized.get("issuing_date").stringValue()).isEqualTo("2026-04-04");
        assertThat(finalized.get("fees_amount_cents").longValue()).isEqualTo(1250);
        assertThat(finalized.get("taxes_amount_cents").longValue()).isEqualTo(250);
        assertThat(finalized.get("prepaid_credit_amount_cents").longValue()).isEqualTo(1000);
        assertThat(finalized.get("total_amount_cents").longValue()).isEqualTo(500);
        assertThat(balanceCents(wallet)).isZero();
        List<JsonNode> debits = invoicedTransactions(wallet);
        assertThat(debits).hasSize(1);
        assertThat(debits.get(0).get("amount").stringValue()).isEqualTo("10.0");
        assertThat(invoiceWebhooks()).containsExactly("invoice.drafted", "invoice.drafted", "invoice.created",
                "invoice.created");

        // The clock again, the same instant or later: nothing is billed or finalized twice.
        assertThat(run().get("finalized_invoices_count").intValue()).isZero();
        clock.set(Instant.parse("2026-04-20T00:00:00Z"));
        run = run();
        assertThat(run.get("invoices_count").intValue()).isZero();
        assertThat(run.get("finalized_invoices_count").intValue()).isZero();
        assertThat(invoicedTransactions(wallet)).hasSize(1);
    }

    @Test
    void twoInstancesEndingTheSameGracePeriodFinalizeTheDraftOnce() throws Exception {
        customer("acme", 1);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = wallet("acme", "5");
        String draft = bill("2026-04-01T01:00:00Z").get("lago_id").stringValue();

        Instant graceOver = Instant.parse("2026-04-02T00:00:00Z");
        clock.set(graceOver);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> ticks = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ticks.add(instances.submit(() -> {
                    start.await();
                    return billingRuns.finalizeEndedGracePeriods(graceOver);
                }));
            }
            start.countDown();
            int finalized = 0;
            for (Future<Integer> tick : ticks) {
                finalized += tick.get(60, TimeUnit.SECONDS);
            }
            assertThat(finalized).isEqualTo(1);
        } finally {
            instances.shutdownNow();
        }
        // plan 10.00 + VAT 2.00 = 12.00; the wallet's 5.00 once → 7.00; numbered once
        JsonNode invoice = invoice(draft);
        assertThat(invoice.get("number").stringValue()).isEqualTo(prefix + "-001-001");
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(500);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(700);
        assertThat(invoicedTransactions(wallet)).hasSize(1);
        assertThat(balanceCents(wallet)).isZero();
    }

    private void customer(String externalId, Integer gracePeriodDays) {
        s.customer(externalId, gracePeriodDays == null ? null
                : "\"billing_configuration\": {\"invoice_grace_period\": " + gracePeriodDays + "}");
    }

    private String wallet(String customer, String grantedCredits) {
        return api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"" + customer
                + "\", \"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"" + grantedCredits + "\"}}")
                .body().get("wallet").get("lago_id").stringValue();
    }

    private void coupon(String customer, String code, long amountCents) {
        assertThat(api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"coupon_type\": \"fixed_amount\", \"amount_cents\": " + amountCents
                + ", \"amount_currency\": \"EUR\", \"frequency\": \"once\", \"expiration\": \"no_expiration\"}}").status())
                .isEqualTo(200);
        var applied = api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \""
                + customer + "\", \"coupon_code\": \"" + code + "\"}}");
        assertThat(applied.status()).as(applied.raw()).isEqualTo(200);
    }

    private JsonNode bill(String at) {
        clock.set(Instant.parse(at));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        return invoice(run.get("lago_invoice_ids").get(0).stringValue());
    }

    private JsonNode run() {
        var response = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("billing_run");
    }

    private JsonNode invoice(String id) {
        var response = api.get("/api/v1/invoices/" + id);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("invoice");
    }

    private JsonNode onlyInvoice(String customer) {
        JsonNode page = api.get("/api/v1/invoices?external_customer_id=" + customer + "&invoice_type=subscription").body();
        assertThat(page.get("meta").get("total_count").intValue()).isEqualTo(1);
        return page.get("invoices").get(0);
    }

    private long balanceCents(String wallet) {
        return api.get("/api/v1/wallets/" + wallet).body().get("wallet").get("balance_cents").longValue();
    }

    private List<JsonNode> invoicedTransactions(String wallet) {
        JsonNode page = api.get("/api/v1/wallets/" + wallet + "/wallet_transactions?transaction_status=invoiced").body();
        return page.get("wallet_transactions").valueStream().toList();
    }

    private long transactionsCount(String wallet) {
        return api.get("/api/v1/wallets/" + wallet + "/wallet_transactions").body().get("meta").get("total_count")
                .longValue();
    }

    private long activeCoupons(String customer) {
        return api.get("/api/v1/applied_coupons?external_customer_id=" + customer + "&status=active").body()
                .get("meta").get("total_count").longValue();
    }

    /** The invoice webhooks recorded for this organization, oldest first. */
    private List<String> invoiceWebhooks() {
        return jdbc.sql("""
                SELECT w.payload::jsonb ->> 'webhook_type' FROM webhooks w JOIN api_keys k
                  ON k.organization_id = w.organization_id
                WHERE k.value_prefix = ? AND w.payload::jsonb ->> 'webhook_type' LIKE 'invoice.%' ORDER BY w.id""")
                .param(api.apiKeyPrefix()).query(String.class).list();
    }

    private static void assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("code").stringValue()).isEqualTo(code);
    }
}

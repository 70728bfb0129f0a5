package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /invoices/preview} and {@code PUT /invoices/{id}/refresh}: a monthly calendar plan of 10.00 EUR with calls
 * at 0.50, the organization's 20% tax, 15 March 2026 12:00 UTC.
 */
class InvoicePreviewApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}");
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("basic", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.50\"}}]");
        s.customer("acme", "\"currency\": \"EUR\"");
    }

    @Test
    void aNewSubscriptionsFirstInvoiceWithATriedCouponAndTheWalletWritesNothing() {
        String wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}").body().get("wallet").get("lago_id").stringValue();
        List<Long> before = counts();

        var response = api.post("/api/v1/invoices/preview", "{\"customer\": {\"external_id\": \"acme\"},"
                + " \"plan_code\": \"basic\", \"billing_time\": \"calendar\","
                + " \"coupons\": [{\"code\": \"try10\", \"name\": \"Try\", \"coupon_type\": \"percentage\", \"percentage_rate\": \"10\"}]}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode invoice = response.body().get("invoice");
        // 15 to 31 March = 17 days of 31: 1000 × 17 / 31 = 548.39 → 548; coupon 10% = 54.8 → 55 → 493;
        // tax 20% = 98.6 → 99 → 592; the wallet's 5.00 after tax → 92
        assertThat(invoice.get("lago_id").isNull()).isTrue();
        assertThat(invoice.get("status").stringValue()).isEqualTo("draft");
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(548);
        assertThat(invoice.get("coupons_amount_cents").longValue()).isEqualTo(55);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(99);
        assertThat(invoice.get("sub_total_including_taxes_amount_cents").longValue()).isEqualTo(592);
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(500);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(92);
        assertThat(invoice.get("issuing_date").stringValue()).isEqualTo("2026-04-01");
        assertThat(invoice.get("customer").get("external_id").stringValue()).isEqualTo("acme");
        assertThat(invoice.get("credits").get(0).get("item").get("code").stringValue()).isEqualTo("try10");
        assertThat(invoice.get("credits").get(0).get("amount_cents").longValue()).isEqualTo(55);

        assertThat(counts()).isEqualTo(before);
        assertThat(api.get("/api/v1/wallets/" + wallet).body().get("wallet").get("balance_cents").longValue()).isEqualTo(500);
    }

    @Test
    void anExistingSubscriptionsCurrentPeriodWithItsUsageSoFar() {
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-10T10:00:00Z").getEpochSecond(), "{}");
        }
        List<Long> before = counts();
        JsonNode invoice = api.post("/api/v1/invoices/preview", "{\"customer\": {\"external_id\": \"acme\"},"
                + " \"subscriptions\": {\"external_ids\": [\"sub\"]}}").body().get("invoice");
        // March: 10.00 + 4 calls × 0.50 = 12.00; tax 20% = 2.40; total 14.40
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(1200);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(240);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(1440);
        assertThat(invoice.get("fees")).hasSize(2);
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void previewsThatCannotBeMadeAreRefused() {
        s.customer("globex", null);
        s.subscription("theirs", "globex", "basic", null);
        List<Long> before = counts();
        assertError(api.post("/api/v1/invoices/preview", "{\"customer\": {\"external_id\": \"nobody\"}, \"plan_code\": \"basic\"}"),
                404, "customer_not_found");
        assertError(api.post("/api/v1/invoices/preview", "{\"customer\": {\"external_id\": \"acme\"}, \"plan_code\": \"gold\"}"),
                404, "plan_not_found");
        assertError(api.post("/api/v1/invoices/preview", "{\"customer\": {\"external_id\": \"acme\"},"
                + " \"subscriptions\": {\"external_ids\": [\"theirs\"]}}"), 404, "subscription_not_found");
        assertThat(api.post("/api/v1/invoices/preview", "{\"plan_code\": \"basic\"}").status()).isEqualTo(400);
        var invalid = api.post("/api/v1/invoices/preview", "{\"customer\": {\"external_id\": \"acme\"},"
                + " \"billing_time\": \"lunar\", \"coupons\": [{\"code\": \"x\", \"coupon_type\": \"fixed_amount\"}]}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("error_details").toString())
                .isEqualTo("{\"billing_time\":[\"value_is_invalid\"],\"coupons\":[\"value_is_mandatory\"],"
                        + "\"plan_code\":[\"value_is_mandatory\"]}");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void refreshRecomputesADraftFromCurrentUsageAndLeavesAFinalizedInvoiceAsItIs() {
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("c1", "sub", "calls", Instant.parse("2026-03-10T10:00:00Z").getEpochSecond(), "{}");
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        String id = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("lago_invoice_ids").get(0).stringValue();
        JsonNode finalized = api.get("/api/v1/invoices/" + id).body().get("invoice");
        var refreshed = api.put("/api/v1/invoices/" + id + "/refresh", "");
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().get("invoice")).isEqualTo(finalized);

        // The same invoice as a grace-period draft: a late event of March counts when it is refreshed.
        jdbc.sql("UPDATE invoices SET status = 'draft', sequential_id = NULL, organization_sequential_id = NULL,"
                + " finalized_at = NULL, number = 'DRAFT' WHERE id = ?::uuid").param(id).update();
        s.event("late", "sub", "calls", Instant.parse("2026-03-31T22:00:00Z").getEpochSecond(), "{}");
        JsonNode draft = api.put("/api/v1/invoices/" + id + "/refresh", "").body().get("invoice");
        // 10.00 + 2 calls × 0.50 = 11.00 (was 10.50); tax 20% = 2.20; total 13.20
        assertThat(finalized.get("fees_amount_cents").longValue()).isEqualTo(1050);
        assertThat(draft.get("status").stringValue()).isEqualTo("draft");
        assertThat(draft.get("fees_amount_cents").longValue()).isEqualTo(1100);
        assertThat(draft.get("taxes_amount_cents").longValue()).isEqualTo(220);
        assertThat(draft.get("total_amount_cents").longValue()).isEqualTo(1320);
        assertThat(draft.get("fees")).hasSize(2);

        assertError(api.put("/api/v1/invoices/" + java.util.UUID.randomUUID() + "/refresh", ""), 404, "invoice_not_found");
    }

    /** Every table a preview could touch. */
    private List<Long> counts() {
        return List.of(count("invoices"), count("fees"), count("wallet_transactions"), count("coupon_credits"),
                count("invoice_subscriptions"), count("subscriptions"));
    }

    private static void assertError(dev.fjord.support.ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("code").stringValue()).isEqualTo(code);
    }
}

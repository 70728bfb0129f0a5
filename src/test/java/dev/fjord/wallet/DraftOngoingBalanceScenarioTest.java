package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.metering.CurrentUsage;
import dev.fjord.support.ApiTest;
import dev.fjord.support.PricingContextTtl;
import dev.fjord.support.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ongoing balance counts what draft invoices owe during the grace period (spec §4.5), keyed by fee type and metric
 * like current usage, and the spend authorization sees a draft at once. The catalog: a monthly calendar plan of
 * 8.00 EUR paid in arrears, calls at 0.50, the organization's 20% VAT; customers with a 3-day grace period. The
 * pricing context is remembered for an hour (clock frozen), so only a moved balance version refreshes a read.
 */
class DraftOngoingBalanceScenarioTest extends ApiTest {
    private static final long MARCH_20 = Instant.parse("2026-03-20T10:00:00Z").getEpochSecond();

    @Autowired
    private CurrentUsage currentUsage;
    private PricingContextTtl contextTtl;
    private Scenario s;

    @BeforeEach
    void catalog() {
        contextTtl = PricingContextTtl.hold(currentUsage, Duration.ofHours(1));
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s = new Scenario(api);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}");
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("monthly", "monthly", 800, "EUR", "[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.50\"}}]");
    }

    @AfterEach
    void sharedTtlBack() {
        contextTtl.restore();
    }

    @Test
    void aDraftLowersTheOngoingBalanceUntilFinalizedAndTheNewPeriodCountsOnTop() {
        customerWithSubscription("acme");
        String wallet = wallet("acme", "main", 1, "20", null);
        marchCalls("acme", 4);
        // March so far: 4 × 0.50 = 2.00 + VAT 0.40 = 2.40 of current usage
        assertThat(ongoing(wallet).get("ongoing_balance_cents").longValue()).isEqualTo(1760);

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        // Before the billing clock's run, March is in no draft yet and April has no usage.
        assertThat(available("acme")).isEqualTo(2000);
        String draft = billOneDraft();
        // Draft: 8.00 + 4 × 0.50 = 10.00, VAT 2.00 → 12.00. 20.00 − 12.00 = 8.00; March is not also current usage.
        assertThat(api.get("/api/v1/invoices/" + draft).body().get("invoice").get("total_amount_cents").longValue())
                .isEqualTo(1200);
        assertThat(available("acme")).isEqualTo(800);
        JsonNode w = ongoing(wallet);
        assertThat(w.get("balance_cents").longValue()).isEqualTo(2000);
        assertThat(w.get("ongoing_usage_balance_cents").longValue()).isEqualTo(1200);
        assertThat(w.get("ongoing_balance_cents").longValue()).isEqualTo(800);
        assertThat(w.get("credits_ongoing_balance").stringValue()).isEqualTo("8.0");

        s.event("april-1", "sub-acme", "calls", Instant.parse("2026-04-01T00:30:00Z").getEpochSecond(), "{}");
        s.event("april-2", "sub-acme", "calls", Instant.parse("2026-04-01T00:40:00Z").getEpochSecond(), "{}");
        // April: 2 × 0.50 = 1.00 + VAT 0.20 = 1.20 on top: 8.00 − 1.20 = 6.80
        assertThat(available("acme")).isEqualTo(680);

        s.event("late", "sub-acme", "calls", Instant.parse("2026-03-25T10:00:00Z").getEpochSecond(), "{}");
        // The draft follows: 8.00 + 5 × 0.50 = 10.50, VAT 2.10 → 12.60; 20.00 − 12.60 − 1.20 = 6.20
        assertThat(available("acme")).isEqualTo(620);
        assertThat(ongoing(wallet).get("ongoing_usage_balance_cents").longValue()).isEqualTo(1380);

        clock.set(Instant.parse("2026-04-02T10:00:00Z"));
        var finalized = api.put("/api/v1/invoices/" + draft + "/finalize", "");
        assertThat(finalized.status()).as(finalized.raw()).isEqualTo(200);
        assertThat(finalized.body().get("invoice").get("prepaid_credit_amount_cents").longValue()).isEqualTo(1260);
        // The wallet paid 12.60: balance 7.40; only April's 1.20 is left unbilled: 7.40 − 1.20 = 6.20, as before
        w = ongoing(wallet);
        assertThat(w.get("balance_cents").longValue()).isEqualTo(740);
        assertThat(w.get("ongoing_usage_balance_cents").longValue()).isEqualTo(120);
        assertThat(w.get("ongoing_balance_cents").longValue()).isEqualTo(620);
        assertThat(available("acme")).isEqualTo(620);
    }

    @Test
    void aDraftCountsOnlyOnWalletsThatApplyToItsFeeTypesAndDepletesThemAtOnce() throws InterruptedException {
        var endpoint = api.post("/api/v1/webhook_endpoints", "{\"webhook_endpoint\": {\"webhook_url\": \"http://127.0.0.1:9/hooks\"}}");
        assertThat(endpoint.status()).as(endpoint.raw()).isEqualTo(200);
        customerWithSubscription("beta");
        String addOns = wallet("beta", "add-ons", 1, "20", "\"applies_to\": {\"fee_types\": [\"add_on\"]}");
        String plans = wallet("beta", "plans", 2, "5", "\"applies_to\": {\"fee_types\": [\"subscription\"]}");
        marchCalls("beta", 4);

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        billOneDraft();
        // Draft 12.00 by key: subscription 8.00 + VAT 1.60 = 9.60; calls 2.00 + VAT 0.40 = 2.40.
        // The add-on wallet pays neither: untouched. The plan wallet takes the subscription key, 5.00 − 9.60 = −4.60
        // (the last applicable wallet absorbs the overflow); the calls key has no applicable wallet.
        JsonNode a = ongoing(addOns);
        assertThat(a.get("ongoing_usage_balance_cents").longValue()).isZero();
        assertThat(a.get("ongoing_balance_cents").longValue()).isEqualTo(2000);
        JsonNode p = ongoing(plans);
        assertThat(p.get("ongoing_usage_balance_cents").longValue()).isEqualTo(960);
        assertThat(p.get("ongoing_balance_cents").longValue()).isEqualTo(-460);
        // 20.00 + max(0, −4.60)
        assertThat(available("beta")).isEqualTo(2000);
        // The draft alone depleted the plan wallet: reported within moments of the billing run, not at the next event.
        Instant deadline = Instant.now().plusSeconds(2);
        while (depletedWallets().isEmpty()) {
            assertThat(Instant.now()).as("wallet.depleted_ongoing_balance within 2 s").isBefore(deadline);
            Thread.sleep(25);
        }
        assertThat(depletedWallets()).containsExactly(plans);
    }

    @Test
    void aDraftRefreshedByHandIsSeenByTheNextSpendAuthorization() {
        customerWithSubscription("gamma");
        wallet("gamma", "main", 1, "20", null);
        marchCalls("gamma", 4);
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        String draft = billOneDraft();
        // 20.00 − 12.00
        assertThat(available("gamma")).isEqualTo(800);

        JsonNode plan = api.get("/api/v1/plans/monthly").body().get("plan");
        String charge = plan.get("charges").get(0).get("lago_id").stringValue();
        String metric = plan.get("charges").get(0).get("lago_billable_metric_id").stringValue();
        api.put("/api/v1/plans/monthly", "{\"plan\": {\"charges\": [{\"id\": \"" + charge + "\", \"billable_metric_id\": \""
                + metric + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]}}");
        assertThat(api.put("/api/v1/invoices/" + draft + "/refresh", "").status()).isEqualTo(200);
        // Refreshed at the new price: 8.00 + 4 × 1.00 = 12.00, VAT 2.40 → 14.40; 20.00 − 14.40 = 5.60
        assertThat(api.get("/api/v1/invoices/" + draft).body().get("invoice").get("total_amount_cents").longValue())
                .isEqualTo(1440);
        assertThat(available("gamma")).isEqualTo(560);
    }

    private void customerWithSubscription(String customer) {
        s.customer(customer, "\"currency\": \"EUR\", \"billing_configuration\": {\"invoice_grace_period\": 3}");
        s.subscription("sub-" + customer, customer, "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
    }

    private void marchCalls(String customer, int count) {
        for (int i = 0; i < count; i++) {
            s.event(customer + "-march-" + i, "sub-" + customer, "calls", MARCH_20, "{}");
        }
    }

    private String wallet(String customer, String code, int priority, String grantedCredits, String extraJson) {
        var created = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"" + customer
                + "\", \"code\": \"" + code + "\", \"priority\": " + priority + ", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"" + grantedCredits + "\""
                + (extraJson == null ? "" : ", " + extraJson) + "}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        return created.body().get("wallet").get("lago_id").stringValue();
    }

    private String billOneDraft() {
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        String id = run.get("lago_invoice_ids").get(0).stringValue();
        assertThat(api.get("/api/v1/invoices/" + id).body().get("invoice").get("status").stringValue()).isEqualTo("draft");
        return id;
    }

    private JsonNode ongoing(String wallet) {
        return api.get("/api/v1/wallets/" + wallet).body().get("wallet");
    }

    private List<String> depletedWallets() {
        return jdbc.sql("""
                SELECT h.payload::jsonb -> 'wallet' ->> 'lago_id' FROM webhooks h
                JOIN api_keys k ON k.organization_id = h.organization_id
                WHERE k.value_prefix = ? AND h.webhook_type = 'wallet.depleted_ongoing_balance'""")
                .param(api.apiKeyPrefix()).query(String.class).list();
    }

    private long available(String customer) {
        var response = api.get("/api/v1/customers/" + customer + "/spend_authorization?amount_cents=1");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("spend_authorization").get("available_amount_cents").longValue();
    }
}

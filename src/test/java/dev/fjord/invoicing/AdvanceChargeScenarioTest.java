package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pay-in-advance charges (spec §5.6): every event is invoiced as it arrives for what it adds to the charge's price,
 * and the charge is not billed again at the period end. A monthly plan of 10.00 EUR in arrears, no taxes; graduated
 * tiers: units 0–10 at 1.00, beyond at 0.50.
 */
class AdvanceChargeScenarioTest extends ApiTest {
    private static final String GRADUATED = """
            "charge_model": "graduated", "pay_in_advance": true, "properties": {"graduated_ranges": [
              {"from_value": 0, "to_value": 10, "per_unit_amount": "1", "flat_amount": "0"},
              {"from_value": 11, "to_value": null, "per_unit_amount": "0.5", "flat_amount": "0"}]}""";
    private Scenario s;

    @BeforeEach
    void customer() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        s.customer("acme", null);
    }

    @Test
    void eachEventIsInvoicedItsIncrementAcrossTiersAndNotAgainAtPeriodEnd() {
        String storage = s.metric("storage", "sum_agg", "gb", null);
        plan("[{\"billable_metric_id\": \"" + storage + "\", " + GRADUATED + "}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        // 0 → 6 GB: 6 × 1.00 = 6.00
        assertThat(eventInvoice("e1", "{\"gb\": 6}").get("fees_amount_cents").longValue()).isEqualTo(600);
        // 6 → 14 GB crosses the tier: 4 × 1.00 + 4 × 0.50 = 6.00 (price 12.00 − 6.00)
        JsonNode crossing = eventInvoice("e2", "{\"gb\": 8}");
        assertThat(crossing.get("fees_amount_cents").longValue()).isEqualTo(600);
        JsonNode fee = crossing.get("fees").get(0);
        assertThat(fee.get("pay_in_advance").booleanValue()).isTrue();
        assertThat(fee.get("event_transaction_id").stringValue()).isEqualTo("e2");
        assertThat(fee.get("units").stringValue()).isEqualTo("8.0");
        assertThat(crossing.get("invoice_type").stringValue()).isEqualTo("subscription");
        // 14 → 16 GB: 2 × 0.50 = 1.00
        assertThat(eventInvoice("e3", "{\"gb\": 2}").get("fees_amount_cents").longValue()).isEqualTo(100);

        // March's invoice holds the plan fee only: the storage was paid as it came
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}").body()
                .get("billing_run");
        JsonNode march = api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body()
                .get("invoice");
        assertThat(march.get("fees_amount_cents").longValue()).isEqualTo(1000);
        assertThat(march.get("fees").size()).isEqualTo(1);
    }

    @Test
    void anInvoiceOfAnEventIsPaidByPrepaidCredits() {
        String calls = s.metric("calls", "count_agg", null, null);
        plan("[{\"billable_metric_id\": \"" + calls + "\", " + GRADUATED + "}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String wallet = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}").body().get("wallet").get("lago_id").stringValue();

        JsonNode invoice = eventInvoice("c1", "{}");
        // 1 call × 1.00, paid by the wallet: total 0
        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isEqualTo(100);
        assertThat(invoice.get("total_amount_cents").longValue()).isZero();
        JsonNode after = api.get("/api/v1/wallets/" + wallet).body().get("wallet");
        assertThat(after.get("balance_cents").longValue()).isEqualTo(400);
        // spec §4.5: the call was invoiced and paid already, so it is not ongoing usage too (500 − 100 = 400, not 300)
        assertThat(after.get("ongoing_usage_balance_cents").longValue()).isZero();
        assertThat(after.get("ongoing_balance_cents").longValue()).isEqualTo(400);
    }

    @Test
    void aChargeThatIsNotInvoiceableGetsItsFeeWithoutAnInvoice() {
        String calls = s.metric("calls", "count_agg", null, null);
        plan("[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\": \"standard\", \"pay_in_advance\": true,"
                + " \"invoiceable\": false, \"properties\": {\"amount\": \"2\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        s.event("c1", "sub", "calls", clock.instant().getEpochSecond(), "{}");
        assertThat(invoiceCount()).isZero();
        // Lago's Fees::CreatePayInAdvanceService: the fee of 2.00 exists, on no invoice
        var fee = jdbc.sql("SELECT amount_cents, invoice_id IS NULL AS alone, pay_in_advance FROM fees"
                        + " WHERE pay_in_advance_event_transaction_id = 'c1'")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getBoolean(2), rs.getBoolean(3))).single();
        assertThat(fee).containsExactly(200L, true, true);
    }

    @Test
    void concurrentEventsAreEachBilledOnceAndTheirIncrementsAddUpToThePrice() throws Exception {
        String calls = s.metric("calls", "count_agg", null, null);
        plan("[{\"billable_metric_id\": \"" + calls + "\", " + GRADUATED + "}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> sent = new ArrayList<>();
        long at = clock.instant().getEpochSecond();
        for (int i = 0; i < 20; i++) {
            String body = "{\"event\": {\"transaction_id\": \"c" + i + "\", \"external_subscription_id\": \"sub\","
                    + " \"code\": \"calls\", \"timestamp\": " + at + "}}";
            sent.add(pool.submit(() -> api.post("/api/v1/events", body).status()));
        }
        for (Future<Integer> status : sent) {
            assertThat(status.get()).isEqualTo(200);
        }
        pool.shutdown();

        // 20 calls: 10 × 1.00 + 10 × 0.50 = 15.00, in 20 invoices: the first 10 calls 1.00 each, the next 0.50
        JsonNode invoices = api.get("/api/v1/invoices?external_customer_id=acme&per_page=100").body().get("invoices");
        assertThat(invoices.size()).isEqualTo(20);
        assertThat(invoices.values().stream().mapToLong(i -> i.get("fees_amount_cents").longValue()).sum()).isEqualTo(1500);
        assertThat(invoices.values().stream().filter(i -> i.get("fees_amount_cents").longValue() == 50).count())
                .isEqualTo(10);
        // each event billed once: one fee per event
        assertThat(invoices.values().stream().map(i -> api.get("/api/v1/invoices/" + i.get("lago_id").stringValue())
                .body().get("invoice").get("fees").get(0).get("event_transaction_id").stringValue()).distinct().count())
                .isEqualTo(20);
    }

    @Test
    void aVolumeChargeCannotBePaidInAdvance() {
        String calls = s.metric("calls", "count_agg", null, null);
        var refused = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"v\", \"code\": \"v\", \"interval\": \"monthly\","
                + " \"amount_cents\": 0, \"amount_currency\": \"EUR\", \"charges\": [{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"volume\", \"pay_in_advance\": true, \"properties\": {\"volume_ranges\": ["
                + "{\"from_value\": 0, \"to_value\": null, \"per_unit_amount\": \"1\", \"flat_amount\": \"0\"}]}}]}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().get("error_details").get("pay_in_advance").get(0).stringValue())
                .isEqualTo("invalid_aggregation_type_or_charge_model");
    }

    private void plan(String charges) {
        var created = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"plan\", \"code\": \"plan\", \"interval\":"
                + " \"monthly\", \"amount_cents\": 1000, \"amount_currency\": \"EUR\", \"charges\": " + charges + "}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
    }

    /** Sends the event and answers the invoice it caused, the newest of the customer's. */
    private JsonNode eventInvoice(String transactionId, String properties) {
        int before = invoiceCount();
        s.event(transactionId, "sub", transactionId.startsWith("c") ? "calls" : "storage",
                clock.instant().getEpochSecond(), properties);
        assertThat(invoiceCount()).isEqualTo(before + 1);
        JsonNode list = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices");
        for (JsonNode item : list) {
            JsonNode invoice = api.get("/api/v1/invoices/" + item.get("lago_id").stringValue()).body().get("invoice");
            if (transactionId.equals(invoice.get("fees").get(0).get("event_transaction_id").stringValue())) {
                return invoice;
            }
        }
        throw new AssertionError("no invoice for " + transactionId);
    }

    private int invoiceCount() {
        return api.get("/api/v1/invoices?external_customer_id=acme").body().get("meta").get("total_count").intValue();
    }
}

package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Plans paid in advance: the plan fee of a period is invoiced when it starts, the usage of a period when it ends, and
 * on a billing day both land on one invoice. A monthly plan of 10.00 EUR with API calls at 0.50, no taxes.
 */
class AdvancePlanFeeScenarioTest extends ApiTest {
    private Scenario s;
    private String calls;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        calls = s.metric("calls", "count_agg", null, null);
        plan("advance", "\"pay_in_advance\": true");
        s.customer("acme", null);
    }

    @Test
    void aSubscriptionStartingMidMonthIsInvoicedItsProratedFeeAtOnceThenEachPeriodAtItsStart() {
        s.subscription("sub", "acme", "advance", null);

        // 10 to 31 March = 22 days of 31: 1000 × 22 / 31 = 709.68 → 710 cents, issued on creation
        JsonNode starting = onlyInvoice();
        assertThat(starting.get("fees_amount_cents").longValue()).isEqualTo(710);
        assertThat(starting.get("issuing_date").stringValue()).isEqualTo("2026-03-10");
        JsonNode fee = starting.get("fees").get(0);
        assertThat(fee.get("item").get("type").stringValue()).isEqualTo("subscription");
        assertThat(fee.get("from_date").stringValue()).isEqualTo("2026-03-10T00:00:00Z");
        assertThat(fee.get("to_date").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        // the clock during March bills nothing more
        assertThat(run("2026-03-20T00:00:00Z").get("invoices_count").intValue()).isZero();

        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }
        JsonNode april = invoice(run("2026-04-01T01:00:00Z"));
        // April's fee in advance 10.00 + March's calls in arrears 4 × 0.50 = 2.00 → 12.00, on one invoice
        assertThat(april.get("fees_amount_cents").longValue()).isEqualTo(1200);
        assertThat(feeOfType(april, "subscription").get("from_date").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(feeOfType(april, "charge").get("from_date").stringValue()).isEqualTo("2026-03-10T00:00:00Z");
        assertThat(feeOfType(april, "charge").get("amount_cents").longValue()).isEqualTo(200);
        assertThat(run("2026-04-01T02:00:00Z").get("invoices_count").intValue()).isZero();
        assertThat(run("2026-04-15T00:00:00Z").get("invoices_count").intValue()).isZero();
    }

    @Test
    void terminationBillsTheUsageButNotThePlanFeeAgain() {
        s.subscription("sub", "acme", "advance", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        invoice(run("2026-04-01T01:00:00Z"));
        clock.set(Instant.parse("2026-04-12T09:00:00Z"));
        s.event("c1", "sub", "calls", Instant.parse("2026-04-05T10:00:00Z").getEpochSecond(), "{}");
        s.event("c2", "sub", "calls", Instant.parse("2026-04-06T10:00:00Z").getEpochSecond(), "{}");

        api.delete("/api/v1/subscriptions/sub");
        JsonNode last = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").get(0);
        JsonNode termination = api.get("/api/v1/invoices/" + last.get("lago_id").stringValue()).body().get("invoice");
        // April's fee was paid on 1 April: only the 2 calls × 0.50 = 1.00
        assertThat(termination.get("fees_amount_cents").longValue()).isEqualTo(100);
        assertThat(termination.get("fees").size()).isEqualTo(1);
        assertThat(termination.get("fees").get(0).get("item").get("type").stringValue()).isEqualTo("charge");
        assertThat(run("2026-05-01T01:00:00Z").get("invoices_count").intValue()).isZero();
    }

    @Test
    void aBackdatedSubscriptionIsFirstInvoicedInAdvanceOnItsNextBillingDay() {
        s.subscription("sub", "acme", "advance", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        // created on 10 March for 1 March: Lago issues no starting invoice for a subscription in the past
        assertThat(invoiceCount()).isZero();
        assertThat(run("2026-03-20T00:00:00Z").get("invoices_count").intValue()).isZero();
        s.event("c1", "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");

        JsonNode april = invoice(run("2026-04-01T01:00:00Z"));
        // April in advance 10.00 + March's 1 call 0.50
        assertThat(april.get("fees_amount_cents").longValue()).isEqualTo(1050);
    }

    @Test
    void aPendingSubscriptionIsInvoicedWhenItStarts() {
        s.subscription("sub", "acme", "advance", "\"subscription_at\": \"2026-03-20T00:00:00Z\"");
        assertThat(invoiceCount()).isZero();
        assertThat(run("2026-03-19T23:00:00Z").get("invoices_count").intValue()).isZero();

        JsonNode starting = invoice(run("2026-03-20T01:00:00Z"));
        // 20 to 31 March = 12 days of 31: 1000 × 12 / 31 = 387.10 → 387
        assertThat(starting.get("fees_amount_cents").longValue()).isEqualTo(387);
        assertThat(run("2026-03-20T02:00:00Z").get("invoices_count").intValue()).isZero();
    }

    @Test
    void anAnniversarySubscriptionPaysAWholePeriodInAdvance() {
        s.subscription("sub", "acme", "advance", "\"billing_time\": \"anniversary\"");
        // 10 March to 9 April is a whole anniversary period
        assertThat(onlyInvoice().get("fees_amount_cents").longValue()).isEqualTo(1000);
        assertThat(run("2026-04-09T23:00:00Z").get("invoices_count").intValue()).isZero();
        assertThat(invoice(run("2026-04-10T01:00:00Z")).get("fees_amount_cents").longValue()).isEqualTo(1000);
    }

    @Test
    void aTrialDefersTheFirstFeeToTheDayItEnds() {
        plan("trial", "\"pay_in_advance\": true, \"trial_period\": 5");
        s.subscription("sub", "acme", "trial", null);
        assertThat(invoiceCount()).isZero();
        // the trial covers 10 to 14 March
        assertThat(run("2026-03-14T12:00:00Z").get("invoices_count").intValue()).isZero();

        JsonNode afterTrial = invoice(run("2026-03-15T01:00:00Z"));
        // 15 to 31 March = 17 days of 31: 1000 × 17 / 31 = 548.39 → 548
        assertThat(afterTrial.get("fees_amount_cents").longValue()).isEqualTo(548);
        assertThat(run("2026-03-16T01:00:00Z").get("invoices_count").intValue()).isZero();
        assertThat(invoice(run("2026-04-01T01:00:00Z")).get("fees_amount_cents").longValue()).isEqualTo(1000);
    }

    @Test
    void anUpgradeToAPlanPaidInAdvanceIsInvoicedItsFeeFromTheUpgradeDay() {
        s.subscription("sub", "acme", "advance", null);
        plan("premium", 3100, "\"pay_in_advance\": true");
        clock.set(Instant.parse("2026-03-20T09:00:00Z"));
        s.subscription("sub", "acme", "premium", null);

        // starting 7.10 (above), the old plan's termination invoice (its fee was paid: 0), and the new plan's fee
        // from the upgrade day: 20 to 31 March = 12 days of 31: 3100 × 12 / 31 = 1200
        JsonNode invoices = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices");
        assertThat(invoices.values().stream().map(i -> i.get("fees_amount_cents").longValue()))
                .containsExactlyInAnyOrder(710L, 0L, 1200L);
        assertThat(invoice(run("2026-04-01T01:00:00Z")).get("fees_amount_cents").longValue()).isEqualTo(3100);
    }

    private void plan(String code, String extra) {
        plan(code, 1000, extra);
    }

    private void plan(String code, long amountCents, String extra) {
        var created = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"interval\": \"monthly\", \"amount_cents\": " + amountCents + ", \"amount_currency\": \"EUR\", " + extra
                + ", \"charges\": [{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.50\"}}]}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
    }

    private JsonNode run(String at) {
        clock.set(Instant.parse(at));
        return api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
    }

    private JsonNode invoice(JsonNode run) {
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        return api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }

    private JsonNode onlyInvoice() {
        JsonNode list = api.get("/api/v1/invoices?external_customer_id=acme").body();
        assertThat(list.get("meta").get("total_count").intValue()).isEqualTo(1);
        return api.get("/api/v1/invoices/" + list.get("invoices").get(0).get("lago_id").stringValue()).body()
                .get("invoice");
    }

    private int invoiceCount() {
        return api.get("/api/v1/invoices?external_customer_id=acme").body().get("meta").get("total_count").intValue();
    }

    private static JsonNode feeOfType(JsonNode invoice, String type) {
        for (JsonNode fee : invoice.get("fees")) {
            if (type.equals(fee.get("item").get("type").stringValue())) {
                return fee;
            }
        }
        throw new AssertionError("no " + type + " fee on " + invoice);
    }
}

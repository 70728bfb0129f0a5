package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A yearly plan with {@code bill_charges_monthly}: usage is invoiced every month, the plan fee once a year (at the
 * end of the year in arrears, at its start in advance). 120.00 EUR a year, API calls at 0.50, no taxes, calendar
 * billing from 1 January 2026.
 */
class MonthlyChargesScenarioTest extends ApiTest {
    private Scenario s;
    private String calls;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-01-01T00:00:00Z"));
        calls = s.metric("calls", "count_agg", null, null);
        s.customer("acme", null);
    }

    @Test
    void aYearlyPlanInArrearsBillsItsChargesEveryMonthAndItsFeeAtTheYearEnd() {
        plan("yearly", "false");
        s.subscription("sub", "acme", "yearly", null);
        calls("j", "2026-01-15T10:00:00Z", 2);
        calls("f", "2026-02-10T10:00:00Z", 3);

        // January: 2 calls × 0.50 = 1.00, no plan fee (it is billed with the year)
        JsonNode january = invoice(run("2026-02-01T01:00:00Z"));
        assertThat(january.get("fees_amount_cents").longValue()).isEqualTo(100);
        assertThat(january.get("fees").size()).isEqualTo(1);
        // February: only February's 3 calls = 1.50
        assertThat(invoice(run("2026-03-01T01:00:00Z")).get("fees_amount_cents").longValue()).isEqualTo(150);
        assertThat(run("2026-03-15T01:00:00Z").get("invoices_count").intValue()).isZero();

        calls("d", "2026-12-05T10:00:00Z", 1);
        // December closes the year: 120.00 plan fee + 1 call 0.50
        JsonNode december = invoice(run("2027-01-01T01:00:00Z"));
        assertThat(december.get("fees_amount_cents").longValue()).isEqualTo(12050);
    }

    @Test
    void aYearlyPlanInAdvanceBillsItsFeeAtTheYearStartAndItsChargesMonthly() {
        plan("yearly", "true");
        s.subscription("sub", "acme", "yearly", null);
        // the whole year in advance, on creation
        assertThat(api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").get(0)
                .get("fees_amount_cents").longValue()).isEqualTo(12000);
        calls("j", "2026-01-20T10:00:00Z", 4);

        // January's 4 calls = 2.00; the fee is not billed again
        assertThat(invoice(run("2026-02-01T01:00:00Z")).get("fees_amount_cents").longValue()).isEqualTo(200);
        // a year later: the new year's fee and December's usage (none)
        assertThat(invoice(run("2027-01-01T01:00:00Z")).get("fees_amount_cents").longValue()).isEqualTo(12000);
    }

    @Test
    void terminatingMidYearBillsTheMonthsUsageAndTheFeeProratedToTheDay() {
        plan("yearly", "false");
        s.subscription("sub", "acme", "yearly", null);
        invoice(run("2026-02-01T01:00:00Z"));
        clock.set(Instant.parse("2026-02-10T12:00:00Z"));
        calls("f", "2026-02-05T10:00:00Z", 2);

        api.delete("/api/v1/subscriptions/sub");
        JsonNode last = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").get(0);
        // 1 January to 10 February = 41 days of 365: 12000 × 41 / 365 = 1347.95 → 1348; February's 2 calls 1.00
        assertThat(last.get("fees_amount_cents").longValue()).isEqualTo(1448);
    }

    private void plan(String code, String payInAdvance) {
        var created = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"interval\": \"yearly\", \"amount_cents\": 12000, \"amount_currency\": \"EUR\","
                + " \"bill_charges_monthly\": true, \"pay_in_advance\": " + payInAdvance
                + ", \"charges\": [{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.50\"}}]}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
    }

    private void calls(String prefix, String at, int count) {
        Instant previous = clock.instant();
        clock.set(Instant.parse(at).plusSeconds(60));
        for (int i = 0; i < count; i++) {
            s.event(prefix + i, "sub", "calls", Instant.parse(at).getEpochSecond(), "{}");
        }
        clock.set(previous.isAfter(clock.instant()) ? previous : clock.instant());
    }

    private JsonNode run(String at) {
        clock.set(Instant.parse(at));
        return api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
    }

    private JsonNode invoice(JsonNode run) {
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        return api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }
}

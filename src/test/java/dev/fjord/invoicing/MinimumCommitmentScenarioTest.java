package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A plan's minimum commitment: when a period's plan and charge fees fall short of it, the invoice closing the period
 * gets a true-up fee of the difference, the commitment prorated by the days covered as Lago does. A monthly plan of
 * 10.00 EUR with calls at 0.50 and a commitment of 20.00, no taxes.
 */
class MinimumCommitmentScenarioTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        String calls = s.metric("calls", "count_agg", null, null);
        var created = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"committed\", \"code\": \"committed\","
                + " \"interval\": \"monthly\", \"amount_cents\": 1000, \"amount_currency\": \"EUR\","
                + " \"minimum_commitment\": {\"amount_cents\": 2000, \"invoice_display_name\": \"Commitment true-up\"},"
                + " \"charges\": [{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.50\"}}]}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        s.customer("acme", null);
    }

    @Test
    void aWholePeriodBelowTheCommitmentIsTrueUp() {
        s.subscription("sub", "acme", "committed", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }
        JsonNode march = invoice(run("2026-04-01T01:00:00Z"));
        // fees 10.00 + 4 × 0.50 = 12.00 < 20.00: true-up 8.00, total fees 20.00
        assertThat(march.get("fees_amount_cents").longValue()).isEqualTo(2000);
        JsonNode trueUp = fee(march, "commitment");
        assertThat(trueUp.get("amount_cents").longValue()).isEqualTo(800);
        assertThat(trueUp.get("item").get("name").stringValue()).isEqualTo("Commitment true-up");
    }

    @Test
    void aPartialFirstPeriodHasAProratedCommitmentAndUsageAboveItHasNoTrueUp() {
        s.subscription("sub", "acme", "committed", null);
        JsonNode march = invoice(run("2026-04-01T01:00:00Z"));
        // 10 to 31 March = 22 days of 31: commitment 2000 × 22 / 31 = 1419.35 → 1419; plan fee 710; true-up 709
        assertThat(march.get("fees_amount_cents").longValue()).isEqualTo(1419);
        assertThat(fee(march, "commitment").get("amount_cents").longValue()).isEqualTo(709);

        for (int i = 0; i < 30; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-04-20T10:00:00Z").getEpochSecond(), "{}");
        }
        JsonNode april = invoice(run("2026-05-01T01:00:00Z"));
        // 10.00 + 30 × 0.50 = 25.00 ≥ 20.00: no true-up
        assertThat(april.get("fees_amount_cents").longValue()).isEqualTo(2500);
        assertThat(april.get("fees").size()).isEqualTo(2);
    }

    private JsonNode run(String at) {
        clock.set(Instant.parse(at));
        return api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
    }

    private JsonNode invoice(JsonNode run) {
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        return api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }

    private static JsonNode fee(JsonNode invoice, String type) {
        for (JsonNode fee : invoice.get("fees")) {
            if (type.equals(fee.get("item").get("type").stringValue())) {
                return fee;
            }
        }
        throw new AssertionError("no " + type + " fee");
    }
}

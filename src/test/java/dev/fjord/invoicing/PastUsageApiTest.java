package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /customers/{id}/past_usage}: a monthly plan of 10.00 EUR with calls at 0.50 and storage at 1.00 per GB,
 * 2 calls in March and 3 calls + 4 GB in April 2026, both months billed.
 */
class PastUsageApiTest extends ApiTest {
    private String marchInvoice;
    private String aprilInvoice;

    @BeforeEach
    void twoBilledMonths() {
        Scenario s = new Scenario(api);
        clock.set(Instant.parse("2026-03-05T00:00:00Z"));
        String calls = s.metric("calls", "count_agg", null, null);
        String storage = s.metric("storage", "sum_agg", "gb", null);
        s.plan("basic", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\": \"standard\","
                + " \"properties\": {\"amount\": \"0.50\"}}, {\"billable_metric_id\": \"" + storage + "\","
                + " \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]");
        s.customer("acme", null);
        s.subscription("sub", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        for (int i = 0; i < 2; i++) {
            s.event("m" + i, "sub", "calls", Instant.parse("2026-03-10T10:00:00Z").getEpochSecond(), "{}");
        }
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        marchInvoice = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("lago_invoice_ids").get(0).stringValue();
        for (int i = 0; i < 3; i++) {
            s.event("a" + i, "sub", "calls", Instant.parse("2026-04-10T10:00:00Z").getEpochSecond(), "{}");
        }
        s.event("g", "sub", "storage", Instant.parse("2026-04-11T10:00:00Z").getEpochSecond(), "{\"gb\": 4}");
        clock.set(Instant.parse("2026-05-01T01:00:00Z"));
        aprilInvoice = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("lago_invoice_ids").get(0).stringValue();
    }

    @Test
    void invoicedPeriodsComeNewestFirstWithTheirChargeUsage() {
        JsonNode body = api.get("/api/v1/customers/acme/past_usage?external_subscription_id=sub").body();
        assertThat(body.get("meta").get("total_count").intValue()).isEqualTo(2);
        JsonNode april = body.get("usage_periods").get(0);
        // April: 3 calls × 0.50 = 150, 4 GB × 1.00 = 400; usage 550 (the plan fee is not usage)
        assertThat(april.get("from_datetime").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(april.get("to_datetime").stringValue()).isEqualTo("2026-04-30T23:59:59Z");
        assertThat(april.get("issuing_date").stringValue()).isEqualTo("2026-05-01");
        assertThat(april.get("lago_invoice_id").stringValue()).isEqualTo(aprilInvoice);
        assertThat(april.get("currency").stringValue()).isEqualTo("EUR");
        assertThat(april.get("amount_cents").longValue()).isEqualTo(550);
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(550);
        JsonNode aprilCalls = april.get("charges_usage").get(0);
        assertThat(aprilCalls.get("billable_metric").get("code").stringValue()).isEqualTo("calls");
        assertThat(aprilCalls.get("units").stringValue()).isEqualTo("3.0");
        assertThat(aprilCalls.get("events_count").longValue()).isEqualTo(3);
        assertThat(aprilCalls.get("amount_cents").longValue()).isEqualTo(150);
        JsonNode march = body.get("usage_periods").get(1);
        // March: 2 calls × 0.50 = 100, no storage = 0
        assertThat(march.get("lago_invoice_id").stringValue()).isEqualTo(marchInvoice);
        assertThat(march.get("amount_cents").longValue()).isEqualTo(100);
    }

    @Test
    void filtersByMetricAndBoundsThePeriods() {
        JsonNode storage = api.get("/api/v1/customers/acme/past_usage?external_subscription_id=sub"
                + "&billable_metric_code=storage").body().get("usage_periods").get(0);
        assertThat(storage.get("charges_usage")).hasSize(1);
        assertThat(storage.get("amount_cents").longValue()).isEqualTo(400);

        JsonNode last = api.get("/api/v1/customers/acme/past_usage?external_subscription_id=sub&periods_count=1").body();
        assertThat(last.get("meta").get("total_count").intValue()).isEqualTo(1);
        assertThat(last.get("usage_periods")).hasSize(1);
        assertThat(last.get("usage_periods").get(0).get("lago_invoice_id").stringValue()).isEqualTo(aprilInvoice);

        JsonNode secondPage = api.get("/api/v1/customers/acme/past_usage?external_subscription_id=sub&per_page=1&page=2")
                .body();
        assertThat(secondPage.get("usage_periods").get(0).get("lago_invoice_id").stringValue()).isEqualTo(marchInvoice);
    }

    @Test
    void badQueriesAreRefused() {
        var missing = api.get("/api/v1/customers/acme/past_usage");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("error_details").toString())
                .isEqualTo("{\"external_subscription_id\":[\"value_is_mandatory\"]}");
        assertThat(api.get("/api/v1/customers/nobody/past_usage?external_subscription_id=sub").body().get("code")
                .stringValue()).isEqualTo("customer_not_found");
        assertThat(api.get("/api/v1/customers/acme/past_usage?external_subscription_id=sub&billable_metric_code=nope")
                .body().get("code").stringValue()).isEqualTo("billable_metric_not_found");
        assertThat(api.get("/api/v1/customers/acme/past_usage?external_subscription_id=sub&periods_count=0").status())
                .isEqualTo(422);
        assertThat(api.get("/api/v1/customers/acme/past_usage?external_subscription_id=other").body().get("meta")
                .get("total_count").intValue()).isZero();
    }
}

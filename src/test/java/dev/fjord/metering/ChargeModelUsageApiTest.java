package dev.fjord.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each charge model priced end to end: plan over HTTP, events over HTTP, current usage in cents. */
class ChargeModelUsageApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void customer() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.customer("acme", null);
    }

    @Test
    void graduatedBillsEachTierAndItsFlatFee() {
        price("graduated", """
                {"graduated_ranges": [{"from_value": 0, "to_value": 10, "per_unit_amount": "1", "flat_amount": "2"},
                                      {"from_value": 11, "to_value": null, "per_unit_amount": "0.5", "flat_amount": "3"}]}""",
                15);
        // tier 1: 10 units × 1.00 + 2.00 flat = 12.00; tier 2: 5 units × 0.50 + 3.00 flat = 5.50; 17.50 EUR
        assertThat(amountCents()).isEqualTo(1750);
    }

    @Test
    void packageBillsStartedPackagesAfterFreeUnits() {
        price("package", "{\"amount\": \"5\", \"package_size\": 10, \"free_units\": 5}", 26);
        // ceil((26 − 5 free) / 10) = 3 packages × 5.00 = 15.00 EUR
        assertThat(amountCents()).isEqualTo(1500);
    }

    @Test
    void volumePricesAllUnitsAtTheTierReached() {
        price("volume", """
                {"volume_ranges": [{"from_value": 0, "to_value": 100, "per_unit_amount": "2", "flat_amount": "10"},
                                   {"from_value": 101, "to_value": null, "per_unit_amount": "1", "flat_amount": "50"}]}""",
                150);
        // 150 units reach tier 2: 150 × 1.00 + 50.00 flat = 200.00 EUR
        assertThat(amountCents()).isEqualTo(20_000);
    }

    @Test
    void percentageTakesARateOfTheAmountAndAFixedFeePerEvent() {
        String metric = s.metric("paid", "sum_agg", "amount", null);
        plan(metric, "percentage", "{\"rate\": \"2\", \"fixed_amount\": \"0.5\"}");
        s.event("t1", "sub", "paid", at(), "{\"amount\": 100}");
        s.event("t2", "sub", "paid", at(), "{\"amount\": 200}");
        // 2% of (100 + 200) = 6.00, plus 0.50 × 2 events = 1.00: 7.00 EUR
        assertThat(amountCents()).isEqualTo(700);
    }

    @Test
    void graduatedPercentageAppliesEachTiersRate() {
        price("graduated_percentage", """
                {"graduated_percentage_ranges": [{"from_value": 0, "to_value": 100, "rate": "2", "flat_amount": "1"},
                                                 {"from_value": 101, "to_value": null, "rate": "1", "flat_amount": "0"}]}""",
                300);
        // tier 1: 100 × 2% + 1.00 flat = 3.00; tier 2: 200 × 1% = 2.00; 5.00 EUR
        assertThat(amountCents()).isEqualTo(500);
    }

    @Test
    void dynamicSumsThePricesCarriedByEvents() {
        String metric = s.metric("dyn", "sum_agg", "units", null);
        plan(metric, "dynamic", "{}");
        api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"d1\", \"external_subscription_id\": \"sub\","
                + " \"code\": \"dyn\", \"timestamp\": " + at() + ", \"properties\": {\"units\": 1},"
                + " \"precise_total_amount_cents\": \"1250.5\"}}");
        api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"d2\", \"external_subscription_id\": \"sub\","
                + " \"code\": \"dyn\", \"timestamp\": " + at() + ", \"properties\": {\"units\": 1},"
                + " \"precise_total_amount_cents\": \"749.5\"}}");
        // 1250.5 + 749.5 = 2000 cents = 20.00 EUR
        assertThat(amountCents()).isEqualTo(2000);
    }

    @Test
    void yenHasNoCents() {
        String metric = s.metric("calls", "count_agg", null, null);
        s.plan("jpy", "monthly", 0, "JPY", "[{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.6\"}}]");
        s.customer("tanaka", null);
        s.subscription("sub-jp", "tanaka", "jpy", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        for (int i = 0; i < 3; i++) {
            s.event("j" + i, "sub-jp", "calls", at(), "{}");
        }
        // 3 × 0.6 JPY = 1.8 JPY → 2 JPY (exponent 0, HALF_UP)
        assertThat(s.usage("tanaka", "sub-jp").get("amount_cents").longValue()).isEqualTo(2);
    }

    /** A sum metric priced by {@code model}, with one event carrying {@code units}. */
    private void price(String model, String properties, long units) {
        String metric = s.metric("usage", "sum_agg", "units", null);
        plan(metric, model, properties);
        s.event("t1", "sub", "usage", at(), "{\"units\": " + units + "}");
    }

    private void plan(String metric, String model, String properties) {
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + metric + "\", \"charge_model\": \"" + model
                + "\", \"properties\": " + properties + "}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
    }

    private long amountCents() {
        return s.usage("acme", "sub").get("amount_cents").longValue();
    }

    private static long at() {
        return Instant.parse("2026-03-10T10:00:00Z").getEpochSecond();
    }
}

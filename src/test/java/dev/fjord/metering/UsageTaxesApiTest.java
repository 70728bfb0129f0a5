package dev.fjord.metering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Taxes on current usage, with Lago's precedence (charge → plan → customer → organization) and per-fee rounding.
 * Every case prices 3 calls at 0.10 EUR = 30 cents.
 */
class UsageTaxesApiTest extends ApiTest {
    private Scenario s;
    private String metric;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        tax("vat", "20", true);
        tax("reduced", "10", false);
        tax("odd", "5.5", false);
        tax("local", "8", false);
        metric = s.metric("calls", "count_agg", null, null);
    }

    @Test
    void theOrganizationsTaxAppliesWhenNothingMoreSpecificDoes() {
        usage("", "", null);
        JsonNode usage = s.usage("acme", "sub");
        // 30 cents × 20% = 6 cents
        assertThat(usage.get("amount_cents").longValue()).isEqualTo(30);
        assertThat(usage.get("taxes_amount_cents").longValue()).isEqualTo(6);
        assertThat(usage.get("total_amount_cents").longValue()).isEqualTo(36);
        // apply_taxes=false leaves them out
        JsonNode untaxed = api.get("/api/v1/customers/acme/current_usage?external_subscription_id=sub&apply_taxes=false")
                .body().get("customer_usage");
        assertThat(untaxed.get("taxes_amount_cents").longValue()).isZero();
        assertThat(untaxed.get("total_amount_cents").longValue()).isEqualTo(30);
    }

    @Test
    void theCustomersTaxesReplaceTheOrganizations() {
        usage("", "", "\"tax_codes\": [\"local\"]");
        // 30 cents × 8% = 2.4 → 2 cents
        assertThat(s.usage("acme", "sub").get("taxes_amount_cents").longValue()).isEqualTo(2);
    }

    @Test
    void thePlansTaxesReplaceTheCustomers() {
        usage(", \"tax_codes\": [\"reduced\"]", "", "\"tax_codes\": [\"local\"]");
        // 30 cents × 10% = 3 cents
        assertThat(s.usage("acme", "sub").get("taxes_amount_cents").longValue()).isEqualTo(3);
    }

    @Test
    void aChargesOwnTaxesWinAndSeveralTaxesAddUp() {
        usage(", \"tax_codes\": [\"reduced\"]", ", \"tax_codes\": [\"odd\", \"local\"]", null);
        // 30 cents × (5.5% + 8%) = 4.05 → 4 cents
        assertThat(s.usage("acme", "sub").get("taxes_amount_cents").longValue()).isEqualTo(4);
        JsonNode plan = api.get("/api/v1/plans/plan").body().get("plan");
        assertThat(plan.get("taxes").get(0).get("code").stringValue()).isEqualTo("reduced");
        assertThat(plan.get("charges").get(0).get("taxes")).hasSize(2);
        JsonNode odd = api.get("/api/v1/taxes/odd").body().get("tax");
        assertThat(odd.get("charges_count").intValue()).isEqualTo(1);
        assertThat(api.get("/api/v1/taxes/reduced").body().get("tax").get("plans_count").intValue()).isEqualTo(1);
    }

    @Test
    void anUnknownTaxCodeOnAPlanIsNotFoundAndNothingIsWritten() {
        var response = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"P\", \"code\": \"p\", \"interval\": \"monthly\","
                + " \"amount_cents\": 0, \"amount_currency\": \"EUR\", \"tax_codes\": [\"nope\"]}}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("code").stringValue()).isEqualTo("tax_not_found");
        assertThat(api.get("/api/v1/plans/p").status()).isEqualTo(404);
    }

    private void usage(String planExtra, String chargeExtra, String customerExtra) {
        api.post("/api/v1/plans", "{\"plan\": {\"name\": \"Plan\", \"code\": \"plan\", \"interval\": \"monthly\","
                + " \"amount_cents\": 0, \"amount_currency\": \"EUR\"" + planExtra + ", \"charges\": [{\"billable_metric_id\": \""
                + metric + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"0.10\"}" + chargeExtra + "}]}}");
        s.customer("acme", customerExtra);
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        for (int i = 0; i < 3; i++) {
            s.event("t" + i, "sub", "calls", Instant.parse("2026-03-10T10:00:00Z").getEpochSecond(), "{}");
        }
    }

    private void tax(String code, String rate, boolean organizationWide) {
        var response = api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"rate\": \"" + rate + "\", \"applied_to_organization\": " + organizationWide + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }
}

package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The taxes of subscription invoices split per tax (Lago's {@code applied_taxes} of invoices and fees), each level of
 * spec §4.2's resolution on one invoice: the organization's VAT 20%; a plan "taxed" of 10.08 EUR whose own taxes are
 * VAT 20% and ECO 5.5%, with calls at 0.50 taxed by the charge's own LOCAL 10%; a plan "basic" of 4.99 EUR with no
 * taxes of its own (the organization's VAT). One customer on both plans since 1 March 2026: one invoice for March.
 */
class SubscriptionAppliedTaxesScenarioTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        tax("VAT", "vat", "20", true);
        tax("Eco", "eco", "5.5", false);
        tax("Local", "local", "10", false);
        String calls = s.metric("calls", "count_agg", null, null);
        ok(api.post("/api/v1/plans", """
                {"plan": {"name": "taxed", "code": "taxed", "interval": "monthly", "amount_cents": 1008,
                  "amount_currency": "EUR", "tax_codes": ["vat", "eco"],
                  "charges": [{"billable_metric_id": "%s", "charge_model": "standard", "tax_codes": ["local"],
                    "properties": {"amount": "0.50"}}]}}""".formatted(calls)));
        s.plan("basic", "monthly", 499, "EUR", "[]");
    }

    @Test
    void anInvoiceWithThreeTaxesShowsEachWithItsBaseAndTheyAddUpToItsTaxes() {
        subscribe("acme", null);
        JsonNode invoice = bill("2026-04-01T01:00:00Z");

        // fees: taxed plan 10.08 (VAT + ECO), 5 calls × 0.50 = 2.50 (LOCAL), basic plan 4.99 (the organization's VAT)
        //   VAT   = (1008 + 499) × 20%  = 1507 × 0.2   = 301.4   (base 1507)
        //   ECO   = 1008 × 5.5%          = 55.44          (base 1008)
        //   LOCAL = 250 × 10%            = 25.0           (base 250)
        // invoice taxes = HALF_UP(301.4 + 55.44 + 25.0 = 381.84) = 382; each tax HALF_UP gives 301 + 55 + 25 = 381,
        // a cent short: it goes to the tax whose rounding dropped the most (ECO .44 > VAT .4): 301 + 56 + 25 = 382
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(1757);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(382);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(2139);
        assertThat(taxes(invoice)).containsExactlyInAnyOrder("vat 20 301 on 1507", "eco 5.5 56 on 1008",
                "local 10 25 on 250");
        assertThat(sum(invoice.get("applied_taxes"))).isEqualTo(invoice.get("taxes_amount_cents").longValue());
        JsonNode vat = byCode(invoice.get("applied_taxes"), "vat");
        assertThat(vat.get("lago_invoice_id").stringValue()).isEqualTo(invoice.get("lago_id").stringValue());
        assertThat(vat.get("tax_name").stringValue()).isEqualTo("VAT");
        assertThat(vat.get("amount_currency").stringValue()).isEqualTo("EUR");

        // per fee: taxed plan VAT 201.6 → 202, ECO 55.44 → 55, fee taxes HALF_UP(257.04) = 257;
        // calls LOCAL 25; basic plan VAT 99.8 → 100
        JsonNode plan = fee(invoice, 1008);
        assertThat(plan.get("taxes_amount_cents").longValue()).isEqualTo(257);
        assertThat(feeTaxes(plan)).containsExactlyInAnyOrder("vat 202", "eco 55");
        assertThat(sum(plan.get("applied_taxes"))).isEqualTo(257);
        assertThat(plan.get("applied_taxes").get(0).get("lago_fee_id").stringValue())
                .isEqualTo(plan.get("lago_id").stringValue());
        assertThat(feeTaxes(fee(invoice, 250))).containsExactly("local 25");
        assertThat(feeTaxes(fee(invoice, 499))).containsExactly("vat 100");

        // the list shows the same applied taxes as the invoice
        JsonNode listed = api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").get(0);
        assertThat(listed.get("applied_taxes")).isEqualTo(invoice.get("applied_taxes"));
    }

    @Test
    void aDraftRefreshedByLateUsageReplacesItsAppliedTaxesAndKeepsThemWhenFinalized() {
        subscribe("acme", 3);
        JsonNode draft = bill("2026-04-01T01:00:00Z");
        String id = draft.get("lago_id").stringValue();
        assertThat(draft.get("status").stringValue()).isEqualTo("draft");
        // as above: 301 + 56 + 25 = 382
        assertThat(taxes(draft)).containsExactlyInAnyOrder("vat 20 301 on 1507", "eco 5.5 56 on 1008",
                "local 10 25 on 250");

        // A late March event on 2 April: 6 calls = 3.00; LOCAL = 300 × 10% = 30.0; VAT 301.4 and ECO 55.44 as before;
        // invoice taxes HALF_UP(386.84) = 387 = 301 + 56 + 30 (the cent again to ECO)
        clock.set(Instant.parse("2026-04-02T09:00:00Z"));
        s.event("late", "acme-taxed", "calls", Instant.parse("2026-03-25T10:00:00Z").getEpochSecond(), "{}");
        JsonNode refreshed = invoice(id);
        assertThat(refreshed.get("taxes_amount_cents").longValue()).isEqualTo(387);
        assertThat(taxes(refreshed)).containsExactlyInAnyOrder("vat 20 301 on 1507", "eco 5.5 56 on 1008",
                "local 10 30 on 300");
        assertThat(feeTaxes(fee(refreshed, 300))).containsExactly("local 30");
        assertThat(feeTaxes(fee(refreshed, 1008))).containsExactlyInAnyOrder("vat 202", "eco 55");

        // refreshing by hand computes the same again: still three taxes, no duplicates
        assertThat(api.put("/api/v1/invoices/" + id + "/refresh", "").status()).isEqualTo(200);
        assertThat(taxes(invoice(id))).containsExactlyInAnyOrder("vat 20 301 on 1507", "eco 5.5 56 on 1008",
                "local 10 30 on 300");

        clock.set(Instant.parse("2026-04-02T10:00:00Z"));
        assertThat(api.put("/api/v1/invoices/" + id + "/finalize", "").status()).isEqualTo(200);
        JsonNode finalized = invoice(id);
        assertThat(finalized.get("status").stringValue()).isEqualTo("finalized");
        // fees 1008 + 300 + 499 = 1807; total 1807 + 387 = 2194
        assertThat(finalized.get("total_amount_cents").longValue()).isEqualTo(2194);
        assertThat(taxes(finalized)).containsExactlyInAnyOrder("vat 20 301 on 1507", "eco 5.5 56 on 1008",
                "local 10 30 on 300");
        assertThat(sum(finalized.get("applied_taxes"))).isEqualTo(387);
    }

    @Test
    void terminatingAndPayingAChargeInAdvanceShowTheirTaxes() {
        String metric = s.metric("seats", "sum_agg", "seats", null);
        ok(api.post("/api/v1/plans", """
                {"plan": {"name": "advance", "code": "advance", "interval": "monthly", "amount_cents": 0,
                  "amount_currency": "EUR", "charges": [{"billable_metric_id": "%s", "charge_model": "standard",
                    "pay_in_advance": true, "invoiceable": true, "tax_codes": ["local", "eco"],
                    "properties": {"amount": "3.33"}}]}}""".formatted(metric)));
        s.customer("acme", null);
        s.subscription("seats", "acme", "advance", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.event("s1", "seats", "seats", Instant.parse("2026-03-15T12:00:00Z").getEpochSecond(), "{\"seats\": 1}");
        JsonNode page = api.get("/api/v1/invoices?external_customer_id=acme").body();
        assertThat(page.get("meta").get("total_count").intValue()).isEqualTo(1);
        JsonNode charged = invoice(page.get("invoices").get(0).get("lago_id").stringValue());
        // 1 seat × 3.33 = 333: LOCAL 33.3, ECO 333 × 5.5% = 18.315; taxes HALF_UP(51.615) = 52; each HALF_UP gives
        // 33 + 18 = 51, the cent goes to the larger dropped fraction (ECO .315 > LOCAL .3): 33 + 19 = 52
        assertThat(charged.get("taxes_amount_cents").longValue()).isEqualTo(52);
        assertThat(taxes(charged)).containsExactlyInAnyOrder("local 10 33 on 333", "eco 5.5 19 on 333");
        assertThat(feeTaxes(fee(charged, 333))).containsExactlyInAnyOrder("local 33", "eco 19");

        // terminating the basic plan on 15 March bills 1 to 15 March, 15 of 31 days: 499 × 15 / 31 = 241.45 → 241;
        // the organization's VAT 20% = 48.2 → 48
        s.subscription("basic", "acme", "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        assertThat(api.delete("/api/v1/subscriptions/basic").status()).isEqualTo(200);
        JsonNode all = api.get("/api/v1/invoices?external_customer_id=acme").body();
        assertThat(all.get("meta").get("total_count").intValue()).isEqualTo(2);
        JsonNode listed = all.get("invoices").get(0);
        String terminationId = (listed.get("lago_id").equals(charged.get("lago_id")) ? all.get("invoices").get(1)
                : listed).get("lago_id").stringValue();
        JsonNode termination = invoice(terminationId);
        assertThat(termination.get("fees_amount_cents").longValue()).isEqualTo(241);
        assertThat(termination.get("taxes_amount_cents").longValue()).isEqualTo(48);
        assertThat(taxes(termination)).containsExactly("vat 20 48 on 241");
    }

    private void tax(String name, String code, String rate, boolean organization) {
        ok(api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"" + name + "\", \"code\": \"" + code + "\", \"rate\": \""
                + rate + "\", \"applied_to_organization\": " + organization + "}}"));
    }

    /** The customer on both plans since 1 March, 5 calls in March. */
    private void subscribe(String customer, Integer gracePeriodDays) {
        s.customer(customer, gracePeriodDays == null ? null
                : "\"billing_configuration\": {\"invoice_grace_period\": " + gracePeriodDays + "}");
        s.subscription(customer + "-taxed", customer, "taxed", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        s.subscription(customer + "-basic", customer, "basic", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        for (int i = 0; i < 5; i++) {
            s.event("c" + i, customer + "-taxed", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(),
                    "{}");
        }
    }

    private JsonNode bill(String at) {
        clock.set(Instant.parse(at));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        assertThat(run.get("invoices_count").intValue()).isEqualTo(1);
        return invoice(run.get("lago_invoice_ids").get(0).stringValue());
    }

    private JsonNode invoice(String id) {
        var response = api.get("/api/v1/invoices/" + id);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("invoice");
    }

    private static JsonNode ok(dev.fjord.support.ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    /** "code rate amount on base" of each applied tax of the invoice. */
    private static List<String> taxes(JsonNode invoice) {
        List<String> taxes = new ArrayList<>();
        for (JsonNode t : invoice.get("applied_taxes")) {
            taxes.add(t.get("tax_code").stringValue() + " " + t.get("tax_rate").decimalValue().stripTrailingZeros()
                    .toPlainString() + " " + t.get("amount_cents").longValue() + " on "
                    + t.get("fees_amount_cents").longValue());
        }
        return taxes;
    }

    /** "code amount" of each applied tax of the fee. */
    private static List<String> feeTaxes(JsonNode fee) {
        List<String> taxes = new ArrayList<>();
        for (JsonNode t : fee.get("applied_taxes")) {
            taxes.add(t.get("tax_code").stringValue() + " " + t.get("amount_cents").longValue());
        }
        return taxes;
    }

    private static long sum(JsonNode appliedTaxes) {
        long sum = 0;
        for (JsonNode t : appliedTaxes) {
            sum += t.get("amount_cents").longValue();
        }
        return sum;
    }

    private static JsonNode byCode(JsonNode appliedTaxes, String code) {
        for (JsonNode t : appliedTaxes) {
            if (code.equals(t.get("tax_code").stringValue())) {
                return t;
            }
        }
        throw new AssertionError("no applied tax " + code + " in " + appliedTaxes);
    }

    /** The invoice's only fee of {@code amountCents}. */
    private static JsonNode fee(JsonNode invoice, long amountCents) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode fee : invoice.get("fees")) {
            if (fee.get("amount_cents").longValue() == amountCents) {
                found.add(fee);
            }
        }
        assertThat(found).as("fees of " + amountCents).hasSize(1);
        return found.get(0);
    }
}

package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /invoices}: one-off invoices of add-on fees (spec §5.8, §5.11; lago-api CreateOneOffService). */
class OneOffInvoiceApiTest extends InvoiceTestSupport {
    private static final Instant NOW = Instant.parse("2025-03-14T10:15:30Z");

    private JsonNode tax(String code, String rate, String extra) {
        var response = api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"" + code.toUpperCase() + "\", \"code\": \""
                + code + "\", \"rate\": \"" + rate + "\"" + (extra == null ? "" : ", " + extra) + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("tax");
    }

    private JsonNode addOn(String code, long amountCents, String extra) {
        var response = api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"" + code + " name\", \"code\": \"" + code
                + "\", \"amount_cents\": " + amountCents + ", \"amount_currency\": \"EUR\""
                + (extra == null ? "" : ", " + extra) + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("add_on");
    }

    private ApiClient.Response oneOff(String customer, String feesJson) {
        return api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"" + customer
                + "\", \"currency\": \"EUR\", \"fees\": " + feesJson + "}}");
    }

    private JsonNode created(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("invoice");
    }

    @Test
    void aOneOffInvoiceOfTwoAddOnsTaxedTwentyPercentHasLagosShape() {
        clock.set(NOW);
        scenario().customer("acme", "\"currency\": \"EUR\", \"timezone\": \"Europe/Paris\", \"net_payment_term\": 30");
        JsonNode vat = tax("vat", "20", "\"description\": \"French VAT\"");
        JsonNode setup = addOn("setup", 5000,
                "\"invoice_display_name\": \"Setup\", \"description\": \"One-time setup\", \"tax_codes\": [\"vat\"]");
        JsonNode support = addOn("support", 1999, "\"description\": \"Support pack\"");

        JsonNode invoice = created(oneOff("acme", """
                [{"add_on_code": "setup", "units": "2"},
                 {"add_on_code": "support", "description": "March support", "invoice_display_name": "Support (March)",
                  "tax_codes": ["vat"]}]"""));

        String id = invoice.get("lago_id").stringValue();
        JsonNode fees = invoice.get("fees");
        // Fees: 2 × 50.00 = 100.00 (the add-on's amount, 2 units) + 1 × 19.99 = 119.99 EUR.
        // Taxes, 20%: 20.00 on the first fee, 3.998 on the second (shown 4.00, precise 3.998); the invoice rounds
        // their sum once: 23.998 → 24.00. Total 119.99 + 24.00 = 143.99, all due, payment pending. The setup fee
        // takes its add-on's tax, the support fee the tax_codes sent with it. First invoice of the first customer:
        // <prefix>-001-001, issued today in Paris, due 30 days later.
        String expected = ("""
                {"lago_id":"%1$s","billing_entity_code":"default","sequential_id":1,"number":"%2$s-001-001",\
                "purchase_order_number":null,"issuing_date":"2025-03-14","payment_due_date":"2025-04-13",\
                "net_payment_term":30,"invoice_type":"one_off","status":"finalized","payment_status":"pending",\
                "payment_dispute_lost_at":null,"payment_overdue":false,"currency":"EUR","fees_amount_cents":11999,\
                "taxes_amount_cents":2400,"progressive_billing_credit_amount_cents":0,"coupons_amount_cents":0,\
                "credit_notes_amount_cents":0,"sub_total_excluding_taxes_amount_cents":11999,\
                "sub_total_including_taxes_amount_cents":14399,"total_amount_cents":14399,\
                "total_due_amount_cents":14399,"total_paid_amount_cents":0,\
                "total_offsetted_credit_note_amount_cents":0,"prepaid_credit_amount_cents":0,\
                "prepaid_granted_credit_amount_cents":null,"prepaid_purchased_credit_amount_cents":null,\
                "file_url":null,"xml_url":null,"web_url":null,"version_number":4,"self_billed":false,\
                "created_at":"2025-03-14T10:15:30Z","updated_at":"2025-03-14T10:15:30Z","voided_at":null,\
                "subscriptions":[],"billing_periods":[],"fees":[\
                {"lago_id":"%3$s","lago_charge_id":null,"lago_charge_filter_id":null,"lago_fixed_charge_id":null,\
                "lago_invoice_id":"%1$s","lago_true_up_fee_id":null,"lago_true_up_parent_fee_id":null,\
                "lago_original_fee_id":null,"lago_subscription_id":null,"external_subscription_id":null,\
                "lago_customer_id":null,"external_customer_id":null,"item":{"type":"add_on","code":"setup",\
                "name":"setup name","description":"One-time setup","invoice_display_name":"Setup","filters":null,\
                "filter_invoice_display_name":null,"lago_item_id":"%4$s","item_type":"AddOn","grouped_by":{}},\
                "pay_in_advance":false,"invoiceable":true,"amount_cents":10000,"amount_currency":"EUR",\
                "precise_amount":"100.0","precise_total_amount":"120.0","taxes_amount_cents":2000,\
                "taxes_precise_amount":"20.0","taxes_rate":20.0,"total_aggregated_units":null,\
                "total_amount_cents":12000,"total_amount_currency":"EUR","units":"2.0",\
                "description":"One-time setup","precise_unit_amount":"50.0","precise_coupons_amount_cents":"0.0",\
                "sub_total_excluding_taxes_amount_cents":10000,\
                "sub_total_excluding_taxes_precise_amount_cents":"10000.0","events_count":null,\
                "payment_status":"pending","created_at":"2025-03-14T10:15:30Z","succeeded_at":null,"failed_at":null,\
                "refunded_at":null,"amount_details":{},"self_billed":false,"pricing_unit_details":null,\
                "presentation_breakdowns":[],"from_date":"2025-03-14T10:15:30Z","to_date":"2025-03-14T10:15:30Z",\
                "event_transaction_id":null,"applied_taxes":[{"lago_id":"%5$s","lago_fee_id":"%3$s",\
                "lago_tax_id":"%6$s","tax_name":"VAT","tax_code":"vat","tax_rate":20.0,\
                "tax_description":"French VAT","amount_cents":2000,"amount_currency":"EUR",\
                "created_at":"2025-03-14T10:15:30Z"}]},\
                {"lago_id":"%7$s","lago_charge_id":null,"lago_charge_filter_id":null,"lago_fixed_charge_id":null,\
                "lago_invoice_id":"%1$s","lago_true_up_fee_id":null,"lago_true_up_parent_fee_id":null,\
                "lago_original_fee_id":null,"lago_subscription_id":null,"external_subscription_id":null,\
                "lago_customer_id":null,"external_customer_id":null,"item":{"type":"add_on","code":"support",\
                "name":"support name","description":"Support pack","invoice_display_name":"Support (March)",\
                "filters":null,"filter_invoice_display_name":null,"lago_item_id":"%8$s","item_type":"AddOn",\
                "grouped_by":{}},"pay_in_advance":false,"invoiceable":true,"amount_cents":1999,\
                "amount_currency":"EUR","precise_amount":"19.99","precise_total_amount":"23.988",\
                "taxes_amount_cents":400,"taxes_precise_amount":"3.998","taxes_rate":20.0,\
                "total_aggregated_units":null,"total_amount_cents":2399,"total_amount_currency":"EUR",\
                "units":"1.0","description":"March support","precise_unit_amount":"19.99",\
                "precise_coupons_amount_cents":"0.0","sub_total_excluding_taxes_amount_cents":1999,\
                "sub_total_excluding_taxes_precise_amount_cents":"1999.0","events_count":null,\
                "payment_status":"pending","created_at":"2025-03-14T10:15:30Z","succeeded_at":null,"failed_at":null,\
                "refunded_at":null,"amount_details":{},"self_billed":false,"pricing_unit_details":null,\
                "presentation_breakdowns":[],"from_date":"2025-03-14T10:15:30Z","to_date":"2025-03-14T10:15:30Z",\
                "event_transaction_id":null,"applied_taxes":[{"lago_id":"%9$s","lago_fee_id":"%7$s",\
                "lago_tax_id":"%6$s","tax_name":"VAT","tax_code":"vat","tax_rate":20.0,\
                "tax_description":"French VAT","amount_cents":400,"amount_currency":"EUR",\
                "created_at":"2025-03-14T10:15:30Z"}]}],\
                "credits":[],"metadata":[],"applied_taxes":[{"lago_id":"%10$s","lago_invoice_id":"%1$s",\
                "lago_tax_id":"%6$s","tax_name":"VAT","tax_code":"vat","tax_rate":20.0,\
                "tax_description":"French VAT","amount_cents":2400,"amount_currency":"EUR",\
                "fees_amount_cents":11999,"created_at":"2025-03-14T10:15:30Z"}],"error_details":[],\
                "applied_usage_thresholds":[],"applied_invoice_custom_sections":[]}""").formatted(
                id, prefix(), fees.get(0).get("lago_id").stringValue(), setup.get("lago_id").stringValue(),
                fees.get(0).get("applied_taxes").get(0).get("lago_id").stringValue(), vat.get("lago_id").stringValue(),
                fees.get(1).get("lago_id").stringValue(), support.get("lago_id").stringValue(),
                fees.get(1).get("applied_taxes").get(0).get("lago_id").stringValue(),
                invoice.get("applied_taxes").get(0).get("lago_id").stringValue());
        assertThat(((ObjectNode) invoice.deepCopy()).without("customer").toString()).isEqualTo(expected);
        assertThat(invoice.get("customer")).isEqualTo(api.get("/api/v1/customers/acme").body().get("customer"));
        // GET answers the same invoice; the list carries its applied taxes too
        assertThat(invoiceJson(UUID.fromString(id))).isEqualTo(invoice);
        JsonNode listed = api.get("/api/v1/invoices?invoice_type=one_off").body().get("invoices");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("applied_taxes")).isEqualTo(invoice.get("applied_taxes"));
        assertThat(listed.get(0).has("fees")).isFalse();
    }

    @Test
    void taxesAreRoundedOnceForTheInvoiceNotFeeByFee() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        tax("vat", "20", "\"applied_to_organization\": true");
        addOn("support", 1999, null);

        JsonNode invoice = created(oneOff("acme",
                "[{\"add_on_code\": \"support\"}, {\"add_on_code\": \"support\"}, {\"add_on_code\": \"support\"}]"));

        // Each fee: 20% of 19.99 = 3.998, shown as 4.00 on the fee. The invoice: 3 × 3.998 = 11.994 → 11.99, not
        // 3 × 4.00 = 12.00. Total 3 × 19.99 + 11.99 = 71.96.
        for (JsonNode fee : invoice.get("fees")) {
            assertThat(fee.get("taxes_amount_cents").longValue()).isEqualTo(400);
            assertThat(fee.get("taxes_precise_amount").stringValue()).isEqualTo("3.998");
        }
        assertThat(invoice.get("fees_amount_cents").longValue()).isEqualTo(5997);
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(1199);
        assertThat(invoice.get("applied_taxes").get(0).get("amount_cents").longValue()).isEqualTo(1199);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(7196);
    }

    @Test
    void feesDefaultToTheAddOnAndTaxesFollowLagosPrecedence() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        scenario().customer("plain", "\"currency\": \"EUR\"");
        tax("org10", "10", "\"applied_to_organization\": true");
        tax("cust5", "5", null);
        tax("addon20", "20", null);
        tax("fee1", "1", null);
        tax("fee2", "2", null);
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"acme\", \"tax_codes\": [\"cust5\"]}}");
        addOn("taxed", 1000, "\"tax_codes\": [\"addon20\"], \"description\": \"Taxed add-on\"");
        addOn("untaxed", 1000, "\"invoice_display_name\": \"Untaxed on invoices\"");

        JsonNode invoice = created(oneOff("acme", """
                [{"add_on_code": "taxed", "tax_codes": ["fee1", "fee2"]},
                 {"add_on_code": "taxed", "tax_codes": []},
                 {"add_on_code": "untaxed", "unit_amount_cents": 0, "units": 3}]"""));

        JsonNode fees = invoice.get("fees");
        // 1: the codes sent with the fee (1% + 2% of 10.00 = 0.30); unit amount, units and description default to
        // the add-on's (10.00, 1 unit, "Taxed add-on").
        assertThat(fees.get(0).get("taxes_rate").doubleValue()).isEqualTo(3.0);
        assertThat(fees.get(0).get("taxes_amount_cents").longValue()).isEqualTo(30);
        assertThat(fees.get(0).get("units").stringValue()).isEqualTo("1.0");
        assertThat(fees.get(0).get("precise_unit_amount").stringValue()).isEqualTo("10.0");
        assertThat(fees.get(0).get("description").stringValue()).isEqualTo("Taxed add-on");
        assertThat(fees.get(0).get("item").get("invoice_display_name").stringValue()).isEqualTo("taxed name");
        // 2: no codes (an empty list is none, as in Lago): the add-on's tax, 20% of 10.00 = 2.00
        assertThat(fees.get(1).get("taxes_rate").doubleValue()).isEqualTo(20.0);
        assertThat(fees.get(1).get("applied_taxes").get(0).get("tax_code").stringValue()).isEqualTo("addon20");
        // 3: an add-on without taxes: the customer's, 5% of 3 × 0.00 = 0; its display name is the add-on's
        assertThat(fees.get(2).get("amount_cents").longValue()).isZero();
        assertThat(fees.get(2).get("units").stringValue()).isEqualTo("3.0");
        assertThat(fees.get(2).get("applied_taxes").get(0).get("tax_code").stringValue()).isEqualTo("cust5");
        assertThat(fees.get(2).get("item").get("invoice_display_name").stringValue()).isEqualTo("Untaxed on invoices");
        assertThat(fees.get(2).get("description").isNull()).isTrue();
        // the invoice: 0.10 + 0.20 + 2.00 + 0 = 2.30 of taxes on 20.00 of fees
        assertThat(invoice.get("taxes_amount_cents").longValue()).isEqualTo(230);
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(2230);
        assertThat(invoice.get("applied_taxes").findValuesAsString("tax_code"))
                .containsExactly("fee1", "fee2", "addon20", "cust5");

        // A customer without taxes of its own: the organization's 10%.
        JsonNode plain = created(oneOff("plain", "[{\"add_on_code\": \"untaxed\"}]"));
        assertThat(plain.get("fees").get(0).get("applied_taxes").get(0).get("tax_code").stringValue())
                .isEqualTo("org10");
        assertThat(plain.get("taxes_amount_cents").longValue()).isEqualTo(100);
        // Issued invoices keep the tax as it was: a later rate change does not touch them.
        api.put("/api/v1/taxes/org10", "{\"tax\": {\"rate\": \"15\"}}");
        JsonNode again = invoiceJson(UUID.fromString(plain.get("lago_id").stringValue()));
        assertThat(again.get("applied_taxes").get(0).get("tax_rate").doubleValue()).isEqualTo(10.0);
        assertThat(again.get("taxes_amount_cents").longValue()).isEqualTo(100);
    }

    @Test
    void aZeroTotalIsPaidAtOnceOrClosedWhenTheCustomerSkipsZeroAmountInvoices() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        scenario().customer("skipper", "\"currency\": \"EUR\", \"finalize_zero_amount_invoice\": \"skip\"");
        addOn("free", 1000, null);

        JsonNode zero = created(oneOff("acme", "[{\"add_on_code\": \"free\", \"unit_amount_cents\": 0}]"));
        assertThat(zero.get("status").stringValue()).isEqualTo("finalized");
        assertThat(zero.get("payment_status").stringValue()).isEqualTo("succeeded");
        assertThat(zero.get("total_amount_cents").longValue()).isZero();
        assertThat(zero.get("number").stringValue()).isEqualTo(prefix() + "-001-001");

        // Lago's TransitionToFinalStatusService: closed, never numbered, hidden afterwards
        JsonNode closed = created(oneOff("skipper", "[{\"add_on_code\": \"free\", \"unit_amount_cents\": 0}]"));
        assertThat(closed.get("status").stringValue()).isEqualTo("closed");
        assertThat(closed.get("number").stringValue()).isEqualTo(prefix() + "-DRAFT");
        assertThat(closed.get("sequential_id").isNull()).isTrue();
        assertThat(api.get("/api/v1/invoices/" + closed.get("lago_id").stringValue()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void oneOffInvoicesShareTheCustomersNumberingAndKeepThePurchaseOrderNumber() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        addOn("setup", 1000, null);
        creditInvoice(customer, "10", "1");

        JsonNode invoice = created(api.post("/api/v1/invoices", """
                {"invoice": {"external_customer_id": "acme", "purchase_order_number": "PO-42",
                  "billing_entity_code": "default", "skip_psp": true, "fees": [{"add_on_code": "setup"}]}}"""));

        // the customer's currency when none is sent; second invoice of the customer
        assertThat(invoice.get("currency").stringValue()).isEqualTo("EUR");
        assertThat(invoice.get("number").stringValue()).isEqualTo(prefix() + "-001-002");
        assertThat(invoice.get("sequential_id").longValue()).isEqualTo(2);
        assertThat(invoice.get("purchase_order_number").stringValue()).isEqualTo("PO-42");
    }

    @Test
    void aCustomerWithoutCurrencyTakesTheInvoicesOne() {
        scenario().customer("nocurrency", null);
        addOn("setup", 1000, null);

        var noCurrency = api.post("/api/v1/invoices",
                "{\"invoice\": {\"external_customer_id\": \"nocurrency\", \"fees\": [{\"add_on_code\": \"setup\"}]}}");
        assertThat(noCurrency.status()).isEqualTo(422);
        assertThat(noCurrency.body().get("error_details").toString()).isEqualTo("{\"currency\":[\"value_is_mandatory\"]}");

        JsonNode invoice = created(oneOff("nocurrency", "[{\"add_on_code\": \"setup\"}]"));
        assertThat(invoice.get("currency").stringValue()).isEqualTo("EUR");
        assertThat(api.get("/api/v1/customers/nocurrency").body().get("customer").get("currency").stringValue())
                .isEqualTo("EUR");
    }

    @Test
    void everyMistakeIsRefusedInLagosEnvelopeAndWritesNothing() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        addOn("setup", 1000, null);
        addOn("gone", 1000, null);
        api.delete("/api/v1/add_ons/gone");

        assertThat(api.post("/api/v1/invoices", "{\"external_customer_id\": \"acme\"}").status()).isEqualTo(400);
        assertError(oneOff("nobody", "[{\"add_on_code\": \"setup\"}]"), 404, "customer_not_found");
        assertError(api.post("/api/v1/invoices", "{\"invoice\": {\"fees\": [{\"add_on_code\": \"setup\"}]}}"), 404,
                "customer_not_found");
        assertError(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"acme\"}}"), 404,
                "fees_not_found");
        assertError(oneOff("acme", "[]"), 404, "fees_not_found");
        assertError(oneOff("acme", "[{\"add_on_code\": \"setup\"}, {\"add_on_code\": \"nope\"}]"), 404,
                "add_on_not_found");
        assertError(oneOff("acme", "[{\"units\": 1}]"), 404, "add_on_not_found");
        assertError(oneOff("acme", "[{\"add_on_code\": \"gone\"}]"), 404, "add_on_not_found");
        assertError(oneOff("acme", "[{\"add_on_code\": \"setup\", \"tax_codes\": [\"nope\"]}]"), 404,
                "tax_not_found");
        assertError(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"acme\","
                + " \"billing_entity_code\": \"other\", \"fees\": [{\"add_on_code\": \"setup\"}]}}"), 404,
                "billing_entity_not_found");
        assertValidation(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"acme\","
                + " \"currency\": \"USD\", \"fees\": [{\"add_on_code\": \"setup\"}]}}"),
                "{\"currency\":[\"currencies_does_not_match\"]}");
        assertValidation(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"acme\","
                + " \"currency\": \"EURO\", \"fees\": [{\"add_on_code\": \"setup\"}]}}"),
                "{\"currency\":[\"value_is_invalid\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"unit_amount_cents\": -1}]"),
                "{\"fees\":[\"value_is_out_of_range\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"unit_amount_cents\": \"ten\"}]"),
                "{\"fees\":[\"value_is_invalid\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"units\": \"-1\"}]"),
                "{\"fees\":[\"value_is_out_of_range\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"units\": \"1.123456\"}]"),
                "{\"fees\":[\"value_is_invalid\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"units\": 1000000000000,"
                + " \"unit_amount_cents\": 1000000000000}]"), "{\"fees\":[\"value_is_out_of_range\"]}");
        assertValidation(oneOff("acme", "{\"add_on_code\": \"setup\"}"), "{\"fees\":[\"value_is_invalid\"]}");
        // Lago's boundaries: both or none, ISO 8601, from <= to
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"from_datetime\": \"2025-01-01T00:00:00Z\"}]"),
                "{\"boundaries\":[\"values_are_invalid\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"from_datetime\": \"2025-02-01T00:00:00Z\","
                + " \"to_datetime\": \"2025-01-01T00:00:00Z\"}]"), "{\"boundaries\":[\"values_are_invalid\"]}");
        assertValidation(oneOff("acme", "[{\"add_on_code\": \"setup\", \"from_datetime\": \"yesterday\","
                + " \"to_datetime\": \"2025-01-01T00:00:00Z\"}]"), "{\"boundaries\":[\"values_are_invalid\"]}");

        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM fees f JOIN customers c ON c.organization_id = f.organization_id"
                + " WHERE c.id = ?").param(UUID.fromString(api.get("/api/v1/customers/acme").body().get("customer")
                .get("lago_id").stringValue())).query(Long.class).single()).isZero();

        // a period sent with the fee is kept
        JsonNode invoice = created(oneOff("acme", "[{\"add_on_code\": \"setup\", \"from_datetime\":"
                + " \"2025-01-01T00:00:00Z\", \"to_datetime\": \"2025-01-31T23:59:59Z\"}]"));
        assertThat(invoice.get("fees").get(0).get("from_date").stringValue()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(invoice.get("fees").get(0).get("to_date").stringValue()).isEqualTo("2025-01-31T23:59:59Z");
    }

    @Test
    void anIdempotencyKeyBillsOnce() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        addOn("setup", 1000, null);
        String body = "{\"invoice\": {\"external_customer_id\": \"acme\", \"fees\": [{\"add_on_code\": \"setup\"}]}}";

        var first = api.send(api.request("/api/v1/invoices").header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-7").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        var retried = api.send(api.request("/api/v1/invoices").header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-7").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

        assertThat(first.status()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(first.body());
        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void oneOffInvoicesNeverConsumeWalletCredits() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        addOn("setup", 1000, null);
        String walletId = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\","
                + " \"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"50\"}}")
                .body().get("wallet").get("lago_id").stringValue();

        JsonNode invoice = created(oneOff("acme", "[{\"add_on_code\": \"setup\"}]"));

        assertThat(invoice.get("prepaid_credit_amount_cents").longValue()).isZero();
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(1000);
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue())
                .isEqualTo(5000);
    }

    @Test
    void anotherOrganizationCanNeitherSeeNorBillWithThisOnesObjects() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        addOn("setup", 1000, null);
        JsonNode invoice = created(oneOff("acme", "[{\"add_on_code\": \"setup\"}]"));
        String id = invoice.get("lago_id").stringValue();
        ApiClient other = newOrganization("Other Org");

        assertThat(other.get("/api/v1/invoices/" + id).status()).isEqualTo(404);
        assertThat(other.get("/api/v1/invoices").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(other.post("/api/v1/invoices/" + id + "/void", "").body().get("code").stringValue())
                .isEqualTo("invoice_not_found");
        assertThat(other.put("/api/v1/invoices/" + id + "/finalize", "").body().get("code").stringValue())
                .isEqualTo("invoice_not_found");
        assertThat(other.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"acme\","
                + " \"currency\": \"EUR\", \"fees\": [{\"add_on_code\": \"setup\"}]}}").body().get("code")
                .stringValue()).isEqualTo("customer_not_found");
        new dev.fjord.support.Scenario(other).customer("acme", "\"currency\": \"EUR\"");
        assertThat(other.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"acme\","
                + " \"currency\": \"EUR\", \"fees\": [{\"add_on_code\": \"setup\"}]}}").body().get("code")
                .stringValue()).isEqualTo("add_on_not_found");
        assertThat(invoiceJson(UUID.fromString(id)).get("status").stringValue()).isEqualTo("finalized");
    }

    private static void assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("code").stringValue()).as(response.raw()).isEqualTo(code);
    }

    private static void assertValidation(ApiClient.Response response, String details) {
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.body().get("code").stringValue()).isEqualTo("validation_errors");
        assertThat(response.body().get("error_details").toString()).isEqualTo(details);
    }
}

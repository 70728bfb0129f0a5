package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The coupon items of an invoice's {@code credits[]}, in Lago's shape. */
class InvoiceCouponCreditsTest extends ApiTest {

    @Test
    void eachCouponUsedIsACreditItemBeforeTaxes() {
        Scenario s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.plan("monthly", "monthly", 1000, "EUR", "[]");
        s.customer("acme", null);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String coupon = api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"Welcome\", \"code\": \"welcome\","
                + " \"description\": \"first month\", \"coupon_type\": \"percentage\", \"percentage_rate\": \"10\","
                + " \"frequency\": \"once\", \"expiration\": \"no_expiration\"}}").body().get("coupon").get("lago_id")
                .stringValue();
        api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \"acme\","
                + " \"coupon_code\": \"welcome\"}}");

        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run");
        String invoiceId = run.get("lago_invoice_ids").get(0).stringValue();
        JsonNode invoice = api.get("/api/v1/invoices/" + invoiceId).body().get("invoice");

        // 10% of 10.00 = 1.00 off before taxes
        assertThat(invoice.get("coupons_amount_cents").longValue()).isEqualTo(100);
        assertThat(invoice.get("credits")).hasSize(1);
        JsonNode credit = invoice.get("credits").get(0);
        assertThat(credit.get("lago_id").stringValue()).isNotBlank();
        assertThat(credit.get("amount_cents").longValue()).isEqualTo(100);
        assertThat(credit.get("amount_currency").stringValue()).isEqualTo("EUR");
        assertThat(credit.get("before_taxes").booleanValue()).isTrue();
        assertThat(credit.get("item").toString()).isEqualTo("{\"lago_item_id\":\"" + coupon + "\",\"type\":\"coupon\","
                + "\"code\":\"welcome\",\"name\":\"Welcome\",\"description\":\"first month\"}");
        assertThat(credit.get("invoice").toString())
                .isEqualTo("{\"lago_id\":\"" + invoiceId + "\",\"payment_status\":\"pending\"}");
        // list items leave the extended fields out
        assertThat(api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").get(0).has("credits"))
                .isFalse();
    }
}

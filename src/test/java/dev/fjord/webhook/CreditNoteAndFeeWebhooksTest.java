package dev.fjord.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code credit_note.created}, {@code credit_note.generated}, {@code invoice.generated}, {@code fee.created} and
 * {@code invoice.payment_overdue},
 * recorded in the transaction of the change with the object as the API shows it. The organization taxes 20% VAT.
 */
class CreditNoteAndFeeWebhooksTest extends ApiTest {
    OrganizationId organization;
    Scenario s;

    @BeforeEach
    void endpoint() {
        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        organization = WebhookTestSupport.organizationOf(jdbc, api);
        WebhookTestSupport.createEndpoint(api, "http://127.0.0.1:9/hooks", "hmac", null);
        s = new Scenario(api);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\","
                + " \"applied_to_organization\": true}}");
        s.customer("acme", null);
    }

    @Test
    void aCreditNoteSendsCreatedWithItselfThenGeneratedOnceItsPdfIsMade() {
        JsonNode march = marchInvoice();
        String fee = march.get("fees").get(0).get("lago_id").stringValue();
        clear();

        // 50.00 of the 100.00 fee + its 20% tax (10.00) = 60.00 of credit
        JsonNode note = api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \""
                + march.get("lago_id").stringValue() + "\", \"reason\": \"order_change\", \"credit_amount_cents\": 6000,"
                + " \"items\": [{\"fee_id\": \"" + fee + "\", \"amount_cents\": 5000}]}}").body().get("credit_note");
        String id = note.get("lago_id").stringValue();

        assertThat(WebhookTestSupport.types(payloads())).containsExactly("credit_note.created");
        JsonNode created = payloads().get(0);
        assertThat(created.get("object_type").stringValue()).isEqualTo("credit_note");
        assertThat(created.get("credit_note")).isEqualTo(api.get("/api/v1/credit_notes/" + id).body().get("credit_note"));
        assertThat(created.get("credit_note").get("total_amount_cents").longValue()).isEqualTo(6000);
        assertThat(created.get("credit_note").get("taxes_amount_cents").longValue()).isEqualTo(1000);
        assertThat(created.get("credit_note").get("file_url").isNull()).isTrue();

        api.post("/api/v1/credit_notes/" + id + "/download", "");
        api.post("/api/v1/credit_notes/" + id + "/download", "");
        // the second download finds the PDF made: no second webhook
        assertThat(WebhookTestSupport.types(payloads())).containsExactly("credit_note.created", "credit_note.generated");
        JsonNode generated = payloads().get(1).get("credit_note");
        assertThat(generated.get("file_url").stringValue()).isNotBlank();
        assertThat(generated).isEqualTo(api.get("/api/v1/credit_notes/" + id).body().get("credit_note"));
    }

    @Test
    void anInvoiceSendsGeneratedOnceWhenItsPdfIsMadeWithItsFileUrl() {
        JsonNode march = marchInvoice();
        String id = march.get("lago_id").stringValue();
        clear();

        api.post("/api/v1/invoices/" + id + "/download", "");
        api.post("/api/v1/invoices/" + id + "/download", "");

        // the second download finds the PDF made: one webhook only
        assertThat(WebhookTestSupport.types(payloads())).containsExactly("invoice.generated");
        JsonNode generated = payloads().get(0);
        assertThat(generated.get("object_type").stringValue()).isEqualTo("invoice");
        assertThat(generated.get("invoice").get("file_url").stringValue()).isNotBlank();
        // 100.00 + 20% VAT = 120.00, as billed
        assertThat(generated.get("invoice").get("total_amount_cents").longValue()).isEqualTo(12000);
        assertThat(generated.get("invoice")).isEqualTo(api.get("/api/v1/invoices/" + id).body().get("invoice"));
    }

    @Test
    void aRefusedCreditNoteSendsNothing() {
        JsonNode march = marchInvoice();
        clear();
        // 130.00 is more than the fee of 100.00 + 20.00 tax
        var refused = api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \""
                + march.get("lago_id").stringValue() + "\", \"credit_amount_cents\": 13000, \"items\": [{\"fee_id\": \""
                + march.get("fees").get(0).get("lago_id").stringValue() + "\", \"amount_cents\": 10834}]}}");
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(WebhookTestSupport.types(payloads())).isEmpty();
    }

    @Test
    void aPayInAdvanceEventSendsFeeCreatedWithTheFeeOfItsInvoice() {
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\":"
                + " \"standard\", \"pay_in_advance\": true, \"properties\": {\"amount\": \"2.5\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        clear();

        s.event("fee-hook-" + organization, "sub", "calls", clock.instant().getEpochSecond(), "{}");

        // one call × 2.50 = 250 cents, + 20% = 50 cents of tax, 300 in all
        assertThat(WebhookTestSupport.types(payloads())).containsExactlyInAnyOrder("fee.created", "invoice.created");
        JsonNode webhook = WebhookTestSupport.payload(payloads(), "fee.created");
        assertThat(webhook.get("object_type").stringValue()).isEqualTo("fee");
        JsonNode fee = webhook.get("fee");
        assertThat(fee.get("amount_cents").longValue()).isEqualTo(250);
        assertThat(fee.get("taxes_amount_cents").longValue()).isEqualTo(50);
        assertThat(fee.get("total_amount_cents").longValue()).isEqualTo(300);
        assertThat(fee.get("pay_in_advance").booleanValue()).isTrue();
        assertThat(fee.get("event_transaction_id").stringValue()).isEqualTo("fee-hook-" + organization);
        String invoiceId = WebhookTestSupport.payload(payloads(), "invoice.created").get("invoice").get("lago_id").stringValue();
        assertThat(fee.get("lago_invoice_id").stringValue()).isEqualTo(invoiceId);
        assertThat(fee).isEqualTo(api.get("/api/v1/invoices/" + invoiceId).body().get("invoice").get("fees").get(0));
    }

    @Test
    void aChargeThatIsNotInvoiceableSendsFeeCreatedAlone() {
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\":"
                + " \"standard\", \"pay_in_advance\": true, \"invoiceable\": false, \"properties\": {\"amount\": \"2\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        clear();

        s.event("fee-hook-" + organization, "sub", "calls", clock.instant().getEpochSecond(), "{}");

        // 2.00 + 20% = 0.40 of tax, on no invoice
        assertThat(WebhookTestSupport.types(payloads())).containsExactly("fee.created");
        JsonNode fee = payloads().get(0).get("fee");
        assertThat(fee.get("lago_invoice_id").isNull()).isTrue();
        assertThat(fee.get("invoiceable").booleanValue()).isFalse();
        assertThat(fee.get("amount_cents").longValue()).isEqualTo(200);
        assertThat(fee.get("taxes_amount_cents").longValue()).isEqualTo(40);
        assertThat(fee.get("total_amount_cents").longValue()).isEqualTo(240);
        assertThat(fee.get("payment_status").stringValue()).isEqualTo("pending");
    }

    @Test
    void anUnpaidInvoiceSendsPaymentOverdueOnceItsDueDateHasPassed() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"acme\", \"net_payment_term\": 10}}");
        JsonNode march = marchInvoice();
        // issued 1 April, 10 days to pay: due 11 April, overdue from that day's midnight UTC on
        assertThat(march.get("payment_due_date").stringValue()).isEqualTo("2026-04-11");
        clear();

        assertThat(overdueReportedAt("2026-04-11T00:00:00Z")).isZero();
        assertThat(overdueReportedAt("2026-04-11T00:00:01Z")).isEqualTo(1);
        assertThat(overdueReportedAt("2026-04-12T09:00:00Z")).isZero(); // once per invoice
        assertThat(WebhookTestSupport.types(payloads())).containsExactly("invoice.payment_overdue");
        JsonNode overdue = payloads().get(0).get("invoice");
        assertThat(overdue.get("lago_id").stringValue()).isEqualTo(march.get("lago_id").stringValue());
        assertThat(overdue.get("payment_overdue").booleanValue()).isTrue();
        assertThat(overdue.get("total_amount_cents").longValue()).isEqualTo(12000);
    }

    @Test
    void aPaidInvoiceIsNeverReportedOverdue() {
        JsonNode march = marchInvoice(); // due the day it is issued: 1 April
        api.put("/api/v1/invoices/" + march.get("lago_id").stringValue(),
                "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        clear();
        assertThat(overdueReportedAt("2026-04-20T00:00:00Z")).isZero();
        assertThat(payloads()).isEmpty();
    }

    /** Runs the billing clock at {@code at}; answers how many invoices it reported overdue. */
    private int overdueReportedAt(String at) {
        clock.set(Instant.parse(at));
        return api.post("/api/v1/billing_runs", "{\"billing_run\": {}}").body().get("billing_run")
                .get("overdue_invoices_count").intValue();
    }

    /** A monthly plan of 100.00 EUR from 1 March, billed on 1 April: 100.00 + 20.00 VAT. */
    private JsonNode marchInvoice() {
        s.plan("monthly", "monthly", 10000, "EUR", "[]");
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"2026-04-01T01:00:00Z\"}}")
                .body().get("billing_run");
        return api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }

    private void clear() {
        jdbc.sql("DELETE FROM webhooks WHERE organization_id = ?").param(organization.value()).update();
    }

    private List<JsonNode> payloads() {
        return WebhookTestSupport.payloads(jdbc, organization);
    }
}

package dev.fjord.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Credit note PDFs: {@code POST /credit_notes/{id}/download} and {@code file_url}, on March's invoice of a monthly
 * 100.00 EUR plan with the organization's 20% VAT (100.00 + 20.00 = 120.00).
 */
class CreditNoteDocumentApiTest extends ApiTest {

    @Test
    void aCreditNotePrintsItsItemsTaxesAndWhereTheMoneyGoes() throws Exception {
        Scenario s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        ok(api.post("/api/v1/taxes",
                "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}"));
        s.plan("monthly", "monthly", 10000, "EUR", "[]");
        s.customer("acme", "\"name\": \"Acme Widgets\"");
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = ok(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}")).get("billing_run");
        JsonNode march = ok(api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()))
                .get("invoice");
        String fee = march.get("fees").get(0).get("lago_id").stringValue();
        // half the fee: 50.00 + 20% VAT (10.00) = 60.00, all of it credited
        JsonNode note = ok(api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \""
                + march.get("lago_id").stringValue() + "\", \"reason\": \"order_change\", \"credit_amount_cents\": 6000,"
                + " \"refund_amount_cents\": 0, \"items\": [{\"fee_id\": \"" + fee + "\", \"amount_cents\": 5000}]}}"))
                .get("credit_note");
        String id = note.get("lago_id").stringValue();
        String number = note.get("number").stringValue();
        assertThat(note.get("file_url").isNull()).isTrue();

        String fileUrl = ok(api.post("/api/v1/credit_notes/" + id + "/download", "")).get("credit_note")
                .get("file_url").stringValue();
        assertThat(fileUrl).matches("http://localhost:" + port + "/documents/[A-Za-z0-9_-]{43}/" + number + ".pdf");
        assertThat(ok(api.get("/api/v1/credit_notes/" + id)).get("credit_note").get("file_url").stringValue())
                .isEqualTo(fileUrl);
        assertThat(ok(api.get("/api/v1/credit_notes")).get("credit_notes").get(0).get("file_url").stringValue())
                .isEqualTo(fileUrl);

        HttpResponse<byte[]> file = PdfFiles.fetch(fileUrl);
        assertThat(file.statusCode()).isEqualTo(200);
        byte[] pdf = file.body();
        assertThat(PdfFiles.inkRatio(PdfFiles.rasterize(pdf, "credit-note"))).isBetween(0.01, 0.5);
        assertThat(PdfFiles.text(pdf)).contains("Credit note", number, march.get("number").stringValue(),
                "Order change", "Acme Widgets", "monthly €50.00", "Credited items €50.00",
                "Sub total (excl. tax) €50.00", "Tax (20%) €10.00", "Total €60.00",
                "Credited to the customer's balance €60.00");
    }

    @Test
    void anUnknownCreditNoteHasNoDocument() {
        ApiClient.Response response = api.post("/api/v1/credit_notes/" + UUID.randomUUID() + "/download", "");
        assertThat(response.status()).as(response.raw()).isEqualTo(404);
        assertThat(response.body().get("code").stringValue()).isEqualTo("credit_note_not_found");
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}

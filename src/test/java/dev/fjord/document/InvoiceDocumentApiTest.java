package dev.fjord.document;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Invoice PDFs end to end: {@code POST /invoices/{id}/download} renders a finalized invoice, {@code file_url} serves
 * it without an API key; the PDF is drawn
 * to PNG to prove it prints, and its text is read back (see {@link PdfFiles}).
 */
class InvoiceDocumentApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void identities() {
        s = new Scenario(api);
        ok(api.put("/api/v1/organizations", """
                {"organization": {"name": "Fjord Cloud", "legal_name": "Fjord Cloud AS", "legal_number": "NO 923 456 789",
                 "tax_identification_number": "NO923456789MVA", "email": "billing@fjord.example",
                 "address_line1": "Kongens gate 1", "zipcode": "0153", "city": "Oslo", "country": "NO"}}"""));
        // Ł and ź are outside Latin-1: they print only because the PDF embeds its own font
        s.customer("lodz", """
                "name": "Łódź Software", "email": "ap@lodz.example", "address_line1": "ul. Piotrkowska 17",
                "zipcode": "90-406", "city": "Łódź", "country": "PL", "tax_identification_number": "PL7251234567",
                "currency": "EUR\"""");
    }

    @Test
    void aBilledInvoiceWithCouponTaxAndPrepaidCreditsPrintsEveryAmount() throws Exception {
        JsonNode invoice = billedMarchInvoice();
        String id = invoice.get("lago_id").stringValue();
        String number = invoice.get("number").stringValue();
        assertThat(invoice.get("file_url").isNull()).isTrue();

        JsonNode downloaded = ok(api.post("/api/v1/invoices/" + id + "/download", "")).get("invoice");
        String fileUrl = downloaded.get("file_url").stringValue();
        assertThat(fileUrl).matches("http://localhost:" + port + "/documents/[A-Za-z0-9_-]{43}/" + number + ".pdf");
        assertThat(downloaded.get("total_amount_cents").longValue()).isEqualTo(700);
        // the URL stays the invoice's: a second download and the reads show the same file
        assertThat(ok(api.post("/api/v1/invoices/" + id + "/download", "")).get("invoice").get("file_url").stringValue())
                .isEqualTo(fileUrl);
        assertThat(ok(api.get("/api/v1/invoices/" + id)).get("invoice").get("file_url").stringValue()).isEqualTo(fileUrl);
        assertThat(ok(api.get("/api/v1/invoices?external_customer_id=lodz")).get("invoices").get(0).get("file_url")
                .stringValue()).isEqualTo(fileUrl);
        assertThat(documentsOfThisOrganization()).isEqualTo(1);

        HttpResponse<byte[]> file = PdfFiles.fetch(fileUrl);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains(number + ".pdf");
        byte[] pdf = file.body();
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");

        Path png = PdfFiles.rasterize(pdf, "invoice-coupon-tax-credits");
        assertThat(PdfFiles.inkRatio(png)).as("share of the page that is printed").isBetween(0.01, 0.5);

        String text = PdfFiles.text(pdf);
        assertThat(text).contains(number, "Łódź Software", "ul. Piotrkowska 17", "90-406 Łódź", "Poland",
                "Tax ID: PL7251234567", "Fjord Cloud AS", "Tax ID: NO923456789MVA", "billing@fjord.example",
                "ISSUE DATE Apr 1, 2026");
        // plan 10.00 for March + 4 calls × 0.50 = 12.00; coupon 2.00 → 10.00; VAT 20% of 10.00 = 2.00 → 12.00;
        // the wallet's 5.00 → total 7.00
        assertThat(text).contains("monthly", "Mar 1, 2026 – Mar 31, 2026", "API calls", "€10.00", "€2.00",
                "Fees €12.00", "Coupon: welcome -€2.00", "Sub total (excl. tax) €10.00", "Sub total (incl. tax) €12.00",
                "Prepaid credits -€5.00", "Total €7.00", "due by");
        // one row per applied tax, on the fees after the coupon: VAT 20% of 10.00 = 2.00 (no fallback "Tax (20%)" row)
        assertThat(text).contains("VAT (20% on €10.00) €2.00").doesNotContain("Tax (20%)");
    }

    @Test
    void anInvoicePaidPartlyByACreditNotePrintsItsCreditNotesRow() throws Exception {
        JsonNode march = billedMarchInvoice();
        JsonNode planFee = march.get("fees").values().stream()
                .filter(fee -> "subscription".equals(fee.get("item").get("type").stringValue())).findFirst().orElseThrow();
        // 5.00 of March's 10.00 plan fee: its share of the 2.00 coupon (spread 10.00 : 2.00 over the fees) is
        // 5.00 × 1.6667 / 10.00 = 0.8333; (5.00 − 0.8333) × 1.20 = 5.00 of credit
        JsonNode note = ok(api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \""
                + march.get("lago_id").stringValue() + "\", \"credit_amount_cents\": 500, \"items\": [{\"fee_id\": \""
                + planFee.get("lago_id").stringValue() + "\", \"amount_cents\": 500}]}}")).get("credit_note");
        assertThat(note.get("credit_amount_cents").longValue()).isEqualTo(500);

        clock.set(Instant.parse("2026-05-01T01:00:00Z"));
        JsonNode run = ok(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}")).get("billing_run");
        String april = run.get("lago_invoice_ids").get(0).stringValue();
        // April: 10.00, no calls, the coupon used up; VAT 2.00 → 12.00; the credit note's 5.00; the wallet is empty
        JsonNode downloaded = ok(api.post("/api/v1/invoices/" + april + "/download", "")).get("invoice");
        assertThat(downloaded.get("credit_notes_amount_cents").longValue()).isEqualTo(500);
        assertThat(downloaded.get("total_amount_cents").longValue()).isEqualTo(700);

        byte[] pdf = PdfFiles.fetch(downloaded.get("file_url").stringValue()).body();
        PdfFiles.rasterize(pdf, "invoice-credit-note");
        assertThat(PdfFiles.text(pdf)).contains("Fees €10.00", "Sub total (incl. tax) €12.00", "Credit notes -€5.00",
                "Total €7.00");
        assertThat(PdfFiles.text(pdf)).doesNotContain("Prepaid credits");
    }

    @Test
    void aKuwaitiDinarInvoicePrintsThreeDecimals() throws Exception {
        ok(api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"Setup\", \"code\": \"setup\", \"amount_cents\": 1,"
                + " \"amount_currency\": \"KWD\", \"description\": \"One-time onboarding\"}}"));
        s.customer("kuwait", "\"name\": \"Gulf Trading\", \"currency\": \"KWD\"");
        JsonNode invoice = ok(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"kuwait\","
                + " \"fees\": [{\"add_on_code\": \"setup\", \"unit_amount_cents\": 1234567, \"units\": 2}]}}"))
                .get("invoice");
        String fileUrl = ok(api.post("/api/v1/invoices/" + invoice.get("lago_id").stringValue() + "/download", ""))
                .get("invoice").get("file_url").stringValue();
        byte[] pdf = PdfFiles.fetch(fileUrl).body();
        PdfFiles.rasterize(pdf, "invoice-kwd");

        // 2 × KWD 1,234.567 = KWD 2,469.134, no tax
        assertThat(PdfFiles.text(pdf)).contains("Gulf Trading", "Setup", "One-time onboarding", "KWD 1,234.567",
                "KWD 2,469.134", "Total KWD 2,469.134");
    }

    @Test
    void onlyFinalizedInvoicesCanBeDownloaded() {
        ok(api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"Setup\", \"code\": \"setup\", \"amount_cents\": 100,"
                + " \"amount_currency\": \"EUR\"}}"));
        String voided = ok(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"lodz\","
                + " \"fees\": [{\"add_on_code\": \"setup\"}]}}")).get("invoice").get("lago_id").stringValue();
        ok(api.post("/api/v1/invoices/" + voided + "/void", ""));

        assertNotFound(api.post("/api/v1/invoices/" + draftInvoice() + "/download", ""), "invoice_not_found");
        assertNotFound(api.post("/api/v1/invoices/" + voided + "/download", ""), "invoice_not_found");
        assertNotFound(api.post("/api/v1/invoices/" + UUID.randomUUID() + "/download", ""), "invoice_not_found");
        assertNotFound(api.post("/api/v1/invoices/not-an-id/download", ""), "invoice_not_found");
        // another organization's invoice is unknown here
        String theirs = ok(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"lodz\","
                + " \"fees\": [{\"add_on_code\": \"setup\"}]}}")).get("invoice").get("lago_id").stringValue();
        assertNotFound(newOrganization("Other").post("/api/v1/invoices/" + theirs + "/download", ""),
                "invoice_not_found");
        assertThat(documentsOfThisOrganization()).isZero();
    }

    @Test
    void aWrongTokenOrFileNameServesNothing() throws Exception {
        ok(api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"Setup\", \"code\": \"setup\", \"amount_cents\": 100,"
                + " \"amount_currency\": \"EUR\"}}"));
        String id = ok(api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"lodz\","
                + " \"fees\": [{\"add_on_code\": \"setup\"}]}}")).get("invoice").get("lago_id").stringValue();
        String fileUrl = ok(api.post("/api/v1/invoices/" + id + "/download", "")).get("invoice").get("file_url")
                .stringValue();
        String base = fileUrl.substring(0, fileUrl.lastIndexOf('/'));

        HttpResponse<byte[]> otherName = PdfFiles.fetch(base + "/other.pdf");
        assertThat(otherName.statusCode()).isEqualTo(404);
        assertThat(ApiClient.parse(new String(otherName.body())).get("code").stringValue())
                .isEqualTo("document_not_found");
        String guessed = "http://localhost:" + port + "/documents/" + "A".repeat(43) + fileUrl.substring(
                fileUrl.lastIndexOf('/'));
        assertThat(PdfFiles.fetch(guessed).statusCode()).isEqualTo(404);
    }

    /** March 2026 of a monthly 10.00 EUR plan with 4 calls at 0.50, a 2.00 coupon, 20% VAT and 5.00 of credits. */
    private JsonNode billedMarchInvoice() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        ok(api.post("/api/v1/taxes",
                "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}"));
        String calls = s.metric("calls", "count_agg", null, null);
        s.plan("monthly", "monthly", 1000, "EUR", "[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\":"
                + " \"standard\", \"invoice_display_name\": \"API calls\", \"properties\": {\"amount\": \"0.50\"}}]");
        s.subscription("sub", "lodz", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        ok(api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"lodz\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"5\"}}"));
        ok(api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"welcome\", \"code\": \"welcome\", \"coupon_type\":"
                + " \"fixed_amount\", \"amount_cents\": 200, \"amount_currency\": \"EUR\", \"frequency\": \"once\","
                + " \"expiration\": \"no_expiration\"}}"));
        ok(api.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"lodz\", \"coupon_code\": \"welcome\"}}"));
        for (int i = 0; i < 4; i++) {
            s.event("c" + i, "sub", "calls", Instant.parse("2026-03-20T10:00:00Z").getEpochSecond(), "{}");
        }
        clock.set(Instant.parse("2026-04-01T01:00:00Z"));
        JsonNode run = ok(api.post("/api/v1/billing_runs", "{\"billing_run\": {}}")).get("billing_run");
        JsonNode invoice = ok(api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()))
                .get("invoice");
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(700);
        return invoice;
    }

    /** A draft, as a grace period leaves one: written directly, no API creates drafts yet. */
    private UUID draftInvoice() {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO invoices (id, organization_id, customer_id, invoice_type, status, currency, number,
                  issuing_date, payment_due_date, created_at, updated_at)
                SELECT ?, organization_id, id, 'subscription', 'draft', 'EUR', 'X-DRAFT', current_date, current_date,
                  now(), now()
                FROM customers WHERE external_id = 'lodz' AND organization_id = (SELECT organization_id FROM api_keys
                  WHERE value_prefix = ?)""").params(id, api.apiKeyPrefix()).update();
        return id;
    }

    private long documentsOfThisOrganization() {
        return jdbc.sql("""
                SELECT count(*) FROM documents d JOIN api_keys k ON k.organization_id = d.organization_id
                WHERE k.value_prefix = ?""").param(api.apiKeyPrefix()).query(Long.class).single();
    }

    private static void assertNotFound(ApiClient.Response response, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(404);
        assertThat(response.body().get("code").stringValue()).isEqualTo(code);
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}

package dev.fjord.creditnote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Credit notes end to end: a monthly plan of 100.00 EUR and the organization's 20% VAT, so March's invoice is
 * 100.00 + 20.00 = 120.00 EUR with one subscription fee.
 */
class CreditNoteApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\", \"applied_to_organization\": true}}");
        s.plan("monthly", "monthly", 10000, "EUR", "[]");
        s.customer("acme", null);
        s.subscription("sub", "acme", "monthly", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
    }

    @Test
    void halfAFeeIsCreditedWithItsTaxAndTheNextInvoiceConsumesIt() {
        JsonNode march = bill("2026-04-01T01:00:00Z");
        assertThat(march.get("total_amount_cents").longValue()).isEqualTo(12000);
        String fee = march.get("fees").get(0).get("lago_id").stringValue();

        JsonNode estimate = api.post("/api/v1/credit_notes/estimate", body(march, null, 0, 0, fee, 5000)).body()
                .get("estimated_credit_note");
        // 50.00 of the fee + its 20% tax (10.00) = 60.00 creditable; nothing paid, so nothing refundable
        assertThat(estimate.get("taxes_amount_cents").longValue()).isEqualTo(1000);
        assertThat(estimate.get("sub_total_excluding_taxes_amount_cents").longValue()).isEqualTo(5000);
        assertThat(estimate.get("max_creditable_amount_cents").longValue()).isEqualTo(6000);
        assertThat(estimate.get("max_refundable_amount_cents").longValue()).isZero();
        assertThat(estimate.get("max_offsettable_amount_cents").longValue()).isEqualTo(6000);

        ApiClient.Response created = api.post("/api/v1/credit_notes", body(march, "order_change", 6000, 0, fee, 5000));
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        JsonNode note = created.body().get("credit_note");
        assertThat(note.get("number").stringValue()).isEqualTo(march.get("number").stringValue() + "-CN001");
        assertThat(note.get("sequential_id").intValue()).isEqualTo(1);
        assertThat(note.get("credit_status").stringValue()).isEqualTo("available");
        assertThat(note.get("refund_status").isNull()).isTrue();
        assertThat(note.get("reason").stringValue()).isEqualTo("order_change");
        assertThat(note.get("total_amount_cents").longValue()).isEqualTo(6000);
        assertThat(note.get("taxes_amount_cents").longValue()).isEqualTo(1000);
        assertThat(note.get("balance_amount_cents").longValue()).isEqualTo(6000);
        assertThat(note.get("issuing_date").stringValue()).isEqualTo("2026-04-01");
        assertThat(note.get("items").get(0).get("fee").get("lago_id").stringValue()).isEqualTo(fee);

        // April: 120.00 − the credit note's 60.00 after tax = 60.00 to pay
        JsonNode april = bill("2026-05-01T01:00:00Z");
        assertThat(april.get("sub_total_including_taxes_amount_cents").longValue()).isEqualTo(12000);
        assertThat(april.get("credit_notes_amount_cents").longValue()).isEqualTo(6000);
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(6000);
        JsonNode credit = april.get("credits").get(0);
        assertThat(credit.get("amount_cents").longValue()).isEqualTo(6000);
        assertThat(credit.get("before_taxes").booleanValue()).isFalse();
        assertThat(credit.get("item").get("type").stringValue()).isEqualTo("credit_note");
        assertThat(credit.get("item").get("code").stringValue()).isEqualTo(note.get("number").stringValue());

        JsonNode consumed = api.get("/api/v1/credit_notes/" + note.get("lago_id").stringValue()).body().get("credit_note");
        assertThat(consumed.get("credit_status").stringValue()).isEqualTo("consumed");
        assertThat(consumed.get("balance_amount_cents").longValue()).isZero();
        // a consumed credit note has nothing left to void
        assertError(api.put("/api/v1/credit_notes/" + note.get("lago_id").stringValue() + "/void", ""), 405,
                "no_voidable_amount");
    }

    @Test
    void aCreditNoteLargerThanTheNextInvoiceCarriesItsBalanceAndPrepaidCreditsPayTheRest() {
        JsonNode march = bill("2026-04-01T01:00:00Z");
        String fee = march.get("fees").get(0).get("lago_id").stringValue();
        // the whole fee: 100.00 + 20.00 tax = 120.00 of credit
        String note = api.post("/api/v1/credit_notes", body(march, null, 12000, 0, fee, 10000)).body()
                .get("credit_note").get("lago_id").stringValue();
        api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"50\"}}");
        s.plan("small", "monthly", 5000, "EUR", "[]");
        s.subscription("small", "acme", "small", "\"subscription_at\": \"2026-04-01T00:00:00Z\"");

        // April: 100.00 + 50.00 = 150.00 + 20% = 180.00; credit note 120.00 (all of it); wallet 50.00; 10.00 left
        JsonNode april = bill("2026-05-01T01:00:00Z");
        assertThat(april.get("sub_total_including_taxes_amount_cents").longValue()).isEqualTo(18000);
        assertThat(april.get("credit_notes_amount_cents").longValue()).isEqualTo(12000);
        assertThat(april.get("prepaid_credit_amount_cents").longValue()).isEqualTo(5000);
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(1000);
        assertThat(api.get("/api/v1/credit_notes/" + note).body().get("credit_note").get("credit_status").stringValue())
                .isEqualTo("consumed");
    }

    @Test
    void aCouponsShareComesOffTheCreditedFeeBeforeTax() {
        api.post("/api/v1/coupons", "{\"coupon\": {\"name\": \"Twenty\", \"code\": \"twenty\", \"coupon_type\": \"fixed_amount\","
                + " \"amount_cents\": 2000, \"amount_currency\": \"EUR\", \"frequency\": \"once\", \"expiration\": \"no_expiration\"}}");
        api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \"acme\", \"coupon_code\": \"twenty\"}}");
        JsonNode march = bill("2026-04-01T01:00:00Z");
        // 100.00 − 20.00 coupon = 80.00 + 20% = 96.00
        assertThat(march.get("total_amount_cents").longValue()).isEqualTo(9600);
        String fee = march.get("fees").get(0).get("lago_id").stringValue();

        // 50.00 of the fee carries 50/100 of its 20.00 coupon (10.00): 40.00 + 20% (8.00) = 48.00
        JsonNode note = api.post("/api/v1/credit_notes", body(march, null, 4800, 0, fee, 5000)).body().get("credit_note");
        assertThat(note.get("coupons_adjustment_amount_cents").longValue()).isEqualTo(1000);
        assertThat(note.get("sub_total_excluding_taxes_amount_cents").longValue()).isEqualTo(4000);
        assertThat(note.get("taxes_amount_cents").longValue()).isEqualTo(800);
        assertThat(note.get("total_amount_cents").longValue()).isEqualTo(4800);
    }

    @Test
    void aPaidInvoiceIsRefundedAndAnUnpaidOneIsOffset() {
        JsonNode march = bill("2026-04-01T01:00:00Z");
        String invoice = march.get("lago_id").stringValue();
        String fee = march.get("fees").get(0).get("lago_id").stringValue();
        // nothing paid yet: no refund, nothing written
        assertValidation(api.post("/api/v1/credit_notes", body(march, null, 0, 6000, fee, 5000)), "refund_amount_cents",
                "cannot_refund_unpaid_invoice");
        assertThat(notesOn(invoice)).isZero();

        // offset 30.00 (25.00 + 5.00 tax) of the 120.00 owed
        JsonNode offset = api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \"" + invoice
                + "\", \"offset_amount_cents\": 3000, \"items\": [{\"fee_id\": \"" + fee + "\", \"amount_cents\": 2500}]}}")
                .body().get("credit_note");
        assertThat(offset.get("offset_amount_cents").longValue()).isEqualTo(3000);
        assertThat(offset.get("balance_amount_cents").longValue()).isZero();
        JsonNode owed = api.get("/api/v1/invoices/" + invoice).body().get("invoice");
        assertThat(owed.get("total_offsetted_credit_note_amount_cents").longValue()).isEqualTo(3000);
        assertThat(owed.get("total_due_amount_cents").longValue()).isEqualTo(9000);
        // an invoice carrying a credit note cannot be voided
        assertError(api.post("/api/v1/invoices/" + invoice + "/void", ""), 405, "not_voidable");

        api.put("/api/v1/invoices/" + invoice, "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        // paid 90.00: a refund of 72.00 (60.00 + 12.00 tax) is fine, the remaining 15.00 of the fee cannot be refunded
        // beyond what was paid (90.00 − 72.00 = 18.00 ≥ 18.00 is fine), so ask for more than the fee holds instead
        JsonNode refund = api.post("/api/v1/credit_notes", body(march, null, 0, 7200, fee, 6000)).body().get("credit_note");
        assertThat(refund.get("refund_status").stringValue()).isEqualTo("pending");
        assertThat(refund.get("number").stringValue()).endsWith("-CN002");
        assertValidation(api.post("/api/v1/credit_notes", body(march, null, 0, 1900, fee, 1600)), "amount_cents",
                "higher_than_remaining_fee_amount");
        assertThat(notesOn(invoice)).isEqualTo(2);

        JsonNode refunded = api.put("/api/v1/credit_notes/" + refund.get("lago_id").stringValue(),
                "{\"credit_note\": {\"refund_status\": \"succeeded\"}}").body().get("credit_note");
        assertThat(refunded.get("refund_status").stringValue()).isEqualTo("succeeded");
        assertValidation(api.put("/api/v1/credit_notes/" + refund.get("lago_id").stringValue(),
                "{\"credit_note\": {\"refund_status\": \"done\"}}"), "refund_status", "value_is_invalid");
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        JsonNode march = bill("2026-04-01T01:00:00Z");
        String invoice = march.get("lago_id").stringValue();
        String fee = march.get("fees").get(0).get("lago_id").stringValue();

        // more than the fee holds
        assertValidation(api.post("/api/v1/credit_notes", body(march, null, 12001, 0, fee, 10001)), "amount_cents",
                "higher_than_remaining_fee_amount");
        // amounts that do not match the items (50.00 + tax = 60.00, not 70.00)
        assertValidation(api.post("/api/v1/credit_notes", body(march, null, 7000, 0, fee, 5000)), "base",
                "does_not_match_item_amounts");
        // nothing given back
        assertValidation(api.post("/api/v1/credit_notes", body(march, null, 0, 0, fee, 0)), "base",
                "total_amount_must_be_positive");
        // no items, an unknown fee, an unknown invoice, an unknown reason, a missing root key
        assertValidation(api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \"" + invoice
                + "\", \"credit_amount_cents\": 100}}"), "items", "must_be_an_array");
        assertError(api.post("/api/v1/credit_notes", body(march, null, 6000, 0, UUID.randomUUID().toString(), 5000)),
                404, "fee_not_found");
        assertError(api.post("/api/v1/credit_notes", "{\"credit_note\": {\"invoice_id\": \"" + UUID.randomUUID()
                + "\", \"credit_amount_cents\": 100, \"items\": []}}"), 404, "invoice_not_found");
        assertValidation(api.post("/api/v1/credit_notes", body(march, "because", 6000, 0, fee, 5000)), "reason",
                "value_is_invalid");
        assertThat(api.post("/api/v1/credit_notes", "{\"invoice_id\": \"" + invoice + "\"}").status()).isEqualTo(400);
        assertThat(notesOn(invoice)).isZero();

        // a second credit note sees what the first took: 60.00 left of the fee's 100.00 after 40.00
        api.post("/api/v1/credit_notes", body(march, null, 4800, 0, fee, 4000));
        assertValidation(api.post("/api/v1/credit_notes", body(march, null, 7320, 0, fee, 6100)), "amount_cents",
                "higher_than_remaining_fee_amount");
        assertThat(notesOn(invoice)).isEqualTo(1);
        assertError(api.get("/api/v1/credit_notes/" + UUID.randomUUID()), 404, "credit_note_not_found");
        assertError(api.put("/api/v1/credit_notes/nope/void", ""), 404, "credit_note_not_found");
    }

    @Test
    void voidingCancelsWhatIsLeftAndListsFilter() {
        JsonNode march = bill("2026-04-01T01:00:00Z");
        String fee = march.get("fees").get(0).get("lago_id").stringValue();
        String first = api.post("/api/v1/credit_notes", body(march, "duplicated_charge", 2400, 0, fee, 2000)).body()
                .get("credit_note").get("lago_id").stringValue();
        api.post("/api/v1/credit_notes", body(march, "other", 1200, 0, fee, 1000));

        JsonNode voided = api.put("/api/v1/credit_notes/" + first + "/void", "").body().get("credit_note");
        assertThat(voided.get("credit_status").stringValue()).isEqualTo("voided");
        assertThat(voided.get("balance_amount_cents").longValue()).isZero();
        assertError(api.put("/api/v1/credit_notes/" + first + "/void", ""), 405, "no_voidable_amount");

        JsonNode all = api.get("/api/v1/credit_notes?external_customer_id=acme").body();
        assertThat(all.get("meta").get("total_count").intValue()).isEqualTo(2);
        JsonNode available = api.get("/api/v1/credit_notes?credit_status=available").body();
        assertThat(available.get("credit_notes").size()).isEqualTo(1);
        assertThat(available.get("credit_notes").get(0).get("reason").stringValue()).isEqualTo("other");
        assertThat(api.get("/api/v1/credit_notes?reason[]=duplicated_charge&reason[]=fraudulent_charge").body()
                .get("meta").get("total_count").intValue()).isEqualTo(1);
        assertValidation(api.get("/api/v1/credit_notes?credit_status=gone"), "credit_status", "value_is_invalid");

        // May's invoice takes only the credit note still available: 12.00
        JsonNode april = bill("2026-05-01T01:00:00Z");
        assertThat(april.get("credit_notes_amount_cents").longValue()).isEqualTo(1200);
    }

    @Test
    void metadataIsSetOnCreateReplacedOnUpdateMergedAndRemoved() {
        JsonNode march = bill("2026-04-01T01:00:00Z");
        String fee = march.get("fees").get(0).get("lago_id").stringValue();
        String create = "{\"credit_note\": {\"invoice_id\": \"" + march.get("lago_id").stringValue() + "\","
                + " \"credit_amount_cents\": 1200, \"items\": [{\"fee_id\": \"" + fee + "\", \"amount_cents\": 1000}],"
                + " \"metadata\": {\"erp_id\": \"CN-7\", \"source\": null}}}";
        JsonNode note = api.post("/api/v1/credit_notes", create).body().get("credit_note");
        String id = note.get("lago_id").stringValue();
        assertThat(note.get("metadata").get("erp_id").stringValue()).isEqualTo("CN-7");
        assertThat(note.get("metadata").get("source").isNull()).isTrue();

        // PUT replaces the whole object; the refund status is left alone when not sent
        JsonNode updated = api.put("/api/v1/credit_notes/" + id, "{\"credit_note\": {\"metadata\": {\"erp_id\": \"CN-8\"}}}")
                .body().get("credit_note");
        assertThat(updated.get("metadata").toString()).isEqualTo("{\"erp_id\":\"CN-8\"}");
        JsonNode merged = api.patch("/api/v1/credit_notes/" + id + "/metadata", "{\"metadata\": {\"batch\": \"42\"}}").body();
        assertThat(merged.get("metadata").get("erp_id").stringValue()).isEqualTo("CN-8");
        assertThat(merged.get("metadata").get("batch").stringValue()).isEqualTo("42");
        JsonNode replaced = api.post("/api/v1/credit_notes/" + id + "/metadata", "{\"metadata\": {\"batch\": \"43\"}}").body();
        assertThat(replaced.get("metadata").toString()).isEqualTo("{\"batch\":\"43\"}");
        assertError(api.delete("/api/v1/credit_notes/" + id + "/metadata/erp_id"), 404, "metadata_not_found");
        assertThat(api.delete("/api/v1/credit_notes/" + id + "/metadata/batch").body().get("metadata").isNull()).isTrue();
        assertThat(api.get("/api/v1/credit_notes/" + id).body().get("credit_note").get("metadata").isNull()).isTrue();

        // a nested value is refused and nothing changes
        assertValidation(api.post("/api/v1/credit_notes/" + id + "/metadata", "{\"metadata\": {\"a\": {\"b\": 1}}}"),
                "metadata", "nested_structure_not_allowed");
        assertValidation(api.post("/api/v1/credit_notes", create.replace("\"source\": null", "\"source\": [1]")),
                "metadata", "nested_structure_not_allowed");
        assertThat(notesOn(march.get("lago_id").stringValue())).isEqualTo(1);
        assertThat(api.delete("/api/v1/credit_notes/" + UUID.randomUUID() + "/metadata").status()).isEqualTo(404);
    }

    /** Moves the clock to {@code at} and runs the billing clock there. */
    private JsonNode bill(String at) {
        clock.set(Instant.parse(at));
        JsonNode run = api.post("/api/v1/billing_runs", "{\"billing_run\": {\"at\": \"" + at + "\"}}").body()
                .get("billing_run");
        return api.get("/api/v1/invoices/" + run.get("lago_invoice_ids").get(0).stringValue()).body().get("invoice");
    }

    private static String body(JsonNode invoice, String reason, long credit, long refund, String feeId, long item) {
        return "{\"credit_note\": {\"invoice_id\": \"" + invoice.get("lago_id").stringValue() + "\""
                + (reason == null ? "" : ", \"reason\": \"" + reason + "\"")
                + ", \"credit_amount_cents\": " + credit + ", \"refund_amount_cents\": " + refund
                + ", \"items\": [{\"fee_id\": \"" + feeId + "\", \"amount_cents\": " + item + "}]}}";
    }

    private long notesOn(String invoiceId) {
        return jdbc.sql("SELECT count(*) FROM credit_notes WHERE invoice_id = ?").param(UUID.fromString(invoiceId))
                .query(Long.class).single();
    }

    static void assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("code").stringValue()).isEqualTo(code);
    }

    static void assertValidation(ApiClient.Response response, String field, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.body().get("error_details").get(field).toString()).as(response.raw()).contains(code);
    }
}

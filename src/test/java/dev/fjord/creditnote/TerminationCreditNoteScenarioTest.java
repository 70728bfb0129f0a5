package dev.fjord.creditnote;

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
 * {@code on_termination_credit_note}: a subscription on a plan paid in advance that ends inside its period gets a
 * credit note (reason {@code order_change}) for the unused days of the fee it paid, taxes included. Plans are monthly
 * and paid in advance, without charges; the organization taxes 20% VAT.
 */
class TerminationCreditNoteScenarioTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\","
                + " \"applied_to_organization\": true}}");
        s.customer("acme", null);
    }

    @Test
    void anUpgradeCreditsTheUnusedDaysFromTheUpgradeDayAndTheNewPlansInvoiceConsumesIt() {
        plan("basic", 3100);
        plan("premium", 6200);
        clock.set(Instant.parse("2026-03-01T10:00:00Z"));
        s.subscription("sub", "acme", "basic", null);
        // March in advance: 31.00 + 20% = 37.20
        JsonNode march = invoices().get(0);
        assertThat(march.get("total_amount_cents").longValue()).isEqualTo(3720);

        clock.set(Instant.parse("2026-03-20T09:00:00Z"));
        s.subscription("sub", "acme", "premium", null);

        // the new plan pays from the upgrade day, so 20–31 March is unused: 12 days of 31 at 31.00 = 12.00,
        // + 20% (2.40) = 14.40 credited
        JsonNode note = onlyCreditNote();
        assertThat(note.get("lago_invoice_id").stringValue()).isEqualTo(march.get("lago_id").stringValue());
        assertThat(note.get("reason").stringValue()).isEqualTo("order_change");
        assertThat(note.get("items").get(0).get("amount_cents").longValue()).isEqualTo(1200);
        assertThat(note.get("items").get(0).get("fee").get("lago_id").stringValue())
                .isEqualTo(march.get("fees").get(0).get("lago_id").stringValue());
        assertThat(note.get("sub_total_excluding_taxes_amount_cents").longValue()).isEqualTo(1200);
        assertThat(note.get("taxes_amount_cents").longValue()).isEqualTo(240);
        assertThat(note.get("total_amount_cents").longValue()).isEqualTo(1440);
        assertThat(note.get("credit_amount_cents").longValue()).isEqualTo(1440);
        assertThat(note.get("refund_amount_cents").longValue()).isZero();

        // premium from 20 March: 12 days of 31 at 62.00 = 24.00 + 20% = 28.80, less the 14.40 credited = 14.40
        JsonNode premium = invoices().stream().filter(i -> i.get("fees_amount_cents").longValue() == 2400)
                .findFirst().orElseThrow();
        assertThat(premium.get("credit_notes_amount_cents").longValue()).isEqualTo(1440);
        assertThat(premium.get("total_amount_cents").longValue()).isEqualTo(1440);
        JsonNode consumed = api.get("/api/v1/credit_notes/" + note.get("lago_id").stringValue()).body()
                .get("credit_note");
        assertThat(consumed.get("credit_status").stringValue()).isEqualTo("consumed");
    }

    @Test
    void aTerminatedPaidSubscriptionWithRefundIsRefundedTheDaysAfterItsLastDay() {
        plan("basic", 3000);
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        s.subscription("sub", "acme", "basic", null);
        JsonNode april = invoices().get(0);
        // April in advance: 30.00 + 20% = 36.00, paid
        assertThat(april.get("total_amount_cents").longValue()).isEqualTo(3600);
        api.put("/api/v1/invoices/" + april.get("lago_id").stringValue(),
                "{\"invoice\": {\"payment_status\": \"succeeded\"}}");

        clock.set(Instant.parse("2026-04-12T09:00:00Z"));
        var refused = api.delete("/api/v1/subscriptions/sub?on_termination_credit_note=later");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("error_details").get("on_termination_credit_note").get(0).stringValue())
                .isEqualTo("value_is_invalid");
        assertThat(api.get("/api/v1/subscriptions/sub").body().get("subscription").get("status").stringValue())
                .isEqualTo("active");
        api.delete("/api/v1/subscriptions/sub?on_termination_credit_note=refund");

        // 12 April was used: 13–30 April = 18 days of 30 at 30.00 = 18.00 + 20% (3.60) = 21.60, all paid: refunded
        JsonNode note = onlyCreditNote();
        assertThat(note.get("items").get(0).get("amount_cents").longValue()).isEqualTo(1800);
        assertThat(note.get("taxes_amount_cents").longValue()).isEqualTo(360);
        assertThat(note.get("total_amount_cents").longValue()).isEqualTo(2160);
        assertThat(note.get("refund_amount_cents").longValue()).isEqualTo(2160);
        assertThat(note.get("credit_amount_cents").longValue()).isZero();
        assertThat(note.get("refund_status").stringValue()).isEqualTo("pending");
    }

    @Test
    void anUnpaidInvoiceIsOffsetWithOffsetAndNothingIsIssuedWithSkip() {
        plan("basic", 3000);
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        s.subscription("sub", "acme", "basic", null);
        s.subscription("other", "acme", "basic", null);
        api.put("/api/v1/subscriptions/sub", "{\"subscription\": {\"on_termination_credit_note\": \"offset\"}}");
        api.put("/api/v1/subscriptions/other", "{\"subscription\": {\"on_termination_credit_note\": \"skip\"}}");

        clock.set(Instant.parse("2026-04-21T15:00:00Z"));
        api.delete("/api/v1/subscriptions/sub");
        api.delete("/api/v1/subscriptions/other");

        // 22–30 April = 9 days of 30 at 30.00 = 9.00 + 20% (1.80) = 10.80, nothing paid: offset from the 36.00 owed
        JsonNode note = onlyCreditNote();
        assertThat(note.get("total_amount_cents").longValue()).isEqualTo(1080);
        assertThat(note.get("offset_amount_cents").longValue()).isEqualTo(1080);
        assertThat(note.get("credit_amount_cents").longValue()).isZero();
        JsonNode offsetInvoice = api.get("/api/v1/invoices/" + note.get("lago_invoice_id").stringValue()).body()
                .get("invoice");
        assertThat(offsetInvoice.get("total_due_amount_cents").longValue()).isEqualTo(3600 - 1080);
    }

    @Test
    void aTerminationAtThePeriodEndLeavesNothingUnused() {
        plan("basic", 3000);
        clock.set(Instant.parse("2026-04-01T10:00:00Z"));
        s.subscription("sub", "acme", "basic", "\"ending_at\": \"2026-05-01T00:00:00Z\"");
        clock.set(Instant.parse("2026-05-01T00:30:00Z"));
        assertThat(api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription").get("status")
                .stringValue()).isEqualTo("terminated");

        assertThat(api.get("/api/v1/credit_notes?external_customer_id=acme").body().get("meta").get("total_count")
                .intValue()).isZero();
    }

    private void plan(String code, long amountCents) {
        var created = api.post("/api/v1/plans", "{\"plan\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"interval\": \"monthly\", \"amount_cents\": " + amountCents + ", \"amount_currency\": \"EUR\","
                + " \"pay_in_advance\": true, \"charges\": []}}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
    }

    private JsonNode onlyCreditNote() {
        JsonNode list = api.get("/api/v1/credit_notes?external_customer_id=acme").body();
        assertThat(list.get("meta").get("total_count").intValue()).isEqualTo(1);
        return api.get("/api/v1/credit_notes/" + list.get("credit_notes").get(0).get("lago_id").stringValue()).body()
                .get("credit_note");
    }

    /** The customer's invoices with their fees, oldest first. */
    private List<JsonNode> invoices() {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode item : api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices")) {
            found.add(0, api.get("/api/v1/invoices/" + item.get("lago_id").stringValue()).body().get("invoice"));
        }
        return found;
    }
}

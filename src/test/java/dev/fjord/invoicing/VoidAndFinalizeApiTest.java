package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.invoicing.internal.InvoiceNumbering;
import dev.fjord.invoicing.internal.InvoiceRepository;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /invoices/{id}/void} and {@code PUT /invoices/{id}/finalize} (spec §4.7, §5.8; lago-api
 * {@code Invoices::VoidService}, {@code Invoices::RefreshDraftAndFinalizeService}). The wallet side of a void is in
 * {@code dev.fjord.wallet.VoidedInvoiceRecreditApiTest}.
 */
class VoidAndFinalizeApiTest extends InvoiceTestSupport {
    private static final Instant NOW = Instant.parse("2025-03-14T10:15:30Z");

    @Autowired
    private InvoiceRepository repository;
    @Autowired
    private ConfigurableApplicationContext context;

    /** InvoiceVoided events of this test, with whether a transaction was active when each was delivered. */
    private final List<Map.Entry<InvoiceVoided, Boolean>> voids = new CopyOnWriteArrayList<>();
    private ApplicationListener<ApplicationEvent> voidRecorder;

    @BeforeEach
    void recordVoids() {
        voidRecorder = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof InvoiceVoided v) {
                voids.add(Map.entry(v, TransactionSynchronizationManager.isActualTransactionActive()));
            }
        };
        context.addApplicationListener(voidRecorder);
    }

    @AfterEach
    void stopRecordingVoids() {
        context.removeApplicationListener(voidRecorder);
    }

    private JsonNode oneOff(String customer, long unitAmountCents) {
        var response = api.post("/api/v1/invoices", "{\"invoice\": {\"external_customer_id\": \"" + customer
                + "\", \"fees\": [{\"add_on_code\": \"setup\", \"unit_amount_cents\": " + unitAmountCents + "}]}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("invoice");
    }

    private ApiClient.Response voidInvoice(String id) {
        return api.post("/api/v1/invoices/" + id + "/void", "");
    }

    private static void assertError(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.body().get("code").stringValue()).isEqualTo(code);
    }

    /**
     * A draft {@code one_off} invoice (none is made through the API): only subscription drafts can be finalized.
     */
    private UUID oneOffDraft(JsonNode customer, long amountCents) {
        OrganizationId organization = organizationOf(customer);
        UUID customerId = UUID.fromString(customer.get("lago_id").stringValue());
        UUID invoiceId = UUID.randomUUID();
        LocalDate periodEnd = LocalDate.of(2025, 3, 1);
        Instant created = Instant.parse("2025-03-01T00:05:00Z");
        repository.insert(organization, new Invoice(invoiceId, customerId, "one_off", "draft", "pending",
                InvoiceNumbering.draft(prefix()), null, null, "EUR", periodEnd, periodEnd, 0, "UTC", null, false, 4,
                Invoice.Amounts.ofFees(amountCents), null, null, null, created, created, List.of(), List.of()));
        return invoiceId;
    }

    /**
     * A customer with a 5-day grace period subscribed since 1 February 2025 (local time in {@code zone}) to plan
     * {@code plan} (monthly, {@code amountCents}, no tax), and the draft the billing run leaves for February.
     */
    private UUID draftedCustomer(String externalId, String zone, String plan, long amountCents, String extra) {
        scenario().customer(externalId, "\"currency\": \"EUR\", \"timezone\": \"" + zone + "\","
                + " \"billing_configuration\": {\"invoice_grace_period\": 5}" + (extra == null ? "" : ", " + extra));
        if (api.get("/api/v1/plans/" + plan).status() == 404) {
            scenario().plan(plan, "monthly", amountCents, "EUR", "[]");
        }
        String start = java.time.LocalDate.of(2025, 2, 1).atStartOfDay(java.time.ZoneId.of(zone)).toInstant().toString();
        scenario().subscription("sub-" + externalId, externalId, plan, "\"subscription_at\": \"" + start + "\"");
        api.post("/api/v1/billing_runs", "{\"billing_run\": {}}");
        JsonNode page = api.get("/api/v1/invoices?external_customer_id=" + externalId + "&status=draft").body();
        assertThat(page.get("meta").get("total_count").intValue()).as(page.toString()).isEqualTo(1);
        return UUID.fromString(page.get("invoices").get(0).get("lago_id").stringValue());
    }

    @BeforeEach
    void catalog() {
        clock.set(NOW);
        assertThat(api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"Setup\", \"code\": \"setup\","
                + " \"amount_cents\": 1000, \"amount_currency\": \"EUR\"}}").status()).isEqualTo(200);
    }

    @Test
    void voidingAFinalizedInvoicePublishesTheVoidOnceAndKeepsItsNumber() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        JsonNode invoice = oneOff("acme", 1000);
        String id = invoice.get("lago_id").stringValue();
        clock.set(NOW.plusSeconds(60));

        var voided = voidInvoice(id);

        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);
        JsonNode body = voided.body().get("invoice");
        assertThat(body.get("status").stringValue()).isEqualTo("voided");
        assertThat(body.get("voided_at").stringValue()).isEqualTo("2025-03-14T10:16:30Z");
        assertThat(body.get("updated_at").stringValue()).isEqualTo("2025-03-14T10:16:30Z");
        // a voided invoice owes nothing and is never overdue; it keeps its number, amounts and payment status
        assertThat(body.get("total_due_amount_cents").longValue()).isZero();
        assertThat(body.get("total_amount_cents").longValue()).isEqualTo(1000);
        assertThat(body.get("payment_overdue").booleanValue()).isFalse();
        assertThat(body.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(body.get("number").stringValue()).isEqualTo(invoice.get("number").stringValue());
        assertThat(body.get("fees")).hasSize(1);
        assertThat(invoiceJson(UUID.fromString(id))).isEqualTo(body);
        assertThat(voids).containsExactly(Map.entry(new InvoiceVoided(organizationOf(customer), UUID.fromString(id)),
                true));
        assertThat(api.get("/api/v1/invoices?status=voided").body().get("meta").get("total_count").intValue())
                .isEqualTo(1);

        // Voided is final: voiding again, paying or changing metadata are refused, and nothing is published again.
        assertError(voidInvoice(id), 405, "not_voidable");
        assertError(putPaymentStatus(UUID.fromString(id), "succeeded"), 405, "update_on_voided_invoice");
        // finalizing a voided invoice: Lago looks up drafts only, so it is not found, and it stays voided
        assertError(api.put("/api/v1/invoices/" + id + "/finalize", ""), 404, "invoice_not_found");
        assertThat(invoiceJson(UUID.fromString(id))).isEqualTo(body);
        assertThat(voids).hasSize(1);
    }

    @Test
    void onlyAnUnpaidFinalizedInvoiceCanBeVoided() {
        scenario().customer("acme", "\"currency\": \"EUR\"");
        String paid = oneOff("acme", 1000).get("lago_id").stringValue();
        String failed = oneOff("acme", 2000).get("lago_id").stringValue();
        String free = oneOff("acme", 0).get("lago_id").stringValue();
        putPaymentStatus(UUID.fromString(paid), "succeeded");
        putPaymentStatus(UUID.fromString(failed), "failed");

        // paid: Lago's voidable? rule (payment pending or failed) refuses it; so is an invoice paid at once (total 0)
        assertError(voidInvoice(paid), 405, "not_voidable");
        assertError(voidInvoice(free), 405, "not_voidable");
        assertThat(invoiceJson(UUID.fromString(paid)).get("status").stringValue()).isEqualTo("finalized");
        // a failed payment can be voided
        assertThat(voidInvoice(failed).body().get("invoice").get("status").stringValue()).isEqualTo("voided");
        assertThat(voids).hasSize(1);
    }

    @Test
    void draftsUnknownIdsAndCreditNoteRequestsAreRefused() {
        UUID draft = draftedCustomer("acme", "UTC", "pro", 4900, null);
        String invoice = oneOff("acme", 1000).get("lago_id").stringValue();

        assertError(voidInvoice(draft.toString()), 405, "not_voidable");
        assertError(voidInvoice(UUID.randomUUID().toString()), 404, "invoice_not_found");
        assertError(voidInvoice("not-a-uuid"), 404, "invoice_not_found");
        // Lago voids through credit notes only with generate_credit_note (premium); Fjord has no credit notes
        assertError(api.post("/api/v1/invoices/" + invoice + "/void", "{\"generate_credit_note\": true}"), 403,
                "feature_unavailable");
        assertError(api.post("/api/v1/invoices/" + invoice + "/void?generate_credit_note=true", ""), 403,
                "feature_unavailable");
        assertThat(voids).isEmpty();
        // false, as Lago casts it, is the plain void; official clients may send no body at all
        assertThat(api.post("/api/v1/invoices/" + invoice + "/void", "{\"generate_credit_note\": \"false\"}").status())
                .isEqualTo(200);
        String other = oneOff("acme", 500).get("lago_id").stringValue();
        var noBody = api.send(api.request("/api/v1/invoices/" + other + "/void")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(noBody.status()).as(noBody.raw()).isEqualTo(200);
        assertThat(voids).hasSize(2);
    }

    @Test
    void finalizingADraftNumbersIssuesAndDatesItToday() {
        clock.set(Instant.parse("2025-03-14T23:30:00Z"));
        // 23:30 UTC is already 15 March in Tokyo; the customer's own term, 10 days
        UUID draft = draftedCustomer("acme", "Asia/Tokyo", "pro", 4900, "\"net_payment_term\": 10");
        JsonNode before = invoiceJson(draft);
        assertThat(before.get("number").stringValue()).isEqualTo(prefix() + "-DRAFT");

        var finalized = api.put("/api/v1/invoices/" + draft + "/finalize", "");

        assertThat(finalized.status()).as(finalized.raw()).isEqualTo(200);
        JsonNode invoice = finalized.body().get("invoice");
        assertThat(invoice.get("status").stringValue()).isEqualTo("finalized");
        assertThat(invoice.get("number").stringValue()).isEqualTo(prefix() + "-001-001");
        assertThat(invoice.get("sequential_id").longValue()).isEqualTo(1);
        assertThat(invoice.get("issuing_date").stringValue()).isEqualTo("2025-03-15");
        assertThat(invoice.get("payment_due_date").stringValue()).isEqualTo("2025-03-25");
        assertThat(invoice.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(4900);
        assertThat(invoice.get("updated_at").stringValue()).isEqualTo("2025-03-14T23:30:00Z");
        // computed again at finalization: February's plan fee, unchanged
        assertThat(invoice.get("fees")).hasSize(1);
        assertThat(invoice.get("fees").get(0).get("amount_cents").longValue()).isEqualTo(4900);
        assertThat(before.get("fees").get(0).get("amount_cents").longValue()).isEqualTo(4900);
        assertThat(invoiceJson(draft)).isEqualTo(invoice);
        // the next invoice of the customer follows in the same sequence
        assertThat(oneOff("acme", 1000).get("number").stringValue()).isEqualTo(prefix() + "-001-002");

        // Lago finds drafts only: finalizing twice, or a finalized invoice, is invoice_not_found
        assertError(api.put("/api/v1/invoices/" + draft + "/finalize", ""), 404, "invoice_not_found");
        assertError(api.put("/api/v1/invoices/" + UUID.randomUUID() + "/finalize", ""), 404, "invoice_not_found");
        assertError(api.put("/api/v1/invoices/nope/finalize", ""), 404, "invoice_not_found");
    }

    @Test
    void zeroAmountDraftsArePaidAtOnceOrClosedAndOnlySubscriptionDraftsFinalize() {
        UUID zero = draftedCustomer("acme", "UTC", "free", 0, null);
        UUID skipped = draftedCustomer("skipper", "UTC", "free", 0, "\"finalize_zero_amount_invoice\": \"skip\"");
        UUID oneOffDraft = oneOffDraft(api.get("/api/v1/customers/acme").body().get("customer"), 1000);

        JsonNode paid = api.put("/api/v1/invoices/" + zero + "/finalize", "").body().get("invoice");
        assertThat(paid.get("status").stringValue()).isEqualTo("finalized");
        assertThat(paid.get("payment_status").stringValue()).isEqualTo("succeeded");
        assertThat(paid.get("fees").get(0).get("payment_status").stringValue()).isEqualTo("succeeded");

        JsonNode closed = api.put("/api/v1/invoices/" + skipped + "/finalize", "").body().get("invoice");
        assertThat(closed.get("status").stringValue()).isEqualTo("closed");
        assertThat(closed.get("number").stringValue()).isEqualTo(prefix() + "-DRAFT");
        assertThat(api.get("/api/v1/invoices/" + skipped).status()).isEqualTo(404);

        // Lago's RefreshDraftAndFinalizeService finalizes subscription invoices only
        assertError(api.put("/api/v1/invoices/" + oneOffDraft + "/finalize", ""), 403, "feature_unavailable");
        assertThat(invoiceJson(oneOffDraft).get("status").stringValue()).isEqualTo("draft");
    }
}

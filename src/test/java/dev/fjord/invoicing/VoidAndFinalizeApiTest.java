package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.invoicing.internal.InvoiceNumbering;
import dev.fjord.invoicing.internal.InvoiceRepository;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import java.math.BigDecimal;
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
     * A draft subscription invoice as the billing run will leave it (grace period): computed, not numbered, issued on
     * the day of its period end. Fees {@code amountCents}, no taxes.
     */
    private UUID draft(JsonNode customer, String invoiceType, long amountCents) {
        OrganizationId organization = organizationOf(customer);
        UUID customerId = UUID.fromString(customer.get("lago_id").stringValue());
        UUID invoiceId = UUID.randomUUID();
        LocalDate periodEnd = LocalDate.of(2025, 3, 1);
        Instant created = Instant.parse("2025-03-01T00:05:00Z");
        repository.insert(organization, new Invoice(invoiceId, customerId, invoiceType, "draft", "pending",
                InvoiceNumbering.draft(prefix()), null, null, "EUR", periodEnd, periodEnd, 0, "UTC", null, false, 4,
                Invoice.Amounts.ofFees(amountCents), null, null, null, created, created, List.of(), List.of()));
        if ("subscription".equals(invoiceType)) {
            String subscription = jdbc.sql("SELECT id::text FROM subscriptions WHERE customer_id = ?")
                    .param(customerId).query(String.class).single();
            repository.insertFee(organization, new Fee(UUID.randomUUID(), invoiceId, "subscription",
                    UUID.fromString(subscription), null, null, null, null, null, null, null, "Pro plan", null,
                    amountCents, BigDecimal.valueOf(amountCents), "EUR", BigDecimal.ONE, null, null,
                    BigDecimal.valueOf(amountCents), BigDecimal.valueOf(amountCents).movePointLeft(2),
                    BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO, false, true, null, Map.of(), Map.of(),
                    Instant.parse("2025-02-01T00:00:00Z"), Instant.parse("2025-02-28T23:59:59Z"), "pending", null,
                    null, null, created, created));
        }
        return invoiceId;
    }

    private JsonNode subscribedCustomer(String externalId, String extra) {
        JsonNode customer = scenario().customer(externalId, "\"currency\": \"EUR\"" + (extra == null ? "" : ", " + extra));
        if (jdbc.sql("SELECT count(*) FROM plans p JOIN customers c ON c.organization_id = p.organization_id"
                + " WHERE c.id = ? AND p.code = 'pro'").param(UUID.fromString(customer.get("lago_id").stringValue()))
                .query(Long.class).single() == 0) {
            scenario().plan("pro", "monthly", 4900, "EUR", "[]");
        }
        scenario().subscription("sub-" + externalId, externalId, "pro", null);
        return customer;
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
        JsonNode customer = subscribedCustomer("acme", null);
        UUID draft = draft(customer, "subscription", 4900);
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
        JsonNode customer = subscribedCustomer("acme", "\"timezone\": \"Asia/Tokyo\", \"net_payment_term\": 10");
        UUID draft = draft(customer, "subscription", 4900);
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
        assertThat(invoice.get("fees")).isEqualTo(before.get("fees"));
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
        JsonNode acme = subscribedCustomer("acme", null);
        JsonNode skipper = subscribedCustomer("skipper", "\"finalize_zero_amount_invoice\": \"skip\"");
        UUID zero = draft(acme, "subscription", 0);
        UUID skipped = draft(skipper, "subscription", 0);
        UUID oneOffDraft = draft(acme, "one_off", 1000);

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

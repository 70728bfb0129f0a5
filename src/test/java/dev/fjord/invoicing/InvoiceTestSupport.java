package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * Credit invoices without the wallet module: the tests call {@link Invoices#createCreditInvoice} as the wallet will,
 * for customers created through the API, and record the {@link InvoicePaymentStatusChanged} events published.
 */
abstract class InvoiceTestSupport extends ApiTest {
    @Autowired
    protected Invoices invoices;
    @Autowired
    private ConfigurableApplicationContext context;

    /** Events of this test, with whether a transaction was active when each was delivered. */
    protected final List<Recorded> events = new CopyOnWriteArrayList<>();
    private ApplicationListener<ApplicationEvent> recorder;

    protected record Recorded(InvoicePaymentStatusChanged event, boolean inTransaction) {}

    @BeforeEach
    void recordEvents() {
        recorder = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof InvoicePaymentStatusChanged changed) {
                events.add(new Recorded(changed, TransactionSynchronizationManager.isActualTransactionActive()));
            }
        };
        context.addApplicationListener(recorder);
    }

    @AfterEach
    void stopRecording() {
        context.removeApplicationListener(recorder);
    }

    protected Scenario scenario() {
        return new Scenario(api);
    }

    /** The organization of a customer created through the API. */
    protected OrganizationId organizationOf(JsonNode customer) {
        return new OrganizationId(jdbc.sql("SELECT organization_id FROM customers WHERE id = ?")
                .param(UUID.fromString(customer.get("lago_id").stringValue())).query(UUID.class).single());
    }

    protected String prefix() {
        return api.get("/api/v1/organizations").body().get("organization").get("document_number_prefix").stringValue();
    }

    /**
     * What the wallet sends for a paid top-up of {@code credits} at {@code rate} EUR per credit: amount =
     * credits × rate in cents, unit amount = rate × 100.
     */
    protected CreditInvoiceRequest topUp(JsonNode customer, String credits, String rate, boolean requiresPayment) {
        BigDecimal creditAmount = new BigDecimal(credits);
        BigDecimal rateAmount = new BigDecimal(rate);
        long amountCents = creditAmount.multiply(rateAmount).movePointRight(2).longValueExact();
        return new CreditInvoiceRequest(organizationOf(customer), UUID.randomUUID(),
                UUID.fromString(customer.get("lago_id").stringValue()), UUID.randomUUID(), "EUR", creditAmount,
                rateAmount.movePointRight(2), amountCents, "Prepaid credits", requiresPayment);
    }

    protected Invoice creditInvoice(JsonNode customer, String credits, String rate) {
        return invoices.createCreditInvoice(topUp(customer, credits, rate, false));
    }

    protected JsonNode invoiceJson(UUID id) {
        var response = api.get("/api/v1/invoices/" + id);
        if (response.status() != 200) {
            throw new AssertionError(response.raw());
        }
        return response.body().get("invoice");
    }

    protected ApiClient.Response putPaymentStatus(UUID id, String status) {
        return api.put("/api/v1/invoices/" + id, "{\"invoice\": {\"payment_status\": \"" + status + "\"}}");
    }
}

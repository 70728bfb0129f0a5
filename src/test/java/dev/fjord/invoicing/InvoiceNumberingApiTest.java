package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Lago's invoice numbers (lago-api {@code Invoice#ensure_number}): given at finalization, {@code <prefix>-<customer
 * sequential id>-<customer's invoice sequence>} per customer, {@code <prefix>-<YYYYMM>-<organization sequence>} per
 * organization; {@code open} credit invoices are hidden until their payment succeeds, and numbered then.
 */
class InvoiceNumberingApiTest extends InvoiceTestSupport {
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void perCustomerNumbersFollowEachCustomersSequence() {
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        JsonNode globex = scenario().customer("globex", "\"currency\": \"EUR\"");
        String prefix = prefix();

        JsonNode first = invoiceJson(creditInvoice(acme, "10", "1").id());
        JsonNode second = invoiceJson(creditInvoice(acme, "10", "1").id());
        JsonNode other = invoiceJson(creditInvoice(globex, "10", "1").id());

        // acme is the organization's customer 1, globex customer 2; each customer counts its own invoices.
        assertThat(first.get("number").stringValue()).isEqualTo(prefix + "-001-001");
        assertThat(first.get("sequential_id").longValue()).isEqualTo(1);
        assertThat(second.get("number").stringValue()).isEqualTo(prefix + "-001-002");
        assertThat(second.get("sequential_id").longValue()).isEqualTo(2);
        assertThat(other.get("number").stringValue()).isEqualTo(prefix + "-002-001");
        assertThat(other.get("sequential_id").longValue()).isEqualTo(1);
        // the prefix is the organization's at finalization
        api.put("/api/v1/organizations", "{\"organization\": {\"document_number_prefix\": \"INV\"}}");
        assertThat(invoiceJson(creditInvoice(globex, "10", "1").id()).get("number").stringValue())
                .isEqualTo("INV-002-002");
    }

    @Test
    void perOrganizationNumbersCarryTheMonthAndOneSequenceThatDoesNotRestart() {
        api.put("/api/v1/organizations", "{\"organization\": {\"document_numbering\": \"per_organization\","
                + " \"document_number_prefix\": \"ACME\", \"timezone\": \"Europe/Paris\"}}");
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        JsonNode globex = scenario().customer("globex", "\"currency\": \"EUR\", \"timezone\": \"UTC\"");

        // 31 March 23:30 UTC is 1 April 01:30 in Paris (CEST): the organization's month is April.
        clock.set(Instant.parse("2025-03-31T23:30:00Z"));
        JsonNode first = invoiceJson(creditInvoice(acme, "10", "1").id());
        JsonNode second = invoiceJson(creditInvoice(globex, "10", "1").id());
        clock.set(Instant.parse("2025-05-02T08:00:00Z"));
        JsonNode third = invoiceJson(creditInvoice(acme, "10", "1").id());

        assertThat(first.get("number").stringValue()).isEqualTo("ACME-202504-001");
        assertThat(second.get("number").stringValue()).isEqualTo("ACME-202504-002");
        // the issuing date is the customer's: still 31 March in UTC
        assertThat(second.get("issuing_date").stringValue()).isEqualTo("2025-03-31");
        // May: the month changes, the sequence goes on (lago-api PR #1774)
        assertThat(third.get("number").stringValue()).isEqualTo("ACME-202505-003");
        // sequential_id stays the customer's own sequence
        assertThat(first.get("sequential_id").longValue()).isEqualTo(1);
        assertThat(second.get("sequential_id").longValue()).isEqualTo(1);
        assertThat(third.get("sequential_id").longValue()).isEqualTo(2);

        // Back to per_customer: the customer's sequence continues.
        api.put("/api/v1/organizations", "{\"organization\": {\"document_numbering\": \"per_customer\"}}");
        assertThat(invoiceJson(creditInvoice(acme, "10", "1").id()).get("number").stringValue())
                .isEqualTo("ACME-001-003");
    }

    @Test
    void anOpenInvoiceIsHiddenUntilPaidThenFinalizedWithTheNextNumber() {
        clock.set(Instant.parse("2025-03-14T10:00:00Z"));
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\", \"net_payment_term\": 30");
        OrganizationId organization = organizationOf(acme);
        String prefix = prefix();
        CreditInvoiceRequest request = topUp(acme, "20", "1.5", true);

        Invoice open = invoices.createCreditInvoice(request);

        assertThat(open.status()).isEqualTo("open");
        assertThat(open.number()).isEqualTo(prefix + "-DRAFT");
        assertThat(open.sequentialId()).isNull();
        assertThat(api.get("/api/v1/invoices/" + open.id()).body().get("code").stringValue())
                .isEqualTo("invoice_not_found");
        assertThat(putPaymentStatus(open.id(), "succeeded").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").longValue()).isZero();
        assertThat(invoices.find(organization, open.id())).isPresent();

        // A top-up paid at once meanwhile takes the customer's first number.
        JsonNode finalized = invoiceJson(creditInvoice(acme, "10", "1").id());
        assertThat(finalized.get("number").stringValue()).isEqualTo(prefix + "-001-001");

        // A failed payment leaves it open and hidden.
        invoices.updatePaymentStatus(organization, open.id(), "failed");
        assertThat(api.get("/api/v1/invoices/" + open.id()).status()).isEqualTo(404);

        // Paid two days later: finalized, numbered next, issued and due that day (Lago's FinalizeOpenCreditService).
        clock.set(Instant.parse("2025-03-16T09:00:00Z"));
        Invoice paid = invoices.updatePaymentStatus(organization, open.id(), "succeeded");

        assertThat(paid.status()).isEqualTo("finalized");
        JsonNode shown = invoiceJson(open.id());
        assertThat(shown.get("number").stringValue()).isEqualTo(prefix + "-001-002");
        assertThat(shown.get("sequential_id").longValue()).isEqualTo(2);
        assertThat(shown.get("issuing_date").stringValue()).isEqualTo("2025-03-16");
        assertThat(shown.get("payment_due_date").stringValue()).isEqualTo("2025-03-16");
        assertThat(shown.get("payment_status").stringValue()).isEqualTo("succeeded");
        assertThat(shown.get("payment_overdue").booleanValue()).isFalse();
        assertThat(events.stream().map(r -> r.event().paymentStatus()).toList())
                .containsExactly("failed", "succeeded");
        assertThat(events.stream().allMatch(Recorded::inTransaction)).isTrue();
        assertThat(events.get(1).event()).isEqualTo(
                new InvoicePaymentStatusChanged(organization, open.id(), "credit", "succeeded"));
        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").longValue()).isEqualTo(2);
    }

    @Test
    void concurrentInvoicesOfOneCustomerGetEveryNumberOnce() throws Exception {
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        String prefix = prefix();
        int count = 8;
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<Invoice>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                calls.add(() -> creditInvoice(acme, "10", "1"));
            }
            List<String> numbers = new ArrayList<>();
            for (Future<Invoice> created : pool.invokeAll(calls)) {
                numbers.add(created.get().number());
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                expected.add("%s-001-%03d".formatted(prefix, i));
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRolledBackInvoiceGivesItsNumberBack() {
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        String prefix = prefix();
        creditInvoice(acme, "10", "1");

        // The wallet's transaction fails after the invoice was created: the invoice and its number go.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(creditInvoice(acme, "10", "1").number()).isEqualTo(prefix + "-001-002");
            status.setRollbackOnly();
        });

        assertThat(creditInvoice(acme, "10", "1").number()).isEqualTo(prefix + "-001-002");
        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").longValue()).isEqualTo(2);
    }

    @Test
    void aWalletTransactionIsBilledOnce() {
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        CreditInvoiceRequest request = topUp(acme, "10", "1", false);
        invoices.createCreditInvoice(request);
        CreditInvoiceRequest again = new CreditInvoiceRequest(request.organization(), UUID.randomUUID(),
                request.customerId(), request.walletTransactionId(), "EUR", request.creditAmount(),
                request.unitAmountCents(), request.amountCents(), request.label(), false);

        assertThatThrownBy(() -> invoices.createCreditInvoice(again))
                .isInstanceOf(DuplicateKeyException.class);
        // the failed call rolled back whole: no second invoice, and its number is free again
        assertThat(api.get("/api/v1/invoices").body().get("meta").get("total_count").longValue()).isEqualTo(1);
        assertThat(creditInvoice(acme, "10", "1").number()).endsWith("-001-002");
    }

    @Test
    void invoiceNumbersAreUniqueInTheSchema() {
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(acme, "10", "1");
        Invoice other = creditInvoice(acme, "10", "1");

        assertThatThrownBy(() -> jdbc.sql(
                        "UPDATE invoices SET number = ? WHERE id = ?").params(invoice.number(), other.id()).update())
                .hasMessageContaining("invoices_number");
    }
}

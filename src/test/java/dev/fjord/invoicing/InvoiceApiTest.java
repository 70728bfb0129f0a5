package dev.fjord.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.support.ApiClient;
import dev.fjord.support.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /invoices}, {@code GET|PUT /invoices/{id}} (spec §5.8) on credit invoices of paid top-ups (§2.3). */
class InvoiceApiTest extends InvoiceTestSupport {
    private static final Instant NOW = Instant.parse("2025-03-14T10:15:30Z");

    @Autowired
    private ConfigurableApplicationContext context;

    @Test
    void aFinalizedCreditInvoiceHasLagosShape() {
        clock.set(NOW);
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\", \"timezone\": \"Europe/Paris\","
                + " \"net_payment_term\": 30");
        CreditInvoiceRequest request = topUp(customer, "20", "1.5", false);

        Invoice created = invoices.createCreditInvoice(request);

        JsonNode invoice = invoiceJson(request.invoiceId());
        String fee = created.fees().get(0).id().toString();
        // 20 credits at 1.5 EUR = 30.00 EUR = 3000 cents; one credit = 150 cents (precise_unit_amount 1.5 EUR).
        // No taxes, coupons or credits: fees = sub totals = total = due = 3000. Issued today in Paris (11:15 on
        // 2025-03-14), due 30 days later; first invoice of the organization's first customer: <prefix>-001-001.
        assertThat(((ObjectNode) invoice.deepCopy()).without("customer").toString()).isEqualTo(("""
                {"lago_id":"%s","billing_entity_code":"default","sequential_id":1,"number":"%s-001-001",\
                "purchase_order_number":null,"issuing_date":"2025-03-14","payment_due_date":"2025-04-13",\
                "net_payment_term":30,"invoice_type":"credit","status":"finalized","payment_status":"pending",\
                "payment_dispute_lost_at":null,"payment_overdue":false,"currency":"EUR","fees_amount_cents":3000,\
                "taxes_amount_cents":0,"progressive_billing_credit_amount_cents":0,"coupons_amount_cents":0,\
                "credit_notes_amount_cents":0,"sub_total_excluding_taxes_amount_cents":3000,\
                "sub_total_including_taxes_amount_cents":3000,"total_amount_cents":3000,\
                "total_due_amount_cents":3000,"total_paid_amount_cents":0,\
                "total_offsetted_credit_note_amount_cents":0,"prepaid_credit_amount_cents":0,\
                "prepaid_granted_credit_amount_cents":null,"prepaid_purchased_credit_amount_cents":null,\
                "file_url":null,"xml_url":null,"web_url":null,"version_number":4,"self_billed":false,\
                "created_at":"2025-03-14T10:15:30Z","updated_at":"2025-03-14T10:15:30Z","voided_at":null,\
                "subscriptions":[],"billing_periods":[],"fees":[{"lago_id":"%s","lago_charge_id":null,\
                "lago_charge_filter_id":null,"lago_fixed_charge_id":null,"lago_invoice_id":"%s",\
                "lago_true_up_fee_id":null,"lago_true_up_parent_fee_id":null,"lago_original_fee_id":null,\
                "lago_subscription_id":null,"external_subscription_id":null,"lago_customer_id":null,\
                "external_customer_id":null,"item":{"type":"credit","code":"credit","name":"Prepaid credits",\
                "description":"credit","invoice_display_name":"Prepaid credits","filters":null,\
                "filter_invoice_display_name":null,"lago_item_id":"%s","item_type":"WalletTransaction",\
                "grouped_by":{}},"pay_in_advance":false,"invoiceable":true,"amount_cents":3000,\
                "amount_currency":"EUR","precise_amount":"30.0","precise_total_amount":"30.0",\
                "taxes_amount_cents":0,"taxes_precise_amount":"0.0","taxes_rate":0.0,\
                "total_aggregated_units":null,"total_amount_cents":3000,"total_amount_currency":"EUR",\
                "units":"20.0","description":null,"precise_unit_amount":"1.5",\
                "precise_coupons_amount_cents":"0.0","sub_total_excluding_taxes_amount_cents":3000,\
                "sub_total_excluding_taxes_precise_amount_cents":"3000.0","events_count":null,\
                "payment_status":"pending","created_at":"2025-03-14T10:15:30Z","succeeded_at":null,\
                "failed_at":null,"refunded_at":null,"amount_details":{},"self_billed":false,\
                "pricing_unit_details":null,"presentation_breakdowns":[],"from_date":null,"to_date":null,\
                "event_transaction_id":null,"applied_taxes":[]}],"credits":[],"metadata":[],"applied_taxes":[],\
                "error_details":[],"applied_usage_thresholds":[],"applied_invoice_custom_sections":[]}""")
                .formatted(request.invoiceId(), prefix(), fee, request.invoiceId(), request.walletTransactionId()));
        // The customer object is the one GET /customers answers.
        assertThat(invoice.get("customer")).isEqualTo(api.get("/api/v1/customers/acme").body().get("customer"));
        assertThat(created.status()).isEqualTo("finalized");
        assertThat(created.fees().get(0).unitAmountCents()).isEqualByComparingTo("150");
    }

    @Test
    void theIssuingDateIsTodayInTheCustomersTimezoneAndTheTermFallsBackToTheOrganizations() {
        // 23:30 UTC on 14 March is already 15 March in Tokyo, still 14 March in UTC.
        clock.set(Instant.parse("2025-03-14T23:30:00Z"));
        api.put("/api/v1/organizations", "{\"organization\": {\"net_payment_term\": 15}}");
        JsonNode tokyo = scenario().customer("tokyo", "\"currency\": \"EUR\", \"timezone\": \"Asia/Tokyo\"");
        JsonNode utc = scenario().customer("utc", "\"currency\": \"EUR\", \"net_payment_term\": 0");

        JsonNode inTokyo = invoiceJson(creditInvoice(tokyo, "10", "1").id());
        JsonNode inUtc = invoiceJson(creditInvoice(utc, "10", "1").id());

        assertThat(inTokyo.get("issuing_date").stringValue()).isEqualTo("2025-03-15");
        // no term of its own: the organization's 15 days
        assertThat(inTokyo.get("net_payment_term").intValue()).isEqualTo(15);
        assertThat(inTokyo.get("payment_due_date").stringValue()).isEqualTo("2025-03-30");
        assertThat(inUtc.get("issuing_date").stringValue()).isEqualTo("2025-03-14");
        // its own term, 0, wins over the organization's
        assertThat(inUtc.get("net_payment_term").intValue()).isZero();
        assertThat(inUtc.get("payment_due_date").stringValue()).isEqualTo("2025-03-14");
    }

    @Test
    void aPaidStatusUpdatePublishesTheChangeOnceInsideTheTransaction() {
        clock.set(NOW);
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(customer, "20", "1.5");
        clock.set(NOW.plusSeconds(60));

        var paid = putPaymentStatus(invoice.id(), "succeeded");

        assertThat(paid.status()).as(paid.raw()).isEqualTo(200);
        JsonNode body = paid.body().get("invoice");
        assertThat(body.get("payment_status").stringValue()).isEqualTo("succeeded");
        assertThat(body.get("status").stringValue()).isEqualTo("finalized");
        assertThat(body.get("updated_at").stringValue()).isEqualTo("2025-03-14T10:16:30Z");
        // the fees follow the invoice (Lago's UpdateFeesPaymentStatusJob)
        assertThat(body.get("fees").get(0).get("payment_status").stringValue()).isEqualTo("succeeded");
        // as in Lago, marking an invoice paid records no payment: nothing is counted as paid
        assertThat(body.get("total_paid_amount_cents").longValue()).isZero();
        OrganizationId organization = organizationOf(customer);
        assertThat(events).containsExactly(new Recorded(
                new InvoicePaymentStatusChanged(organization, invoice.id(), "credit", "succeeded"), true));

        // The same status again is no change: no event.
        assertThat(putPaymentStatus(invoice.id(), "succeeded").status()).isEqualTo(200);
        assertThat(events).hasSize(1);

        assertThat(putPaymentStatus(invoice.id(), "failed").status()).isEqualTo(200);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).event().paymentStatus()).isEqualTo("failed");
        assertThat(invoiceJson(invoice.id()).get("payment_status").stringValue()).isEqualTo("failed");
    }

    @Test
    void aListenerFailureRollsTheStatusChangeBack() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(customer, "20", "1.5");
        ApplicationListener<ApplicationEvent> failing = event -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof InvoicePaymentStatusChanged changed
                    && changed.invoiceId().equals(invoice.id())) {
                throw new IllegalStateException("the wallet could not settle");
            }
        };
        context.addApplicationListener(failing);
        try {
            assertThat(putPaymentStatus(invoice.id(), "succeeded").status()).isEqualTo(500);
        } finally {
            context.removeApplicationListener(failing);
        }

        JsonNode after = invoiceJson(invoice.id());
        assertThat(after.get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(after.get("fees").get(0).get("payment_status").stringValue()).isEqualTo("pending");
    }

    @Test
    void anInvalidPaymentStatusIsRefused() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(customer, "20", "1.5");

        for (String body : new String[] {
                "{\"invoice\": {\"payment_status\": \"paid\"}}",
                "{\"invoice\": {\"payment_status\": null}}",
                "{\"invoice\": {\"payment_status\": 1}}"}) {
            var response = api.put("/api/v1/invoices/" + invoice.id(), body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.body().get("code").stringValue()).isEqualTo("validation_errors");
            assertThat(response.body().get("error_details").toString())
                    .isEqualTo("{\"payment_status\":[\"value_is_invalid\"]}");
        }
        assertThat(api.put("/api/v1/invoices/" + invoice.id(), "{\"payment_status\": \"succeeded\"}").status())
                .isEqualTo(400);
        assertThat(invoiceJson(invoice.id()).get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(events).isEmpty();
        // the facade keeps the same rule for other modules
        assertThatThrownBy(() -> invoices.updatePaymentStatus(organizationOf(customer), invoice.id(), "refunded"))
                .isInstanceOf(BillingError.class).hasMessageContaining("payment_status");
    }

    @Test
    void anUnknownInvoiceIsNotFound() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            var shown = api.get("/api/v1/invoices/" + id);
            assertThat(shown.status()).isEqualTo(404);
            assertThat(shown.raw()).isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"invoice_not_found\"}");
            var updated = api.put("/api/v1/invoices/" + id, "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
            assertThat(updated.status()).isEqualTo(404);
            assertThat(updated.body().get("code").stringValue()).isEqualTo("invoice_not_found");
        }
    }

    @Test
    void anotherOrganizationSeesNothing() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(customer, "20", "1.5");
        ApiClient other = newOrganization("Other Org");

        assertThat(other.get("/api/v1/invoices/" + invoice.id()).status()).isEqualTo(404);
        assertThat(other.put("/api/v1/invoices/" + invoice.id(), "{\"invoice\": {\"payment_status\": \"succeeded\"}}")
                .status()).isEqualTo(404);
        assertThat(other.get("/api/v1/invoices").body().get("meta").get("total_count").longValue()).isZero();
        assertThat(other.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").size()).isZero();
        assertThat(invoiceJson(invoice.id()).get("payment_status").stringValue()).isEqualTo("pending");
        assertThat(events).isEmpty();
        // and the facade is scoped the same way
        JsonNode stranger = new Scenario(other).customer("stranger", null);
        assertThatThrownBy(() -> invoices.get(organizationOf(stranger), invoice.id()))
                .isInstanceOf(BillingError.class).hasMessage("invoice not found");
    }

    @Test
    void paymentOverdueFollowsLagosRule() {
        clock.set(NOW);
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\", \"net_payment_term\": 30");
        JsonNode dueToday = scenario().customer("due-today", "\"currency\": \"EUR\"");
        Invoice thirtyDays = creditInvoice(customer, "20", "1.5");
        Invoice immediate = creditInvoice(dueToday, "20", "1.5");

        // Due 2025-04-13: not overdue before that day starts (UTC), overdue once it has.
        assertThat(invoiceJson(thirtyDays.id()).get("payment_overdue").booleanValue()).isFalse();
        // Net term 0: due the day it is issued, so overdue at once, as Lago's hourly job would mark it.
        assertThat(invoiceJson(immediate.id()).get("payment_overdue").booleanValue()).isTrue();
        assertThat(api.get("/api/v1/invoices?payment_overdue=true").body().get("invoices").get(0).get("lago_id")
                .stringValue()).isEqualTo(immediate.id().toString());

        clock.set(Instant.parse("2025-04-13T00:00:01Z"));
        assertThat(invoiceJson(thirtyDays.id()).get("payment_overdue").booleanValue()).isTrue();
        // a paid invoice is never overdue
        putPaymentStatus(thirtyDays.id(), "succeeded");
        assertThat(invoiceJson(thirtyDays.id()).get("payment_overdue").booleanValue()).isFalse();
        assertThat(api.get("/api/v1/invoices?payment_overdue=false").body().get("invoices").get(0).get("lago_id")
                .stringValue()).isEqualTo(thirtyDays.id().toString());
    }

    @Test
    void metadataCanBeSetKeptAndReplaced() {
        clock.set(NOW);
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(customer, "20", "1.5");

        var set = api.put("/api/v1/invoices/" + invoice.id(), """
                {"invoice": {"metadata": [{"key": "po", "value": "PO-42"}, {"key": "team", "value": "billing"}]}}""");

        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        JsonNode pairs = set.body().get("invoice").get("metadata");
        assertThat(pairs.size()).isEqualTo(2);
        String po = pairs.get(0).get("lago_id").stringValue();
        assertThat(pairs.get(0).toString()).isEqualTo(
                "{\"lago_id\":\"%s\",\"key\":\"po\",\"value\":\"PO-42\",\"created_at\":\"2025-03-14T10:15:30Z\"}"
                        .formatted(po));
        assertThat(events).isEmpty();

        // The sent list replaces the stored one; a pair named by id keeps its id.
        clock.set(NOW.plus(Duration.ofHours(1)));
        var replaced = api.put("/api/v1/invoices/" + invoice.id(), """
                {"invoice": {"metadata": [{"id": "%s", "key": "po", "value": "PO-43"}]}}""".formatted(po));
        JsonNode kept = replaced.body().get("invoice").get("metadata");
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.get(0).get("lago_id").stringValue()).isEqualTo(po);
        assertThat(kept.get(0).get("value").stringValue()).isEqualTo("PO-43");
        assertThat(kept.get(0).get("created_at").stringValue()).isEqualTo("2025-03-14T10:15:30Z");
        assertThat(replaced.body().get("invoice").get("updated_at").stringValue()).isEqualTo("2025-03-14T11:15:30Z");
        // Lists show metadata too.
        assertThat(api.get("/api/v1/invoices").body().get("invoices").get(0).get("metadata")).isEqualTo(kept);

        var tooMany = api.put("/api/v1/invoices/" + invoice.id(), """
                {"invoice": {"metadata": [{"key": "a", "value": "1"}, {"key": "b", "value": "2"},
                  {"key": "c", "value": "3"}, {"key": "d", "value": "4"}, {"key": "e", "value": "5"},
                  {"key": "f", "value": "6"}]}}""");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"invalid_count\"]}");
        var invalid = api.put("/api/v1/invoices/" + invoice.id(), """
                {"invoice": {"metadata": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"},
                  {"key": "much-longer-than-twenty", "value": "3"}]}}""");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("error_details").toString())
                .isEqualTo("{\"metadata\":[\"value_already_exist\",\"value_is_too_long\"]}");
        var missing = api.put("/api/v1/invoices/" + invoice.id(), """
                {"invoice": {"metadata": [{"value": "4"}]}}""");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"value_is_mandatory\"]}");
        var unknownId = api.put("/api/v1/invoices/" + invoice.id(), """
                {"invoice": {"metadata": [{"id": "%s", "key": "po", "value": "x"}]}}""".formatted(UUID.randomUUID()));
        assertThat(unknownId.status()).isEqualTo(422);
        assertThat(unknownId.body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"value_is_invalid\"]}");
        assertThat(invoiceJson(invoice.id()).get("metadata")).isEqualTo(kept);
    }

    @Test
    void listsVisibleInvoicesNewestIssuingDateFirstWithFilters() {
        clock.set(Instant.parse("2025-03-01T09:00:00Z"));
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\"");
        JsonNode globex = scenario().customer("globex", "\"currency\": \"EUR\"");
        Invoice first = creditInvoice(acme, "10", "1");
        clock.set(Instant.parse("2025-03-10T09:00:00Z"));
        Invoice second = creditInvoice(globex, "20", "1.5");
        clock.set(Instant.parse("2025-03-20T09:00:00Z"));
        Invoice third = creditInvoice(acme, "5", "2");
        invoices.createCreditInvoice(topUp(acme, "7", "1", true)); // open: never listed
        putPaymentStatus(second.id(), "succeeded");

        var all = api.get("/api/v1/invoices");

        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all.body())).containsExactly(third.id().toString(), second.id().toString(),
                first.id().toString());
        assertThat(all.body().get("meta").toString()).isEqualTo(
                "{\"current_page\":1,\"next_page\":null,\"prev_page\":null,\"total_pages\":1,\"total_count\":3}");
        // A list item is Lago's InvoiceObject: customer and metadata, without fees and the other extended fields.
        JsonNode item = all.body().get("invoices").get(0);
        assertThat(item.get("customer").get("external_id").stringValue()).isEqualTo("acme");
        for (String extended : new String[] {"fees", "credits", "subscriptions", "billing_periods", "error_details"}) {
            assertThat(item.has(extended)).as(extended).isFalse();
        }
        assertThat(item.get("applied_taxes").toString()).isEqualTo("[]");

        assertThat(ids(api.get("/api/v1/invoices?external_customer_id=acme").body()))
                .containsExactly(third.id().toString(), first.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?payment_status=succeeded").body()))
                .containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?payment_statuses[]=pending&payment_statuses[]=failed").body()))
                .containsExactly(third.id().toString(), first.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?issuing_date_from=2025-03-10&issuing_date_to=2025-03-19").body()))
                .containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?invoice_type=credit&status=finalized&currency=EUR").body()))
                .hasSize(3);
        assertThat(ids(api.get("/api/v1/invoices?invoice_type=subscription").body())).isEmpty();
        assertThat(ids(api.get("/api/v1/invoices?statuses[]=draft").body())).isEmpty();
        assertThat(ids(api.get("/api/v1/invoices?currency=USD").body())).isEmpty();
        // 10 × 1 = 1000 cents, 20 × 1.5 = 3000, 5 × 2 = 1000
        assertThat(ids(api.get("/api/v1/invoices?amount_from=2000").body())).containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?external_customer_id=nobody").body())).isEmpty();

        var paged = api.get("/api/v1/invoices?per_page=2&page=2").body();
        assertThat(ids(paged)).containsExactly(first.id().toString());
        assertThat(paged.get("meta").toString()).isEqualTo(
                "{\"current_page\":2,\"next_page\":null,\"prev_page\":1,\"total_pages\":2,\"total_count\":3}");
    }

    @Test
    void searchTermAndMetadataFilterTheList() {
        clock.set(Instant.parse("2025-03-01T09:00:00Z"));
        JsonNode acme = scenario().customer("acme", "\"currency\": \"EUR\", \"name\": \"Acme Corp\","
                + " \"email\": \"billing@acme.test\"");
        JsonNode globex = scenario().customer("globex", "\"currency\": \"EUR\", \"name\": \"Globex\"");
        Invoice first = creditInvoice(acme, "10", "1");
        clock.set(Instant.parse("2025-03-10T09:00:00Z"));
        Invoice second = creditInvoice(globex, "20", "1.5");
        clock.set(Instant.parse("2025-03-20T09:00:00Z"));
        Invoice third = creditInvoice(acme, "5", "2");
        assertThat(api.put("/api/v1/invoices/" + first.id(), "{\"invoice\": {\"metadata\": [{\"key\": \"po\","
                + " \"value\": \"7\"}]}}").status()).isEqualTo(200);
        assertThat(api.put("/api/v1/invoices/" + second.id(), "{\"invoice\": {\"metadata\": [{\"key\": \"po\","
                + " \"value\": \"42\"}]}}").status()).isEqualTo(200);
        String secondNumber = api.get("/api/v1/invoices/" + second.id()).body().get("invoice").get("number")
                .stringValue();

        // customer name (any case), external id, email; the invoice's number or a part of its id
        assertThat(ids(api.get("/api/v1/invoices?search_term=ACME").body()))
                .containsExactly(third.id().toString(), first.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?search_term=globex").body())).containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?search_term=billing@acme").body()))
                .containsExactly(third.id().toString(), first.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?search_term=" + secondNumber).body()))
                .containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?search_term=" + third.id().toString().substring(24)).body()))
                .containsExactly(third.id().toString());
        // LIKE's wildcards are plain characters
        assertThat(ids(api.get("/api/v1/invoices?search_term=%25").body())).isEmpty();
        assertThat(ids(api.get("/api/v1/invoices?search_term=_").body())).isEmpty();

        // a key with a value, a key without one (invoices lacking the key), combined with the other filters
        assertThat(ids(api.get("/api/v1/invoices?metadata[po]=42").body())).containsExactly(second.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?metadata[po]=").body())).containsExactly(third.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?metadata[po]=7&search_term=acme").body()))
                .containsExactly(first.id().toString());
        assertThat(ids(api.get("/api/v1/invoices?metadata[po]=42&external_customer_id=acme").body())).isEmpty();
        assertThat(api.get("/api/v1/invoices?metadata[po]=42").body().get("meta").get("total_count").intValue())
                .isEqualTo(1);

        var tooLong = api.get("/api/v1/invoices?search_term=" + "a".repeat(256));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body().get("error_details").toString()).isEqualTo("{\"search_term\":[\"value_is_too_long\"]}");
        var noKey = api.get("/api/v1/invoices?metadata[]=x");
        assertThat(noKey.status()).isEqualTo(422);
        assertThat(noKey.body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"value_is_invalid\"]}");
    }

    @Test
    void invalidListFiltersAreRefused() {
        String[][] cases = {
                {"status=open", "status", "value_is_invalid"},
                {"statuses[]=finalized&statuses[]=generating", "status", "value_is_invalid"},
                {"payment_status=paid", "payment_status", "value_is_invalid"},
                {"invoice_type=subscriptions", "invoice_type", "value_is_invalid"},
                {"currency=EURO", "currency", "value_is_invalid"},
                {"issuing_date_from=14/03/2025", "issuing_date_from", "invalid_date"},
                {"issuing_date_to=2025-02-30", "issuing_date_to", "invalid_date"},
                {"amount_from=ten", "amount_from", "value_is_invalid"},
                {"payment_overdue=yes", "payment_overdue", "value_is_invalid"}};
        for (String[] c : cases) {
            var response = api.get("/api/v1/invoices?" + c[0]);
            assertThat(response.status()).as(c[0]).isEqualTo(422);
            assertThat(response.body().get("error_details").toString()).as(c[0])
                    .isEqualTo("{\"%s\":[\"%s\"]}".formatted(c[1], c[2]));
        }
        assertThat(api.get("/api/v1/invoices").body().get("meta").toString()).isEqualTo(
                "{\"current_page\":0,\"next_page\":null,\"prev_page\":null,\"total_pages\":0,\"total_count\":0}");
    }

    @Test
    void aDeletedCustomersInvoicesStillShowTheirCustomer() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        Invoice invoice = creditInvoice(customer, "20", "1.5");

        api.delete("/api/v1/customers/acme");

        JsonNode shown = invoiceJson(invoice.id());
        assertThat(shown.get("customer").get("external_id").stringValue()).isEqualTo("acme");
        assertThat(shown.get("customer").get("deleted_at").isNull()).isFalse();
        assertThat(api.get("/api/v1/invoices").body().get("invoices").size()).isEqualTo(1);
        // Lago's external_customer_id filter matches live customers only
        assertThat(api.get("/api/v1/invoices?external_customer_id=acme").body().get("invoices").size()).isZero();
    }

    @Test
    void aCustomerWithInvoicesKeepsItsCurrency() {
        JsonNode customer = scenario().customer("acme", "\"currency\": \"EUR\"");
        creditInvoice(customer, "20", "1.5");

        var change = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"acme\", \"currency\": \"USD\"}}");

        assertThat(change.status()).isEqualTo(422);
        assertThat(change.body().get("error_details").toString()).isEqualTo("{\"currency\":[\"currencies_does_not_match\"]}");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("invoices").forEach(invoice -> ids.add(invoice.get("lago_id").stringValue()));
        return ids;
    }
}

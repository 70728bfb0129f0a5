package dev.fjord.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/customers} (spec §5.2) over HTTP. */
class CustomerApiTest extends ApiTest {

    private static final String FULL_CUSTOMER = """
            {"customer": {
              "external_id": "cust-1", "name": "Gavin Belson", "firstname": "Gavin", "lastname": "Belson",
              "account_type": "customer", "customer_type": "company", "email": "gavin@hooli.test, ap@hooli.test",
              "phone": "1-171-883-3711", "url": "https://hooli.test", "logo_url": "https://hooli.test/logo.png",
              "legal_name": "Hooli Inc", "legal_number": "49-008-2965", "tax_identification_number": "EU123456789",
              "address_line1": "5230 Penfield Ave", "address_line2": null, "city": "Woodland Hills", "state": "CA",
              "zipcode": "91364", "country": "us", "currency": "USD", "timezone": "America/Los_Angeles",
              "net_payment_term": 30, "finalize_zero_amount_invoice": "skip",
              "shipping_address": {"address_line1": "1 Hacker Way", "city": "Palo Alto", "country": "US"},
              "billing_configuration": {"invoice_grace_period": 3, "document_locale": "fr", "payment_provider": "stripe",
                "provider_customer_id": "cus_12345", "provider_payment_methods": ["card", "sepa_debit"]},
              "metadata": [{"key": "PO", "value": "123456789", "display_in_invoice": true},
                           {"key": "crm", "value": "42", "display_in_invoice": false}]
            }}""";

    @Test
    void createsACustomerWithEveryDocumentedField() {
        var response = api.post("/api/v1/customers", FULL_CUSTOMER);

        assertThat(response.status()).isEqualTo(200);
        JsonNode c = response.body().get("customer");
        assertThat(c.get("external_id").stringValue()).isEqualTo("cust-1");
        assertThat(c.get("billing_entity_code").stringValue()).isEqualTo("default");
        assertThat(c.get("sequential_id").intValue()).isEqualTo(1);
        String prefix = api.get("/api/v1/organizations").body().get("organization").get("document_number_prefix").stringValue();
        assertThat(c.get("slug").stringValue()).isEqualTo(prefix + "-001");
        assertThat(c.get("email").stringValue()).isEqualTo("gavin@hooli.test, ap@hooli.test");
        assertThat(c.get("country").stringValue()).isEqualTo("US");
        assertThat(c.get("address_line2").isNull()).isTrue();
        assertThat(c.get("timezone").stringValue()).isEqualTo("America/Los_Angeles");
        assertThat(c.get("applicable_timezone").stringValue()).isEqualTo("America/Los_Angeles");
        assertThat(c.get("net_payment_term").intValue()).isEqualTo(30);
        assertThat(c.get("finalize_zero_amount_invoice").stringValue()).isEqualTo("skip");
        assertThat(c.get("skip_invoice_custom_sections").booleanValue()).isFalse();
        assertThat(c.get("shipping_address").toString()).isEqualTo("{\"address_line1\":\"1 Hacker Way\","
                + "\"address_line2\":null,\"city\":\"Palo Alto\",\"zipcode\":null,\"state\":null,\"country\":\"US\"}");
        JsonNode billing = c.get("billing_configuration");
        assertThat(billing.get("invoice_grace_period").intValue()).isEqualTo(3);
        assertThat(billing.get("document_locale").stringValue()).isEqualTo("fr");
        assertThat(billing.get("payment_provider").stringValue()).isEqualTo("stripe");
        assertThat(billing.get("provider_customer_id").stringValue()).isEqualTo("cus_12345");
        assertThat(billing.get("provider_payment_methods").toString()).isEqualTo("[\"card\",\"sepa_debit\"]");
        assertThat(billing.get("payment_provider_code").isNull()).isTrue();
        assertThat(c.get("metadata")).hasSize(2);
        assertThat(c.get("metadata").get(0).get("key").stringValue()).isEqualTo("PO");
        assertThat(c.get("metadata").get(0).get("display_in_invoice").booleanValue()).isTrue();
        assertThat(c.get("metadata").get(0).get("lago_id").stringValue()).hasSize(36);
        assertThat(c.get("taxes").toString()).isEqualTo("[]");
        assertThat(c.get("integration_customers").toString()).isEqualTo("[]");
        assertThat(c.get("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

        assertThat(api.get("/api/v1/customers/cust-1").body()).isEqualTo(response.body());
    }

    @Test
    void aMinimalCustomerHasNullsAndInheritsTheOrganizationTimezone() {
        api.put("/api/v1/organizations", "{\"organization\": {\"timezone\": \"Europe/Oslo\"}}");

        JsonNode c = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"min\"}}").body().get("customer");

        assertThat(c.get("timezone").isNull()).isTrue();
        assertThat(c.get("applicable_timezone").stringValue()).isEqualTo("Europe/Oslo");
        assertThat(c.get("account_type").stringValue()).isEqualTo("customer");
        assertThat(c.get("finalize_zero_amount_invoice").stringValue()).isEqualTo("inherit");
        for (String nullable : new String[] {"name", "firstname", "lastname", "customer_type", "email", "currency",
                "country", "net_payment_term", "url", "phone", "logo_url", "legal_name", "legal_number",
                "tax_identification_number", "external_salesforce_id", "address_line1", "zipcode"}) {
            assertThat(c.has(nullable)).as(nullable).isTrue();
            assertThat(c.get(nullable).isNull()).as(nullable).isTrue();
        }
        assertThat(c.get("billing_configuration").get("invoice_grace_period").isNull()).isTrue();
        assertThat(c.get("metadata").toString()).isEqualTo("[]");
    }

    @Test
    void postingAnExistingExternalIdUpdatesOnlyTheSentFields() {
        JsonNode created = api.post("/api/v1/customers", FULL_CUSTOMER).body().get("customer");

        JsonNode updated = api.post("/api/v1/customers", """
                {"customer": {"external_id": "cust-1", "name": "Gavin B.", "phone": null,
                  "billing_configuration": {"invoice_grace_period": 5}}}""").body().get("customer");

        assertThat(updated.get("lago_id")).isEqualTo(created.get("lago_id"));
        assertThat(updated.get("sequential_id").intValue()).isEqualTo(1);
        assertThat(updated.get("name").stringValue()).isEqualTo("Gavin B.");
        assertThat(updated.get("phone").isNull()).isTrue();
        assertThat(updated.get("email").stringValue()).isEqualTo("gavin@hooli.test, ap@hooli.test");
        assertThat(updated.get("billing_configuration").get("invoice_grace_period").intValue()).isEqualTo(5);
        assertThat(updated.get("billing_configuration").get("document_locale").stringValue()).isEqualTo("fr");
        assertThat(updated.get("metadata")).hasSize(2);
        assertThat(api.get("/api/v1/customers").body().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void metadataSentReplacesTheListKeepingIdsOfPairsItNames() {
        JsonNode created = api.post("/api/v1/customers", FULL_CUSTOMER).body().get("customer");
        String poId = created.get("metadata").get(0).get("lago_id").stringValue();

        JsonNode updated = api.post("/api/v1/customers", """
                {"customer": {"external_id": "cust-1", "metadata": [
                  {"id": "%s", "key": "PO", "value": "987", "display_in_invoice": false},
                  {"key": "region", "value": "emea", "display_in_invoice": true}]}}""".formatted(poId))
                .body().get("customer");

        // "crm" was not sent, so it is gone; "PO" kept its id with the new value; "region" is new.
        JsonNode metadata = updated.get("metadata");
        assertThat(metadata).hasSize(2);
        assertThat(metadata.get(0).get("lago_id").stringValue()).isEqualTo(poId);
        assertThat(metadata.get(0).get("value").stringValue()).isEqualTo("987");
        assertThat(metadata.get(0).get("display_in_invoice").booleanValue()).isFalse();
        assertThat(metadata.get(1).get("key").stringValue()).isEqualTo("region");

        JsonNode cleared = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"cust-1\", \"metadata\": []}}")
                .body().get("customer");
        assertThat(cleared.get("metadata").toString()).isEqualTo("[]");
    }

    @Test
    void invalidFieldsAreAllReportedAndNothingIsWritten() {
        var response = api.post("/api/v1/customers", """
                {"customer": {"external_id": "bad-1", "name": 42, "email": "nope", "currency": "EURO",
                  "timezone": "Europe/Atlantis", "country": "ZZ", "url": "not a url", "net_payment_term": -3,
                  "account_type": "vip", "customer_type": "robot", "finalize_zero_amount_invoice": "maybe",
                  "legal_name": "%s",
                  "billing_configuration": {"payment_provider": "paypal", "invoice_grace_period": 9999,
                    "document_locale": "klingon"},
                  "shipping_address": {"country": "XX"}}}""".formatted("x".repeat(256)));

        assertThat(response.status()).isEqualTo(422);
        JsonNode errors = response.body().get("error_details");
        assertThat(errors.get("name").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("email").toString()).isEqualTo("[\"invalid_email_format\"]");
        assertThat(errors.get("currency").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("timezone").toString()).isEqualTo("[\"invalid_timezone\"]");
        assertThat(errors.get("country").toString()).isEqualTo("[\"not_a_valid_country_code\"]");
        assertThat(errors.get("url").toString()).isEqualTo("[\"url_is_invalid\"]");
        assertThat(errors.get("net_payment_term").toString()).isEqualTo("[\"value_is_out_of_range\"]");
        assertThat(errors.get("account_type").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("customer_type").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("finalize_zero_amount_invoice").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("legal_name").toString()).isEqualTo("[\"value_is_too_long\"]");
        assertThat(errors.get("payment_provider").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("invoice_grace_period").toString()).isEqualTo("[\"value_is_out_of_range\"]");
        assertThat(errors.get("document_locale").toString()).isEqualTo("[\"invalid_document_locale\"]");
        assertThat(api.get("/api/v1/customers/bad-1").status()).isEqualTo(404);
    }

    @Test
    void externalIdIsMandatory() {
        for (String body : new String[] {"{\"customer\": {\"name\": \"x\"}}", "{\"customer\": {\"external_id\": \"\"}}",
                "{\"customer\": {\"external_id\": null}}"}) {
            var response = api.post("/api/v1/customers", body);
            assertThat(response.status()).as(body).isEqualTo(422);
            assertThat(response.body().get("error_details").toString()).as(body)
                    .isEqualTo("{\"external_id\":[\"value_is_mandatory\"]}");
        }
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": 12}}").body()
                .get("error_details").toString()).isEqualTo("{\"external_id\":[\"value_is_invalid\"]}");
    }

    @Test
    void metadataIsBounded() {
        StringBuilder six = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            six.append(i == 0 ? "" : ",").append("{\"key\": \"k").append(i).append("\", \"value\": \"v\"}");
        }
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"m\", \"metadata\": [" + six + "]}}")
                .body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"too_many_items\"]}");
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"m\", \"metadata\": ["
                + "{\"key\": \"a\", \"value\": \"1\"}, {\"key\": \"a\", \"value\": \"2\"}]}}")
                .body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"value_already_exist\"]}");
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"m\", \"metadata\": ["
                + "{\"key\": \"" + "k".repeat(21) + "\", \"value\": \"1\"}]}}")
                .body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"value_is_too_long\"]}");
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"m\", \"metadata\": [{\"value\": \"1\"}]}}")
                .body().get("error_details").toString()).isEqualTo("{\"metadata\":[\"value_is_mandatory\"]}");
        assertThat(api.get("/api/v1/customers/m").status()).isEqualTo(404);
    }

    @Test
    void anUnknownBillingEntityIsNotFound() {
        var response = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"be\", \"billing_entity_code\": \"acme_eu\"}}");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("code").stringValue()).isEqualTo("billing_entity_not_found");
    }

    @Test
    void listsNewestFirstWithLagoPaginationMeta() {
        for (String id : List.of("a", "b", "c")) {
            api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"" + id + "\"}}");
        }

        // 3 customers at 2 per page: page 1 holds c, b (newest first); page 2 holds a.
        JsonNode first = api.get("/api/v1/customers?per_page=2").body();
        assertThat(externalIds(first)).containsExactly("c", "b");
        assertThat(first.get("meta").toString()).isEqualTo(
                "{\"current_page\":1,\"next_page\":2,\"prev_page\":null,\"total_pages\":2,\"total_count\":3}");
        JsonNode second = api.get("/api/v1/customers?per_page=2&page=2").body();
        assertThat(externalIds(second)).containsExactly("a");
        assertThat(second.get("meta").toString()).isEqualTo(
                "{\"current_page\":2,\"next_page\":null,\"prev_page\":1,\"total_pages\":2,\"total_count\":3}");
    }

    @Test
    void filtersBySearchTermAndCurrency() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"eu-1\", \"name\": \"Initech GmbH\", \"currency\": \"EUR\"}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"us-1\", \"name\": \"Initrode\", \"currency\": \"USD\"}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"jp-1\", \"email\": \"kaito@initech.test\", \"currency\": \"JPY\"}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"100%_real\"}}");

        assertThat(externalIds(api.get("/api/v1/customers?search_term=initech").body())).containsExactly("jp-1", "eu-1");
        assertThat(externalIds(api.get("/api/v1/customers?currencies[]=EUR&currencies[]=JPY").body()))
                .containsExactly("jp-1", "eu-1");
        assertThat(externalIds(api.get("/api/v1/customers?search_term=init&currencies[]=USD").body()))
                .containsExactly("us-1");
        // % and _ in a search term are literal characters, not wildcards.
        assertThat(externalIds(api.get("/api/v1/customers?search_term=0%25_").body())).containsExactly("100%_real");
        assertThat(api.get("/api/v1/customers?currencies[]=EURO").status()).isEqualTo(422);
        assertThat(api.get("/api/v1/customers?search_term=nobody").body().get("meta").toString()).isEqualTo(
                "{\"current_page\":0,\"next_page\":null,\"prev_page\":null,\"total_pages\":0,\"total_count\":0}");
    }

    @Test
    void deleteRemovesTheCustomerAndFreesItsExternalId() {
        JsonNode created = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"gone\"}}").body().get("customer");

        var deleted = api.delete("/api/v1/customers/gone");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("customer").get("lago_id")).isEqualTo(created.get("lago_id"));
        assertThat(deleted.body().get("customer").get("deleted_at").isNull()).isFalse();

        assertThat(api.get("/api/v1/customers/gone").raw())
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"customer_not_found\"}");
        assertThat(api.delete("/api/v1/customers/gone").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/customers").body().get("meta").get("total_count").intValue()).isZero();

        // The external id can be used again: a new customer with the next sequential id.
        JsonNode again = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"gone\"}}").body().get("customer");
        assertThat(again.get("lago_id")).isNotEqualTo(created.get("lago_id"));
        assertThat(again.get("sequential_id").intValue()).isEqualTo(2);
    }

    @Test
    void anOrganizationNeverSeesAnotherOrganizationsCustomers() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"shared-id\", \"name\": \"Mine\"}}");
        var other = newOrganization("Globex");

        assertThat(other.get("/api/v1/customers/shared-id").status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/customers/shared-id").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/customers").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(other.get("/api/v1/customers?search_term=Mine").body().get("customers")).isEmpty();

        // The same external id in the other organization is another customer, numbered in its own sequence.
        JsonNode theirs = other.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"shared-id\", \"name\": \"Theirs\"}}")
                .body().get("customer");
        assertThat(theirs.get("sequential_id").intValue()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers/shared-id").body().get("customer").get("name").stringValue()).isEqualTo("Mine");
    }

    @Test
    void concurrentUpsertsOfOneExternalIdCreateOneCustomer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String name = "Writer " + i;
                calls.add(() -> api.post("/api/v1/customers",
                        "{\"customer\": {\"external_id\": \"race\", \"name\": \"" + name + "\"}}").status());
            }
            Set<Integer> statuses = new HashSet<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsExactly(200);
        } finally {
            pool.shutdown();
        }
        JsonNode list = api.get("/api/v1/customers").body();
        assertThat(list.get("meta").get("total_count").intValue()).isEqualTo(1);
        assertThat(list.get("customers").get(0).get("sequential_id").intValue()).isEqualTo(1);
    }

    private static List<String> externalIds(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("customers").forEach(c -> ids.add(c.get("external_id").stringValue()));
        return ids;
    }
}

package dev.fjord.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Customers' {@code tax_codes} on input and {@code taxes[]} on output (spec §5.2, §5.11). */
class CustomerTaxesApiTest extends ApiTest {

    @BeforeEach
    void taxes() {
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\"}}");
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"Local\", \"code\": \"local\", \"rate\": \"2.5\", "
                + "\"description\": \"City tax\"}}");
    }

    @Test
    void aCustomerGetsTheTaxesItNames() {
        var response = api.post("/api/v1/customers",
                "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": [\"vat\", \"local\", \"vat\"]}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode taxes = response.body().get("customer").get("taxes");
        // Whole tax objects (Lago's TaxSerializer), by name, each once.
        assertThat(codes(taxes)).containsExactly("local", "vat");
        JsonNode local = taxes.get(0);
        assertThat(local.toString()).isEqualTo(("{\"lago_id\":\"%s\",\"name\":\"Local\",\"code\":\"local\",\"rate\":2.5,"
                + "\"description\":\"City tax\",\"applied_to_organization\":false,\"add_ons_count\":0,"
                + "\"customers_count\":1,\"plans_count\":0,\"charges_count\":0,\"commitments_count\":0,"
                + "\"created_at\":\"%s\"}").formatted(local.get("lago_id").stringValue(),
                local.get("created_at").stringValue()));
        assertThat(api.get("/api/v1/customers/c1").body()).isEqualTo(response.body());
        assertThat(codes(api.get("/api/v1/customers").body().get("customers").get(0).get("taxes")))
                .containsExactly("local", "vat");
    }

    @Test
    void anUnknownTaxCodeIsNotFoundAndTheCustomerIsNotCreated() {
        long customers = count("customers");

        var response = api.post("/api/v1/customers",
                "{\"customer\": {\"external_id\": \"c1\", \"name\": \"New\", \"tax_codes\": [\"vat\", \"nope\"]}}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"tax_not_found\"}");
        assertThat(count("customers")).isEqualTo(customers);
        assertThat(api.get("/api/v1/customers/c1").status()).isEqualTo(404);
    }

    @Test
    void anUnknownTaxCodeLeavesAnExistingCustomerUnchanged() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"name\": \"Old\", \"tax_codes\": [\"vat\"]}}");

        assertThat(api.post("/api/v1/customers",
                "{\"customer\": {\"external_id\": \"c1\", \"name\": \"New\", \"tax_codes\": [\"nope\"]}}").status())
                .isEqualTo(404);

        JsonNode customer = api.get("/api/v1/customers/c1").body().get("customer");
        assertThat(customer.get("name").stringValue()).isEqualTo("Old");
        assertThat(codes(customer.get("taxes"))).containsExactly("vat");
    }

    @Test
    void taxCodesReplaceTheListWhenSentAndStayWhenNot() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": [\"vat\"]}}");

        JsonNode kept = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"name\": \"N\"}}")
                .body().get("customer");
        assertThat(codes(kept.get("taxes"))).containsExactly("vat");
        // Rails drops a null where it permits an array: Lago leaves the taxes as they are.
        JsonNode keptOnNull = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": null}}")
                .body().get("customer");
        assertThat(codes(keptOnNull.get("taxes"))).containsExactly("vat");

        JsonNode replaced = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": [\"local\"]}}")
                .body().get("customer");
        assertThat(codes(replaced.get("taxes"))).containsExactly("local");

        JsonNode cleared = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": []}}")
                .body().get("customer");
        assertThat(cleared.get("taxes").toString()).isEqualTo("[]");
    }

    @Test
    void taxCodesMustBeAListOfCodes() {
        for (String value : new String[] {"\"vat\"", "[1]", "[\"\"]", "{}"}) {
            var response = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": " + value + "}}");
            assertThat(response.status()).as(value).isEqualTo(422);
            assertThat(response.body().get("error_details").toString()).as(value)
                    .isEqualTo("{\"tax_codes\":[\"value_is_invalid\"]}");
        }
        assertThat(api.get("/api/v1/customers/c1").status()).isEqualTo(404);
    }

    @Test
    void aDeletedTaxLeavesItsCustomers() {
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": [\"vat\", \"local\"]}}");

        api.delete("/api/v1/taxes/vat");

        assertThat(codes(api.get("/api/v1/customers/c1").body().get("customer").get("taxes"))).containsExactly("local");
    }

    private static List<String> codes(JsonNode taxes) {
        List<String> codes = new ArrayList<>();
        taxes.forEach(t -> codes.add(t.get("code").stringValue()));
        return codes;
    }
}

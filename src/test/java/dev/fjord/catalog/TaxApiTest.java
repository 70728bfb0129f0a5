package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/taxes} (spec §5.11) over HTTP. */
class TaxApiTest extends ApiTest {

    private static final String VAT = """
            {"tax": {"name": "TVA", "code": "french_standard_vat", "rate": "20.0",
              "description": "French standard VAT", "applied_to_organization": false}}""";

    @Test
    void createsATaxAndAnswersEveryField() {
        var response = api.post("/api/v1/taxes", VAT);

        assertThat(response.status()).isEqualTo(200);
        JsonNode tax = response.body().get("tax");
        assertThat(tax.get("lago_id").stringValue()).hasSize(36);
        assertThat(tax.get("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        // The rate is a JSON number, as Lago (a float column) answers it.
        assertThat(tax.toString()).isEqualTo(("{\"lago_id\":\"%s\",\"name\":\"TVA\",\"code\":\"french_standard_vat\","
                + "\"rate\":20.0,\"description\":\"French standard VAT\",\"applied_to_organization\":false,"
                + "\"add_ons_count\":0,\"customers_count\":0,\"plans_count\":0,\"charges_count\":0,"
                + "\"commitments_count\":0,\"created_at\":\"%s\",\"applied_to_billing_entities_codes\":[]}")
                .formatted(tax.get("lago_id").stringValue(), tax.get("created_at").stringValue()));

        assertThat(api.get("/api/v1/taxes/french_standard_vat").body()).isEqualTo(response.body());
    }

    @Test
    void aMinimalTaxHasNullsAndDefaults() {
        JsonNode tax = api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"Zero\", \"code\": \"zero\", \"rate\": 0}}")
                .body().get("tax");

        assertThat(tax.get("description").isNull()).isTrue();
        assertThat(tax.get("applied_to_organization").booleanValue()).isFalse();
        assertThat(tax.get("rate").toString()).isEqualTo("0.0");
    }

    @Test
    void theRateIsReadFromAStringOrANumberAndRenderedLikeLago() {
        // Lago documents a string; its Go and Python clients send a number. Both are read; up to 5 decimals.
        assertThat(rate("\"20\"")).isEqualTo("20.0");
        assertThat(rate("5.5")).isEqualTo("5.5");
        assertThat(rate("\"12.50000\"")).isEqualTo("12.5");
        assertThat(rate("\"0.00125\"")).isEqualTo("0.00125");
        assertThat(rate("100")).isEqualTo("100.0");
    }

    @Test
    void everyInvalidFieldIsReportedAndNothingIsWritten() {
        long before = count("taxes");

        var missing = api.post("/api/v1/taxes", "{\"tax\": {\"description\": \"no name, code or rate\"}}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("error_details").toString()).isEqualTo(
                "{\"name\":[\"value_is_mandatory\"],\"code\":[\"value_is_mandatory\"],\"rate\":[\"value_is_mandatory\"]}");

        var invalid = api.post("/api/v1/taxes", """
                {"tax": {"name": 5, "code": "%s", "rate": "abc", "applied_to_organization": "yes"}}"""
                .formatted("c".repeat(256)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("code").stringValue()).isEqualTo("validation_errors");
        assertThat(invalid.body().get("error_details").toString()).isEqualTo("{\"name\":[\"value_is_invalid\"],"
                + "\"code\":[\"value_is_too_long\"],\"rate\":[\"value_is_invalid\"],"
                + "\"applied_to_organization\":[\"value_is_invalid\"]}");

        // A percentage is 0 to 100; more than 5 decimals does not fit Lago's precision.
        assertThat(errors("{\"tax\": {\"name\": \"n\", \"code\": \"c\", \"rate\": \"100.5\"}}"))
                .isEqualTo("{\"rate\":[\"value_is_out_of_range\"]}");
        assertThat(errors("{\"tax\": {\"name\": \"n\", \"code\": \"c\", \"rate\": -1}}"))
                .isEqualTo("{\"rate\":[\"value_is_out_of_range\"]}");
        assertThat(errors("{\"tax\": {\"name\": \"n\", \"code\": \"c\", \"rate\": \"1.123456\"}}"))
                .isEqualTo("{\"rate\":[\"value_is_invalid\"]}");
        assertThat(errors("{\"tax\": {\"name\": \"\", \"code\": \"c\", \"rate\": true}}"))
                .isEqualTo("{\"rate\":[\"value_is_invalid\"],\"name\":[\"value_is_mandatory\"]}");

        assertThat(count("taxes")).isEqualTo(before);
        assertThat(api.get("/api/v1/taxes").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void theRootKeyIsMandatory() {
        var response = api.post("/api/v1/taxes", "{\"name\": \"TVA\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").stringValue())
                .isEqualTo("BadRequest: param is missing or the value is empty or invalid: tax");
    }

    @Test
    void aCodeIsUniqueAmongLiveTaxesOnly() {
        api.post("/api/v1/taxes", VAT);

        var duplicate = api.post("/api/v1/taxes", VAT);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.raw()).isEqualTo("{\"status\":422,\"error\":\"Unprocessable Entity\","
                + "\"code\":\"validation_errors\",\"error_details\":{\"code\":[\"value_already_exist\"]}}");
        assertThat(api.get("/api/v1/taxes").body().get("meta").get("total_count").intValue()).isEqualTo(1);

        // Deleted, the code can be used again by a new tax.
        String firstId = api.delete("/api/v1/taxes/french_standard_vat").body().get("tax").get("lago_id").stringValue();
        JsonNode again = api.post("/api/v1/taxes", VAT).body().get("tax");
        assertThat(again.get("lago_id").stringValue()).isNotEqualTo(firstId);
    }

    @Test
    void updateChangesOnlyTheSentFields() {
        JsonNode created = api.post("/api/v1/taxes", VAT).body().get("tax");

        var response = api.put("/api/v1/taxes/french_standard_vat",
                "{\"tax\": {\"rate\": \"5.5\", \"description\": null, \"code\": \"french_reduced_vat\"}}");

        assertThat(response.status()).isEqualTo(200);
        JsonNode tax = response.body().get("tax");
        assertThat(tax.get("lago_id")).isEqualTo(created.get("lago_id"));
        assertThat(tax.get("name").stringValue()).isEqualTo("TVA");
        assertThat(tax.get("code").stringValue()).isEqualTo("french_reduced_vat");
        assertThat(tax.get("rate").toString()).isEqualTo("5.5");
        assertThat(tax.get("description").isNull()).isTrue();
        assertThat(api.get("/api/v1/taxes/french_standard_vat").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/taxes/french_reduced_vat").body().get("tax")).isEqualTo(tax);
    }

    @Test
    void updateValidatesLikeCreateAndKeepsCodesUnique() {
        api.post("/api/v1/taxes", VAT);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"Reduced\", \"code\": \"reduced\", \"rate\": \"5.5\"}}");

        assertThat(api.put("/api/v1/taxes/reduced", "{\"tax\": {\"code\": \"french_standard_vat\"}}").body()
                .get("error_details").toString()).isEqualTo("{\"code\":[\"value_already_exist\"]}");
        assertThat(api.put("/api/v1/taxes/reduced", "{\"tax\": {\"name\": null, \"rate\": null, \"code\": \"\"}}").body()
                .get("error_details").toString()).isEqualTo(
                        "{\"name\":[\"value_is_mandatory\"],\"code\":[\"value_is_mandatory\"],\"rate\":[\"value_is_mandatory\"]}");
        assertThat(api.put("/api/v1/taxes/reduced", "{\"tax\": {\"rate\": 101}}").body()
                .get("error_details").toString()).isEqualTo("{\"rate\":[\"value_is_out_of_range\"]}");

        JsonNode unchanged = api.get("/api/v1/taxes/reduced").body().get("tax");
        assertThat(unchanged.get("name").stringValue()).isEqualTo("Reduced");
        assertThat(unchanged.get("rate").toString()).isEqualTo("5.5");
    }

    @Test
    void unknownTaxesAreNotFound() {
        String notFound = "{\"status\":404,\"error\":\"Not Found\",\"code\":\"tax_not_found\"}";
        assertThat(api.get("/api/v1/taxes/nope").raw()).isEqualTo(notFound);
        assertThat(api.get("/api/v1/taxes/nope").status()).isEqualTo(404);
        assertThat(api.put("/api/v1/taxes/nope", "{\"tax\": {\"name\": \"x\"}}").raw()).isEqualTo(notFound);
        assertThat(api.delete("/api/v1/taxes/nope").raw()).isEqualTo(notFound);
    }

    @Test
    void listsByNameWithLagoPaginationMeta() {
        for (String name : List.of("Beta", "Alpha", "Gamma")) {
            api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"" + name + "\", \"code\": \"" + name.toLowerCase()
                    + "\", \"rate\": \"10\"}}");
        }

        // Lago orders taxes by name: Alpha, Beta on page 1 (2 per page), Gamma on page 2.
        JsonNode first = api.get("/api/v1/taxes?per_page=2").body();
        assertThat(codes(first)).containsExactly("alpha", "beta");
        assertThat(first.get("meta").toString()).isEqualTo(
                "{\"current_page\":1,\"next_page\":2,\"prev_page\":null,\"total_pages\":2,\"total_count\":3}");
        JsonNode second = api.get("/api/v1/taxes?per_page=2&page=2").body();
        assertThat(codes(second)).containsExactly("gamma");
        assertThat(second.get("meta").toString()).isEqualTo(
                "{\"current_page\":2,\"next_page\":null,\"prev_page\":1,\"total_pages\":2,\"total_count\":3}");
        assertThat(second.get("taxes").get(0).get("rate").toString()).isEqualTo("10.0");
    }

    @Test
    void anEmptyListIsPageZeroOfZero() {
        assertThat(api.get("/api/v1/taxes").body().toString()).isEqualTo("{\"taxes\":[],\"meta\":{\"current_page\":0,"
                + "\"next_page\":null,\"prev_page\":null,\"total_pages\":0,\"total_count\":0}}");
    }

    @Test
    void deleteRemovesTheTaxFromItsCustomersAndAddOns() {
        api.post("/api/v1/taxes", VAT);
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"c1\", \"tax_codes\": [\"french_standard_vat\"]}}");
        api.post("/api/v1/add_ons", """
                {"add_on": {"name": "Setup", "code": "setup", "amount_cents": 50000, "amount_currency": "EUR",
                  "tax_codes": ["french_standard_vat"]}}""");

        var deleted = api.delete("/api/v1/taxes/french_standard_vat");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("tax").get("code").stringValue()).isEqualTo("french_standard_vat");
        assertThat(api.get("/api/v1/taxes/french_standard_vat").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/taxes/french_standard_vat").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/taxes").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(api.get("/api/v1/customers/c1").body().get("customer").get("taxes").toString()).isEqualTo("[]");
        assertThat(api.get("/api/v1/add_ons/setup").body().get("add_on").get("taxes").toString()).isEqualTo("[]");
    }

    @Test
    void countsSayWhatUsesTheTaxNow() {
        api.post("/api/v1/taxes", VAT);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"Reduced\", \"code\": \"reduced\", \"rate\": \"5.5\"}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"own-vat\", \"tax_codes\": [\"french_standard_vat\"]}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"own-reduced\", \"tax_codes\": [\"reduced\"]}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"no-taxes-1\"}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"no-taxes-2\"}}");
        api.post("/api/v1/add_ons", """
                {"add_on": {"name": "A", "code": "a", "amount_cents": 100, "amount_currency": "EUR",
                  "tax_codes": ["french_standard_vat", "reduced"]}}""");
        api.post("/api/v1/add_ons", """
                {"add_on": {"name": "B", "code": "b", "amount_cents": 100, "amount_currency": "EUR",
                  "tax_codes": ["french_standard_vat"]}}""");
        api.delete("/api/v1/add_ons/b");

        // VAT: add-ons a and b carry it, but b is deleted → 1; only own-vat has it → 1 customer.
        JsonNode vat = api.get("/api/v1/taxes/french_standard_vat").body().get("tax");
        assertThat(vat.get("add_ons_count").intValue()).isEqualTo(1);
        assertThat(vat.get("customers_count").intValue()).isEqualTo(1);
        assertThat(vat.get("plans_count").intValue()).isZero();
        assertThat(vat.get("charges_count").intValue()).isZero();

        // Applied to the organization, VAT also applies to the 2 customers without taxes of their own: 1 + 2 = 3
        // (own-reduced keeps its own tax).
        JsonNode applied = api.put("/api/v1/taxes/french_standard_vat", "{\"tax\": {\"applied_to_organization\": true}}")
                .body().get("tax");
        assertThat(applied.get("customers_count").intValue()).isEqualTo(3);
        assertThat(applied.get("applied_to_billing_entities_codes").toString()).isEqualTo("[\"default\"]");

        // A deleted customer no longer counts: 3 - 1 = 2.
        api.delete("/api/v1/customers/no-taxes-1");
        assertThat(api.get("/api/v1/taxes/french_standard_vat").body().get("tax").get("customers_count").intValue())
                .isEqualTo(2);
    }

    @Test
    void taxesAppliedToTheOrganizationAppearOnIt() {
        api.post("/api/v1/taxes", VAT);
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"Local\", \"code\": \"local\", \"rate\": \"2\", "
                + "\"applied_to_organization\": true}}");

        JsonNode taxes = api.get("/api/v1/organizations").body().get("organization").get("taxes");

        assertThat(taxes).hasSize(1);
        assertThat(taxes.get(0).get("code").stringValue()).isEqualTo("local");
        assertThat(taxes.get(0).get("applied_to_organization").booleanValue()).isTrue();
        assertThat(taxes.get(0).get("rate").toString()).isEqualTo("2.0");
        // The embedded form is Lago's TaxSerializer: no billing entity codes.
        assertThat(taxes.get(0).has("applied_to_billing_entities_codes")).isFalse();

        api.put("/api/v1/taxes/local", "{\"tax\": {\"applied_to_organization\": false}}");
        assertThat(api.get("/api/v1/organizations").body().get("organization").get("taxes").toString()).isEqualTo("[]");
    }

    @Test
    void anOrganizationNeverSeesAnotherOrganizationsTaxes() {
        api.post("/api/v1/taxes", VAT);
        var other = newOrganization("Globex");

        assertThat(other.get("/api/v1/taxes/french_standard_vat").status()).isEqualTo(404);
        assertThat(other.put("/api/v1/taxes/french_standard_vat", "{\"tax\": {\"name\": \"Mine\"}}").status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/taxes/french_standard_vat").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/taxes").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(other.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"x\", \"tax_codes\": [\"french_standard_vat\"]}}")
                .body().get("code").stringValue()).isEqualTo("tax_not_found");

        // The same code is free in the other organization.
        JsonNode theirs = other.post("/api/v1/taxes", VAT.replace("TVA", "Their VAT")).body().get("tax");
        assertThat(theirs.get("name").stringValue()).isEqualTo("Their VAT");
        assertThat(api.get("/api/v1/taxes/french_standard_vat").body().get("tax").get("name").stringValue()).isEqualTo("TVA");
    }

    private String rate(String rate) {
        String code = "r" + Math.abs(rate.hashCode());
        var response = api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"R\", \"code\": \"" + code + "\", \"rate\": " + rate + "}}");
        assertThat(response.status()).as(rate).isEqualTo(200);
        return response.body().get("tax").get("rate").toString();
    }

    private String errors(String body) {
        var response = api.post("/api/v1/taxes", body);
        assertThat(response.status()).as(body).isEqualTo(422);
        return response.body().get("error_details").toString();
    }

    private static List<String> codes(JsonNode list) {
        List<String> codes = new ArrayList<>();
        list.get("taxes").forEach(t -> codes.add(t.get("code").stringValue()));
        return codes;
    }
}

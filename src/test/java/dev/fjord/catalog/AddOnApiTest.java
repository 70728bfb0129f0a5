package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/add_ons} (spec §5.11) over HTTP. */
class AddOnApiTest extends ApiTest {

    private static final String SETUP_FEE = """
            {"add_on": {"name": "Setup Fee", "invoice_display_name": "Setup Fee (SF1)", "code": "setup_fee",
              "amount_cents": 50000, "amount_currency": "USD", "description": "Implementation fee for new customers.",
              "tax_codes": ["vat", "local"]}}""";

    @BeforeEach
    void taxes() {
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"VAT\", \"code\": \"vat\", \"rate\": \"20\"}}");
        api.post("/api/v1/taxes", "{\"tax\": {\"name\": \"Local\", \"code\": \"local\", \"rate\": \"2.5\"}}");
    }

    @Test
    void createsAnAddOnWithItsTaxes() {
        var response = api.post("/api/v1/add_ons", SETUP_FEE);

        assertThat(response.status()).isEqualTo(200);
        JsonNode addOn = response.body().get("add_on");
        assertThat(addOn.get("lago_id").stringValue()).hasSize(36);
        JsonNode taxes = addOn.get("taxes");
        assertThat(addOn.toString()).isEqualTo(("{\"lago_id\":\"%s\",\"name\":\"Setup Fee\","
                + "\"invoice_display_name\":\"Setup Fee (SF1)\",\"code\":\"setup_fee\",\"amount_cents\":50000,"
                + "\"amount_currency\":\"USD\",\"created_at\":\"%s\","
                + "\"description\":\"Implementation fee for new customers.\",\"taxes\":%s}")
                .formatted(addOn.get("lago_id").stringValue(), addOn.get("created_at").stringValue(), taxes));
        // Embedded taxes are whole tax objects, by name: Local then VAT.
        assertThat(taxes).hasSize(2);
        assertThat(taxes.get(0).toString()).isEqualTo(("{\"lago_id\":\"%s\",\"name\":\"Local\",\"code\":\"local\","
                + "\"rate\":2.5,\"description\":null,\"applied_to_organization\":false,\"add_ons_count\":1,"
                + "\"customers_count\":0,\"plans_count\":0,\"charges_count\":0,\"commitments_count\":0,"
                + "\"created_at\":\"%s\"}").formatted(taxes.get(0).get("lago_id").stringValue(),
                taxes.get(0).get("created_at").stringValue()));
        assertThat(taxes.get(1).get("code").stringValue()).isEqualTo("vat");
        assertThat(taxes.get(1).get("rate").toString()).isEqualTo("20.0");

        assertThat(api.get("/api/v1/add_ons/setup_fee").body()).isEqualTo(response.body());
    }

    @Test
    void aMinimalAddOnHasNullsAndNoTaxes() {
        JsonNode addOn = api.post("/api/v1/add_ons",
                "{\"add_on\": {\"name\": \"Pack\", \"code\": \"pack\", \"amount_cents\": 1, \"amount_currency\": \"JPY\"}}")
                .body().get("add_on");

        assertThat(addOn.get("invoice_display_name").isNull()).isTrue();
        assertThat(addOn.get("description").isNull()).isTrue();
        assertThat(addOn.get("taxes").toString()).isEqualTo("[]");
        assertThat(addOn.get("amount_currency").stringValue()).isEqualTo("JPY");
    }

    @Test
    void everyInvalidFieldIsReportedAndNothingIsWritten() {
        long before = count("add_ons");

        assertThat(errors("{\"add_on\": {\"description\": \"nothing else\"}}")).isEqualTo("{\"name\":[\"value_is_mandatory\"],"
                + "\"code\":[\"value_is_mandatory\"],\"amount_cents\":[\"value_is_mandatory\"],"
                + "\"amount_currency\":[\"value_is_mandatory\"]}");
        // Lago: amount_cents > 0, an ISO 4217 currency; cents are whole numbers, not strings.
        assertThat(errors("""
                {"add_on": {"name": ["x"], "code": "c", "amount_cents": 0, "amount_currency": "EURO",
                  "invoice_display_name": "%s", "tax_codes": "vat"}}""".formatted("n".repeat(256))))
                .isEqualTo("{\"name\":[\"value_is_invalid\"],\"amount_cents\":[\"value_is_out_of_range\"],"
                        + "\"amount_currency\":[\"value_is_invalid\"],\"invoice_display_name\":[\"value_is_too_long\"],"
                        + "\"tax_codes\":[\"value_is_invalid\"]}");
        assertThat(errors("{\"add_on\": {\"name\": \"n\", \"code\": \"c\", \"amount_cents\": -5, \"amount_currency\": \"XYZ\"}}"))
                .isEqualTo("{\"amount_cents\":[\"value_is_out_of_range\"],\"amount_currency\":[\"value_is_invalid\"]}");
        assertThat(errors("{\"add_on\": {\"name\": \"n\", \"code\": \"c\", \"amount_cents\": \"100\", \"amount_currency\": \"EUR\"}}"))
                .isEqualTo("{\"amount_cents\":[\"value_is_invalid\"]}");
        assertThat(errors("{\"add_on\": {\"name\": \"n\", \"code\": \"c\", \"amount_cents\": 1.5, \"amount_currency\": \"EUR\"}}"))
                .isEqualTo("{\"amount_cents\":[\"value_is_invalid\"]}");
        assertThat(errors("{\"add_on\": {\"name\": \"n\", \"code\": \"c\", \"amount_cents\": 1000000000000000001, \"amount_currency\": \"EUR\"}}"))
                .isEqualTo("{\"amount_cents\":[\"value_is_out_of_range\"]}");
        assertThat(errors("{\"add_on\": {\"name\": \"n\", \"code\": \"c\", \"amount_cents\": 1, \"amount_currency\": \"EUR\", \"tax_codes\": [5]}}"))
                .isEqualTo("{\"tax_codes\":[\"value_is_invalid\"]}");

        assertThat(count("add_ons")).isEqualTo(before);
    }

    @Test
    void anUnknownTaxCodeIsNotFoundAndWritesNothing() {
        long addOns = count("add_ons");
        long links = count("add_ons_taxes");

        var response = api.post("/api/v1/add_ons", SETUP_FEE.replace("\"local\"", "\"nope\""));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.raw()).isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"tax_not_found\"}");
        assertThat(count("add_ons")).isEqualTo(addOns);
        assertThat(count("add_ons_taxes")).isEqualTo(links);
        assertThat(api.get("/api/v1/add_ons/setup_fee").status()).isEqualTo(404);
    }

    @Test
    void aCodeIsUniqueAmongLiveAddOnsOnly() {
        api.post("/api/v1/add_ons", SETUP_FEE);

        var duplicate = api.post("/api/v1/add_ons", SETUP_FEE);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body().get("error_details").toString()).isEqualTo("{\"code\":[\"value_already_exist\"]}");
        assertThat(api.get("/api/v1/add_ons").body().get("meta").get("total_count").intValue()).isEqualTo(1);

        api.delete("/api/v1/add_ons/setup_fee");
        assertThat(api.post("/api/v1/add_ons", SETUP_FEE).status()).isEqualTo(200);
    }

    @Test
    void updateChangesOnlyTheSentFieldsAndReplacesTaxesWhenSent() {
        JsonNode created = api.post("/api/v1/add_ons", SETUP_FEE).body().get("add_on");

        JsonNode updated = api.put("/api/v1/add_ons/setup_fee",
                "{\"add_on\": {\"amount_cents\": 60000, \"invoice_display_name\": null, \"tax_codes\": [\"vat\"]}}")
                .body().get("add_on");

        assertThat(updated.get("lago_id")).isEqualTo(created.get("lago_id"));
        assertThat(updated.get("name").stringValue()).isEqualTo("Setup Fee");
        assertThat(updated.get("amount_cents").longValue()).isEqualTo(60000);
        assertThat(updated.get("amount_currency").stringValue()).isEqualTo("USD");
        assertThat(updated.get("invoice_display_name").isNull()).isTrue();
        assertThat(codes(updated.get("taxes"))).containsExactly("vat");

        // Without tax_codes the taxes stay; with [] they are all removed.
        JsonNode renamed = api.put("/api/v1/add_ons/setup_fee", "{\"add_on\": {\"code\": \"onboarding\"}}").body().get("add_on");
        assertThat(renamed.get("code").stringValue()).isEqualTo("onboarding");
        assertThat(codes(renamed.get("taxes"))).containsExactly("vat");
        assertThat(codes(api.put("/api/v1/add_ons/onboarding", "{\"add_on\": {\"tax_codes\": null}}").body()
                .get("add_on").get("taxes"))).containsExactly("vat");
        assertThat(api.put("/api/v1/add_ons/onboarding", "{\"add_on\": {\"tax_codes\": []}}").body()
                .get("add_on").get("taxes").toString()).isEqualTo("[]");
    }

    @Test
    void aFailedUpdateChangesNothing() {
        api.post("/api/v1/add_ons", SETUP_FEE);
        api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"B\", \"code\": \"b\", \"amount_cents\": 1, \"amount_currency\": \"USD\"}}");

        assertThat(api.put("/api/v1/add_ons/setup_fee", "{\"add_on\": {\"name\": \"New\", \"tax_codes\": [\"vat\", \"nope\"]}}")
                .body().get("code").stringValue()).isEqualTo("tax_not_found");
        assertThat(api.put("/api/v1/add_ons/setup_fee", "{\"add_on\": {\"name\": \"New\", \"code\": \"b\"}}")
                .body().get("error_details").toString()).isEqualTo("{\"code\":[\"value_already_exist\"]}");
        assertThat(api.put("/api/v1/add_ons/setup_fee", "{\"add_on\": {\"amount_cents\": null, \"amount_currency\": null}}")
                .body().get("error_details").toString())
                .isEqualTo("{\"amount_cents\":[\"value_is_mandatory\"],\"amount_currency\":[\"value_is_mandatory\"]}");

        JsonNode unchanged = api.get("/api/v1/add_ons/setup_fee").body().get("add_on");
        assertThat(unchanged.get("name").stringValue()).isEqualTo("Setup Fee");
        assertThat(codes(unchanged.get("taxes"))).containsExactly("local", "vat");
    }

    @Test
    void unknownAddOnsAreNotFound() {
        String notFound = "{\"status\":404,\"error\":\"Not Found\",\"code\":\"add_on_not_found\"}";
        assertThat(api.get("/api/v1/add_ons/nope").raw()).isEqualTo(notFound);
        assertThat(api.put("/api/v1/add_ons/nope", "{\"add_on\": {\"name\": \"x\"}}").raw()).isEqualTo(notFound);
        assertThat(api.delete("/api/v1/add_ons/nope").raw()).isEqualTo(notFound);
    }

    @Test
    void listsNewestFirstWithLagoPaginationMeta() {
        for (String code : List.of("a", "b", "c")) {
            api.post("/api/v1/add_ons", "{\"add_on\": {\"name\": \"" + code + "\", \"code\": \"" + code
                    + "\", \"amount_cents\": 100, \"amount_currency\": \"EUR\", \"tax_codes\": [\"vat\"]}}");
        }

        // 3 add-ons at 2 per page: c, b on page 1; a on page 2.
        JsonNode first = api.get("/api/v1/add_ons?per_page=2").body();
        assertThat(codes(first.get("add_ons"))).containsExactly("c", "b");
        assertThat(first.get("meta").toString()).isEqualTo(
                "{\"current_page\":1,\"next_page\":2,\"prev_page\":null,\"total_pages\":2,\"total_count\":3}");
        JsonNode second = api.get("/api/v1/add_ons?per_page=2&page=2").body();
        assertThat(codes(second.get("add_ons"))).containsExactly("a");
        assertThat(codes(second.get("add_ons").get(0).get("taxes"))).containsExactly("vat");
        assertThat(second.get("meta").toString()).isEqualTo(
                "{\"current_page\":2,\"next_page\":null,\"prev_page\":1,\"total_pages\":2,\"total_count\":3}");
    }

    @Test
    void deleteIsSoftAndAnswersTheAddOn() {
        JsonNode created = api.post("/api/v1/add_ons", SETUP_FEE).body().get("add_on");

        var deleted = api.delete("/api/v1/add_ons/setup_fee");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("add_on")).isEqualTo(created);
        assertThat(api.get("/api/v1/add_ons/setup_fee").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/add_ons/setup_fee").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/add_ons").body().get("add_ons").toString()).isEqualTo("[]");
    }

    @Test
    void anOrganizationNeverSeesAnotherOrganizationsAddOns() {
        api.post("/api/v1/add_ons", SETUP_FEE);
        var other = newOrganization("Globex");

        assertThat(other.get("/api/v1/add_ons/setup_fee").status()).isEqualTo(404);
        assertThat(other.put("/api/v1/add_ons/setup_fee", "{\"add_on\": {\"name\": \"Mine\"}}").status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/add_ons/setup_fee").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/add_ons").body().get("meta").get("total_count").intValue()).isZero();
        // This organization's taxes are unknown there.
        assertThat(other.post("/api/v1/add_ons", SETUP_FEE).body().get("code").stringValue()).isEqualTo("tax_not_found");
        assertThat(api.get("/api/v1/add_ons/setup_fee").body().get("add_on").get("name").stringValue()).isEqualTo("Setup Fee");
    }

    private String errors(String body) {
        var response = api.post("/api/v1/add_ons", body);
        assertThat(response.status()).as(body).isEqualTo(422);
        return response.body().get("error_details").toString();
    }

    private static List<String> codes(JsonNode items) {
        List<String> codes = new ArrayList<>();
        items.forEach(t -> codes.add(t.get("code").stringValue()));
        return codes;
    }
}

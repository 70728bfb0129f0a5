package dev.fjord.organization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET|PUT /api/v1/organizations} (spec §5.1). */
class OrganizationApiTest extends ApiTest {

    @Test
    void showsTheOrganizationOfTheKeyWithLagoDefaults() {
        var response = api.get("/api/v1/organizations");

        assertThat(response.status()).isEqualTo(200);
        JsonNode org = response.body().get("organization");
        assertThat(org.get("name").stringValue()).isEqualTo("Acme Test");
        assertThat(org.get("default_currency").stringValue()).isEqualTo("USD");
        assertThat(org.get("timezone").stringValue()).isEqualTo("UTC");
        assertThat(org.get("document_numbering").stringValue()).isEqualTo("per_customer");
        // Lago's default prefix: first three letters of the name, upper-cased, and the id's last four characters.
        String id = org.get("lago_id").stringValue();
        assertThat(org.get("document_number_prefix").stringValue())
                .isEqualTo("ACM-" + id.substring(id.length() - 4).toUpperCase());
        assertThat(org.get("net_payment_term").intValue()).isZero();
        assertThat(org.get("finalize_zero_amount_invoice").booleanValue()).isTrue();
        assertThat(org.get("billing_configuration").toString())
                .isEqualTo("{\"invoice_footer\":null,\"invoice_grace_period\":0,\"document_locale\":\"en\"}");
        assertThat(org.get("email_settings").toString()).isEqualTo("[]");
        assertThat(org.get("webhook_urls").toString()).isEqualTo("[]");
        assertThat(org.get("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        for (String nullable : new String[] {"webhook_url", "country", "address_line1", "address_line2", "state",
                "zipcode", "email", "city", "legal_name", "legal_number", "tax_identification_number"}) {
            assertThat(org.has(nullable)).as(nullable).isTrue();
            assertThat(org.get(nullable).isNull()).as(nullable).isTrue();
        }
    }

    @Test
    void updatesOnlyTheSentFields() {
        var response = api.put("/api/v1/organizations", """
                {"organization": {
                  "default_currency": "EUR", "timezone": "Europe/Paris", "country": "fr", "email": "billing@acme.test",
                  "address_line1": "1 rue de la Paix", "city": "Paris", "zipcode": "75002", "legal_name": "Acme SAS",
                  "legal_number": "123 456 789", "tax_identification_number": "FR123", "net_payment_term": 30,
                  "document_numbering": "per_organization", "document_number_prefix": "acme",
                  "webhook_url": "https://hooks.acme.test/lago", "email_settings": ["invoice.finalized"],
                  "finalize_zero_amount_invoice": false,
                  "billing_configuration": {"invoice_footer": "Thanks", "invoice_grace_period": 3, "document_locale": "fr"}
                }}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode org = api.get("/api/v1/organizations").body().get("organization");
        assertThat(org.get("name").stringValue()).isEqualTo("Acme Test");
        assertThat(org.get("default_currency").stringValue()).isEqualTo("EUR");
        assertThat(org.get("timezone").stringValue()).isEqualTo("Europe/Paris");
        assertThat(org.get("country").stringValue()).isEqualTo("FR");
        assertThat(org.get("net_payment_term").intValue()).isEqualTo(30);
        assertThat(org.get("document_numbering").stringValue()).isEqualTo("per_organization");
        assertThat(org.get("document_number_prefix").stringValue()).isEqualTo("ACME");
        assertThat(org.get("webhook_url").stringValue()).isEqualTo("https://hooks.acme.test/lago");
        assertThat(org.get("webhook_urls").toString()).isEqualTo("[\"https://hooks.acme.test/lago\"]");
        assertThat(org.get("email_settings").toString()).isEqualTo("[\"invoice.finalized\"]");
        assertThat(org.get("finalize_zero_amount_invoice").booleanValue()).isFalse();
        assertThat(org.get("billing_configuration").toString())
                .isEqualTo("{\"invoice_footer\":\"Thanks\",\"invoice_grace_period\":3,\"document_locale\":\"fr\"}");

        // A second update touching one field leaves the others, and null clears a nullable field.
        api.put("/api/v1/organizations", "{\"organization\": {\"city\": null, \"net_payment_term\": 15}}");
        JsonNode after = api.get("/api/v1/organizations").body().get("organization");
        assertThat(after.get("city").isNull()).isTrue();
        assertThat(after.get("net_payment_term").intValue()).isEqualTo(15);
        assertThat(after.get("default_currency").stringValue()).isEqualTo("EUR");
        assertThat(after.get("legal_name").stringValue()).isEqualTo("Acme SAS");
    }

    @Test
    void rejectsInvalidValuesWithEveryErrorAndWritesNothing() {
        var response = api.put("/api/v1/organizations", """
                {"organization": {
                  "name": "Renamed", "default_currency": "EURO", "timezone": "Mars/Olympus", "country": "XX",
                  "email": "not-an-email", "webhook_url": "ftp://x", "net_payment_term": -1,
                  "document_numbering": "per_planet", "document_number_prefix": "WAY-TOO-LONG-PREFIX",
                  "email_settings": ["invoice.finalized", "party.started"], "finalize_zero_amount_invoice": "yes",
                  "billing_configuration": {"invoice_grace_period": 1000, "document_locale": "xx"}
                }}""");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("code").stringValue()).isEqualTo("validation_errors");
        JsonNode errors = response.body().get("error_details");
        assertThat(errors.get("default_currency").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("timezone").toString()).isEqualTo("[\"invalid_timezone\"]");
        assertThat(errors.get("country").toString()).isEqualTo("[\"not_a_valid_country_code\"]");
        assertThat(errors.get("email").toString()).isEqualTo("[\"invalid_email_format\"]");
        assertThat(errors.get("webhook_url").toString()).isEqualTo("[\"url_is_invalid\"]");
        assertThat(errors.get("net_payment_term").toString()).isEqualTo("[\"value_is_out_of_range\"]");
        assertThat(errors.get("document_numbering").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("document_number_prefix").toString()).isEqualTo("[\"value_is_too_long\"]");
        assertThat(errors.get("email_settings").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("finalize_zero_amount_invoice").toString()).isEqualTo("[\"value_is_invalid\"]");
        assertThat(errors.get("invoice_grace_period").toString()).isEqualTo("[\"value_is_out_of_range\"]");
        assertThat(errors.get("document_locale").toString()).isEqualTo("[\"invalid_document_locale\"]");
        assertThat(api.get("/api/v1/organizations").body().get("organization").get("name").stringValue())
                .isEqualTo("Acme Test");
    }

    @Test
    void mandatoryFieldsCannotBeCleared() {
        var response = api.put("/api/v1/organizations",
                "{\"organization\": {\"name\": \"  \", \"default_currency\": null, \"timezone\": null}}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error_details").toString()).isEqualTo(
                "{\"name\":[\"value_is_mandatory\"],\"default_currency\":[\"value_is_mandatory\"],\"timezone\":[\"value_is_mandatory\"]}");
    }

    @Test
    void eachKeySeesOnlyItsOwnOrganization() {
        var other = newOrganization("Globex");
        other.put("/api/v1/organizations", "{\"organization\": {\"city\": \"Springfield\"}}");

        assertThat(other.get("/api/v1/organizations").body().get("organization").get("name").stringValue())
                .isEqualTo("Globex");
        JsonNode mine = api.get("/api/v1/organizations").body().get("organization");
        assertThat(mine.get("name").stringValue()).isEqualTo("Acme Test");
        assertThat(mine.get("city").isNull()).isTrue();
    }
}

package dev.fjord.organization.internal;

import static dev.fjord.shared.Limits.MAX_DAYS;
import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.organization.AppliedTaxes;
import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code GET|PUT /api/v1/organizations}: the organization of the API key. */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {
    static final List<String> DOCUMENT_NUMBERINGS = List.of("per_customer", "per_organization");
    static final List<String> EMAIL_SETTINGS = List.of("invoice.finalized", "credit_note.created", "payment_receipt.created");
    /** Lago's limits: invoice numbers stay short, footers fit at the bottom of a page. */
    static final int MAX_DOCUMENT_NUMBER_PREFIX = 10;
    static final int MAX_INVOICE_FOOTER = 600;
    static final int MAX_GRACE_PERIOD_DAYS = 365;

    private final Organizations organizations;
    private final ObjectProvider<AppliedTaxes> appliedTaxes;

    OrganizationController(Organizations organizations, ObjectProvider<AppliedTaxes> appliedTaxes) {
        this.organizations = organizations;
        this.appliedTaxes = appliedTaxes;
    }

    @GetMapping
    Map<String, Object> show(@CurrentOrganization OrganizationId organization) {
        return Map.of("organization", json(organizations.get(organization)));
    }

    @PutMapping
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        Changes changes = changes(JsonInput.root(body, "organization"));
        return Map.of("organization", json(organizations.update(organization, changes)));
    }

    private OrganizationJson json(Organization organization) {
        AppliedTaxes taxes = appliedTaxes.getIfAvailable();
        return OrganizationJson.of(organization, taxes == null ? List.of() : List.copyOf(taxes.of(organization.id())));
    }

    private static Changes changes(JsonInput in) {
        Changes changes = new Changes();
        in.setRequiredIfSent(changes, "name", in.string("name", MAX_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "default_currency",
                in.string("default_currency", 3, Formats::isCurrency, "value_is_invalid"));
        in.setRequiredIfSent(changes, "timezone", in.string("timezone", 64, Formats::isTimezone, "invalid_timezone"));
        String country = in.string("country", 2, Formats::isCountry, "not_a_valid_country_code");
        in.setIfSent(changes, "country", country == null ? null : country.toUpperCase(Locale.ROOT));
        for (String text : List.of("address_line1", "address_line2", "state", "zipcode", "city", "legal_name",
                "legal_number", "tax_identification_number")) {
            in.setIfSent(changes, text, in.string(text, MAX_TEXT_LENGTH));
        }
        in.setIfSent(changes, "email", in.string("email", MAX_TEXT_LENGTH, Formats::isEmailList, "invalid_email_format"));
        in.setIfSent(changes, "webhook_url",
                in.string("webhook_url", MAX_LONG_TEXT_LENGTH, Formats::isHttpUrl, "url_is_invalid"));
        in.setRequiredIfSent(changes, "document_numbering", in.oneOf("document_numbering", DOCUMENT_NUMBERINGS));
        String prefix = in.string("document_number_prefix", MAX_DOCUMENT_NUMBER_PREFIX);
        in.setRequiredIfSent(changes, "document_number_prefix", prefix == null ? null : prefix.toUpperCase(Locale.ROOT));
        in.setRequiredIfSent(changes, "net_payment_term", in.integer("net_payment_term", 0, MAX_DAYS));
        in.setRequiredIfSent(changes, "finalize_zero_amount_invoice", in.bool("finalize_zero_amount_invoice"));
        List<String> emailSettings = in.strings("email_settings", EMAIL_SETTINGS);
        in.setIfSent(changes, "email_settings", emailSettings == null ? List.of() : emailSettings);
        JsonInput billing = in.object("billing_configuration");
        if (billing != null) {
            billing.setIfSent(changes, "invoice_footer", billing.string("invoice_footer", MAX_INVOICE_FOOTER));
            billing.setRequiredIfSent(changes, "invoice_grace_period",
                    billing.integer("invoice_grace_period", 0, MAX_GRACE_PERIOD_DAYS));
            billing.setRequiredIfSent(changes, "document_locale",
                    billing.string("document_locale", 2, Formats::isDocumentLocale, "invalid_document_locale"));
        }
        in.validate();
        return changes;
    }
}

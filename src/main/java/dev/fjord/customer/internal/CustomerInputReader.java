package dev.fjord.customer.internal;

import static dev.fjord.shared.Limits.MAX_CODES_PER_REQUEST;
import static dev.fjord.shared.Limits.MAX_CUSTOMER_METADATA;
import static dev.fjord.shared.Limits.MAX_DAYS;
import static dev.fjord.shared.Limits.MAX_LONG_TEXT_LENGTH;
import static dev.fjord.shared.Limits.MAX_METADATA_KEY_LENGTH;
import static dev.fjord.shared.Limits.MAX_METADATA_VALUE_LENGTH;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.customer.CustomerJson;
import dev.fjord.customer.CustomerUpsert;
import dev.fjord.customer.MetadataInput;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Lago's customer payload → a {@link CustomerUpsert}, with every field error collected into one 422. */
public final class CustomerInputReader {
    static final List<String> ACCOUNT_TYPES = List.of("customer", "partner");
    static final List<String> CUSTOMER_TYPES = List.of("company", "individual");
    static final List<String> ZERO_AMOUNT_INVOICE = List.of("inherit", "finalize", "skip");
    static final List<String> PAYMENT_PROVIDERS =
            List.of("stripe", "gocardless", "adyen", "cashfree", "moneyhash", "flutterwave");
    static final List<String> PAYMENT_METHODS = List.of("card", "sepa_debit", "us_bank_account", "bacs_debit",
            "link", "boleto", "crypto", "customer_balance");
    static final List<String> ISSUING_DATE_ANCHORS = List.of("current_period_end", "next_period_start");
    static final List<String> ISSUING_DATE_ADJUSTMENTS = List.of("align_with_finalization_date", "keep_anchor");
    static final int MAX_GRACE_PERIOD_DAYS = 365;
    private static final List<String> PLAIN_TEXT_FIELDS = List.of("name", "firstname", "lastname", "phone",
            "legal_name", "legal_number", "tax_identification_number", "external_salesforce_id", "address_line1",
            "address_line2", "city", "state", "zipcode");

    private CustomerInputReader() {}

    public static CustomerUpsert read(JsonInput in) {
        String externalId = in.string("external_id", MAX_TEXT_LENGTH);
        if (externalId == null && !in.hasError("external_id")) {
            in.error("external_id", "value_is_mandatory");
        }
        Changes changes = new Changes();
        for (String field : PLAIN_TEXT_FIELDS) {
            in.setIfSent(changes, field, in.string(field, MAX_TEXT_LENGTH));
        }
        in.setRequiredIfSent(changes, "account_type", in.oneOf("account_type", ACCOUNT_TYPES));
        in.setIfSent(changes, "customer_type", in.oneOf("customer_type", CUSTOMER_TYPES));
        in.setIfSent(changes, "email", in.string("email", MAX_TEXT_LENGTH, Formats::isEmailList, "invalid_email_format"));
        in.setIfSent(changes, "url", in.string("url", MAX_LONG_TEXT_LENGTH, Formats::isHttpUrl, "url_is_invalid"));
        in.setIfSent(changes, "logo_url", in.string("logo_url", MAX_LONG_TEXT_LENGTH, Formats::isHttpUrl, "url_is_invalid"));
        in.setIfSent(changes, "country", country(in, "country"));
        in.setIfSent(changes, "currency", in.string("currency", 3, Formats::isCurrency, "value_is_invalid"));
        in.setIfSent(changes, "timezone", in.string("timezone", 64, Formats::isTimezone, "invalid_timezone"));
        in.setIfSent(changes, "net_payment_term", in.integer("net_payment_term", 0, MAX_DAYS));
        in.setRequiredIfSent(changes, "finalize_zero_amount_invoice",
                in.oneOf("finalize_zero_amount_invoice", ZERO_AMOUNT_INVOICE));
        in.setRequiredIfSent(changes, "skip_invoice_custom_sections", in.bool("skip_invoice_custom_sections"));
        checkBillingEntity(in);
        readShippingAddress(in.object("shipping_address"), changes);
        readBillingConfiguration(in.object("billing_configuration"), changes);
        List<MetadataInput> metadata = readMetadata(in);
        List<String> taxCodes = readTaxCodes(in);
        in.validate();
        return new CustomerUpsert(externalId, changes, metadata, taxCodes);
    }

    private static void readShippingAddress(JsonInput address, Changes changes) {
        if (address == null) {
            return;
        }
        for (String field : List.of("address_line1", "address_line2", "city", "state", "zipcode")) {
            address.setIfSent(changes, field, "shipping_" + field, address.string(field, MAX_TEXT_LENGTH));
        }
        address.setIfSent(changes, "country", "shipping_country", country(address, "country"));
    }

    private static void readBillingConfiguration(JsonInput billing, Changes changes) {
        if (billing == null) {
            return;
        }
        billing.setIfSent(changes, "invoice_grace_period",
                billing.integer("invoice_grace_period", 0, MAX_GRACE_PERIOD_DAYS));
        billing.setIfSent(changes, "document_locale",
                billing.string("document_locale", 2, Formats::isDocumentLocale, "invalid_document_locale"));
        billing.setIfSent(changes, "payment_provider", billing.oneOf("payment_provider", PAYMENT_PROVIDERS));
        billing.setIfSent(changes, "payment_provider_code", billing.string("payment_provider_code", MAX_TEXT_LENGTH));
        billing.setIfSent(changes, "provider_customer_id", billing.string("provider_customer_id", MAX_TEXT_LENGTH));
        billing.setIfSent(changes, "provider_payment_methods",
                billing.strings("provider_payment_methods", PAYMENT_METHODS));
        billing.setIfSent(changes, "subscription_invoice_issuing_date_anchor",
                billing.oneOf("subscription_invoice_issuing_date_anchor", ISSUING_DATE_ANCHORS));
        billing.setIfSent(changes, "subscription_invoice_issuing_date_adjustment",
                billing.oneOf("subscription_invoice_issuing_date_adjustment", ISSUING_DATE_ADJUSTMENTS));
        // sync / sync_with_provider ask Lago to create the customer at a payment provider: no providers here yet.
        billing.bool("sync");
        billing.bool("sync_with_provider");
    }

    /** Metadata pairs: at most 5, keys unique, key ≤ 20 and value ≤ 100 characters (Lago's limits). */
    private static List<MetadataInput> readMetadata(JsonInput in) {
        List<JsonInput> items = in.objects("metadata", MAX_CUSTOMER_METADATA);
        if (items == null) {
            return in.has("metadata") && !in.hasError("metadata") ? List.of() : null;
        }
        List<MetadataInput> pairs = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (JsonInput item : items) {
            String key = item.string("key", MAX_METADATA_KEY_LENGTH);
            String value = item.string("value", MAX_METADATA_VALUE_LENGTH);
            Boolean display = item.bool("display_in_invoice");
            UUID id = uuid(item, item.string("id", 36));
            if (key == null || value == null) {
                if (!item.hasError("key")) {
                    item.error("key", "value_is_mandatory");
                }
                continue;
            }
            if (!keys.add(key)) {
                in.error("metadata", "value_already_exist");
            }
            pairs.add(new MetadataInput(id, key, value, Boolean.TRUE.equals(display)));
        }
        return pairs;
    }

    /**
     * {@code tax_codes}: the full list ({@code []} removes every tax); absent or null leaves the taxes as they are,
     * as in Lago (Rails drops a null where it permits an array).
     */
    private static List<String> readTaxCodes(JsonInput in) {
        return in.stringList("tax_codes", MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
    }

    private static String country(JsonInput in, String field) {
        String code = in.string(field, 2, Formats::isCountry, "not_a_valid_country_code");
        return code == null ? null : code.toUpperCase(Locale.ROOT);
    }

    /** Fjord has a single billing entity per organization, {@code default}; naming another is a 404. */
    private static void checkBillingEntity(JsonInput in) {
        String code = in.string("billing_entity_code", MAX_TEXT_LENGTH);
        if (code != null && !code.equals(CustomerJson.DEFAULT_BILLING_ENTITY)) {
            throw BillingError.notFound("billing_entity");
        }
    }

    private static UUID uuid(JsonInput item, String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            item.error("id", "value_is_invalid");
            return null;
        }
    }
}

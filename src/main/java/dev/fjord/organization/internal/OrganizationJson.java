package dev.fjord.organization.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.organization.Organization;
import java.util.List;

/** Lago's {@code organization} object; every documented field present, null when empty. */
record OrganizationJson(
        String lagoId,
        String name,
        String slug,
        String createdAt,
        String webhookUrl,
        List<String> webhookUrls,
        String country,
        String defaultCurrency,
        String addressLine1,
        String addressLine2,
        String state,
        String zipcode,
        String email,
        String city,
        String legalName,
        String legalNumber,
        String documentNumbering,
        String documentNumberPrefix,
        int netPaymentTerm,
        String taxIdentificationNumber,
        String timezone,
        List<String> emailSettings,
        BillingConfiguration billingConfiguration,
        List<Object> taxes,
        boolean finalizeZeroAmountInvoice,
        String eventsStore) {

    record BillingConfiguration(String invoiceFooter, int invoiceGracePeriod, String documentLocale) {}

    static OrganizationJson of(Organization o, List<Object> taxes) {
        return new OrganizationJson(
                o.id().toString(),
                o.name(),
                o.documentNumberPrefix().toLowerCase(java.util.Locale.ROOT),
                JsonFormats.timestamp(o.createdAt()),
                o.webhookUrl(),
                o.webhookUrl() == null ? List.of() : List.of(o.webhookUrl()),
                o.country(),
                o.defaultCurrency(),
                o.addressLine1(),
                o.addressLine2(),
                o.state(),
                o.zipcode(),
                o.email(),
                o.city(),
                o.legalName(),
                o.legalNumber(),
                o.documentNumbering(),
                o.documentNumberPrefix(),
                o.netPaymentTerm(),
                o.taxIdentificationNumber(),
                o.timezone(),
                o.emailSettings(),
                new BillingConfiguration(o.invoiceFooter(), o.invoiceGracePeriod(), o.documentLocale()),
                taxes,
                o.finalizeZeroAmountInvoice(),
                "postgres");
    }
}

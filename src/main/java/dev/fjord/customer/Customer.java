package dev.fjord.customer;

import dev.fjord.catalog.Tax;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer of an organization, with its resolved {@code applicableTimezone}. */
public record Customer(
        UUID id,
        String externalId,
        long sequentialId,
        String slug,
        String accountType,
        String customerType,
        String name,
        String firstname,
        String lastname,
        String email,
        String phone,
        String url,
        String logoUrl,
        String legalName,
        String legalNumber,
        String taxIdentificationNumber,
        String externalSalesforceId,
        Address address,
        Address shippingAddress,
        String currency,
        String timezone,
        String applicableTimezone,
        Integer netPaymentTerm,
        String finalizeZeroAmountInvoice,
        boolean skipInvoiceCustomSections,
        BillingConfiguration billingConfiguration,
        List<Metadata> metadata,
        List<Tax> taxes,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt) {

    /** This customer with what is not stored on its row: the resolved timezone, the metadata pairs and its taxes. */
    public Customer withDetails(String resolvedTimezone, List<Metadata> pairs, List<Tax> ownTaxes) {
        return new Customer(id, externalId, sequentialId, slug, accountType, customerType, name, firstname, lastname,
                email, phone, url, logoUrl, legalName, legalNumber, taxIdentificationNumber, externalSalesforceId,
                address, shippingAddress, currency, timezone, resolvedTimezone, netPaymentTerm,
                finalizeZeroAmountInvoice, skipInvoiceCustomSections, billingConfiguration, pairs, ownTaxes, createdAt, updatedAt,
                deletedAt);
    }

    public record Address(String addressLine1, String addressLine2, String city, String state, String zipcode,
            String country) {}

    public record BillingConfiguration(
            Integer invoiceGracePeriod,
            String documentLocale,
            String paymentProvider,
            String paymentProviderCode,
            String providerCustomerId,
            List<String> providerPaymentMethods,
            String subscriptionInvoiceIssuingDateAnchor,
            String subscriptionInvoiceIssuingDateAdjustment) {}

    public record Metadata(UUID id, String key, String value, boolean displayInInvoice, Instant createdAt) {}
}

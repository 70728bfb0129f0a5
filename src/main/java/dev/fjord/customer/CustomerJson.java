package dev.fjord.customer;

import dev.fjord.api.JsonFormats;
import dev.fjord.catalog.TaxJson;
import java.util.List;

/**
 * Lago's {@code customer} object, as the customer endpoints answer it and as other objects (invoices) embed it;
 * every documented field present, null when empty.
 */
public record CustomerJson(
        String lagoId,
        String billingEntityCode,
        String externalId,
        String accountType,
        String name,
        String firstname,
        String lastname,
        String customerType,
        long sequentialId,
        String slug,
        String createdAt,
        String updatedAt,
        String deletedAt,
        String country,
        String addressLine1,
        String addressLine2,
        String state,
        String zipcode,
        String email,
        String city,
        String url,
        String phone,
        String logoUrl,
        String legalName,
        String legalNumber,
        String currency,
        String taxIdentificationNumber,
        String timezone,
        String applicableTimezone,
        Integer netPaymentTerm,
        String externalSalesforceId,
        String finalizeZeroAmountInvoice,
        boolean skipInvoiceCustomSections,
        BillingConfiguration billingConfiguration,
        Address shippingAddress,
        List<Metadata> metadata,
        List<TaxJson> taxes,
        List<Object> integrationCustomers,
        List<Object> applicableInvoiceCustomSections) {

    /** Fjord has one billing entity per organization for now; Lago names the default one {@code default}. */
    public static final String DEFAULT_BILLING_ENTITY = "default";

    public record BillingConfiguration(Integer invoiceGracePeriod, String paymentProvider, String paymentProviderCode,
            String providerCustomerId, boolean sync, boolean syncWithProvider, String documentLocale,
            List<String> providerPaymentMethods, String subscriptionInvoiceIssuingDateAnchor,
            String subscriptionInvoiceIssuingDateAdjustment) {}

    public record Address(String addressLine1, String addressLine2, String city, String zipcode, String state,
            String country) {}

    public record Metadata(String lagoId, String key, String value, boolean displayInInvoice, String createdAt) {}

    public static CustomerJson of(Customer c) {
        Customer.BillingConfiguration billing = c.billingConfiguration();
        Customer.Address shipping = c.shippingAddress();
        return new CustomerJson(
                c.id().toString(),
                DEFAULT_BILLING_ENTITY,
                c.externalId(),
                c.accountType(),
                c.name(),
                c.firstname(),
                c.lastname(),
                c.customerType(),
                c.sequentialId(),
                c.slug(),
                JsonFormats.timestamp(c.createdAt()),
                JsonFormats.timestamp(c.updatedAt()),
                JsonFormats.timestamp(c.deletedAt()),
                c.address().country(),
                c.address().addressLine1(),
                c.address().addressLine2(),
                c.address().state(),
                c.address().zipcode(),
                c.email(),
                c.address().city(),
                c.url(),
                c.phone(),
                c.logoUrl(),
                c.legalName(),
                c.legalNumber(),
                c.currency(),
                c.taxIdentificationNumber(),
                c.timezone(),
                c.applicableTimezone(),
                c.netPaymentTerm(),
                c.externalSalesforceId(),
                c.finalizeZeroAmountInvoice(),
                c.skipInvoiceCustomSections(),
                new BillingConfiguration(billing.invoiceGracePeriod(), billing.paymentProvider(),
                        billing.paymentProviderCode(), billing.providerCustomerId(), false, false,
                        billing.documentLocale(), billing.providerPaymentMethods(),
                        billing.subscriptionInvoiceIssuingDateAnchor(),
                        billing.subscriptionInvoiceIssuingDateAdjustment()),
                new Address(shipping.addressLine1(), shipping.addressLine2(), shipping.city(), shipping.zipcode(),
                        shipping.state(), shipping.country()),
                c.metadata().stream()
                        .map(m -> new Metadata(m.id().toString(), m.key(), m.value(), m.displayInInvoice(),
                                JsonFormats.timestamp(m.createdAt())))
                        .toList(),
                c.taxes().stream().map(TaxJson::of).toList(),
                List.of(),
                List.of());
    }
}

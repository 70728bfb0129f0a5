package dev.fjord.invoicing.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.AddOns;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceFiles;
import dev.fjord.invoicing.Invoices;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Renders invoices as the API answers them, for the endpoints and for the invoice webhooks. */
@Component
class InvoiceViews {
    private final Invoices invoices;
    private final Customers customers;
    private final AddOns addOns;
    private final AppliedCoupons appliedCoupons;
    private final InvoiceFiles files;

    InvoiceViews(Invoices invoices, Customers customers, AddOns addOns, AppliedCoupons appliedCoupons,
            InvoiceFiles files) {
        this.invoices = invoices;
        this.customers = customers;
        this.addOns = addOns;
        this.appliedCoupons = appliedCoupons;
        this.files = files;
    }

    /** The single-invoice shape: its customer, fees, the add-ons they bill, taxes, coupon credits and file URL. */
    InvoiceJson detailed(OrganizationId organization, Invoice invoice) {
        Customer customer = customersOf(organization, List.of(invoice)).get(invoice.customerId());
        Map<UUID, AddOn> billed = addOns.byIds(organization,
                        invoice.fees().stream().map(Fee::addOnId).filter(Objects::nonNull).distinct().toList())
                .stream().collect(Collectors.toMap(AddOn::id, Function.identity()));
        return InvoiceJson.detailed(invoice, customer, invoices.paymentOverdue(invoice), billed,
                invoices.appliedTaxes(organization, List.of(invoice)).get(invoice.id()),
                appliedCoupons.creditsOf(organization, List.of(invoice.id())),
                invoices.creditNoteCredits(organization, invoice.id()),
                files.urls(organization, List.of(invoice.id())).get(invoice.id()));
    }

    InvoiceJson detailed(OrganizationId organization, UUID invoiceId) {
        return detailed(organization, invoices.find(organization, invoiceId).orElseThrow());
    }

    /** The customers owning these invoices, deleted ones included, by id. */
    Map<UUID, Customer> customersOf(OrganizationId organization, List<Invoice> page) {
        return customers.byIds(organization, page.stream().map(Invoice::customerId).distinct().toList()).stream()
                .collect(Collectors.toMap(Customer::id, Function.identity()));
    }
}

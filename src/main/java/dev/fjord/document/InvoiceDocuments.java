package dev.fjord.document;

import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.AddOns;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.document.internal.DocumentStore;
import dev.fjord.document.internal.InvoicePdf;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceFiles;
import dev.fjord.invoicing.Invoices;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoice PDFs: generated on the first download of a finalized invoice, stored in the database and served at an
 * unguessable {@code file_url}. Implements invoicing's {@link InvoiceFiles} port.
 */
@Service
public class InvoiceDocuments implements InvoiceFiles {
    static final String OWNER_TYPE = "invoice";

    private final Invoices invoices;
    private final Organizations organizations;
    private final Customers customers;
    private final AppliedCoupons appliedCoupons;
    private final AddOns addOns;
    private final InvoicePdf pdf;
    private final DocumentStore store;
    private final TransactionTemplate transaction;

    InvoiceDocuments(Invoices invoices, Organizations organizations, Customers customers,
            AppliedCoupons appliedCoupons, AddOns addOns, InvoicePdf pdf, DocumentStore store,
            TransactionTemplate transaction) {
        this.invoices = invoices;
        this.organizations = organizations;
        this.customers = customers;
        this.appliedCoupons = appliedCoupons;
        this.addOns = addOns;
        this.pdf = pdf;
        this.store = store;
        this.transaction = transaction;
    }

    /**
     * Renders and stores the PDF of a finalized invoice that has none, with its {@code invoice.generated} webhook in
     * the transaction that stores it. Rendering runs outside any transaction; two first downloads at once may both
     * render, the first stored wins (and alone sends the webhook) and both answer with it.
     */
    @Override
    public void generate(OrganizationId organization, UUID invoiceId) {
        Invoice invoice = invoices.find(organization, invoiceId).filter(found -> "finalized".equals(found.status()))
                .orElseThrow(() -> BillingError.notFound("invoice"));
        if (store.has(organization, OWNER_TYPE, invoiceId)) {
            return;
        }
        Customer customer = customers.byIds(organization, List.of(invoice.customerId())).stream().findFirst()
                .orElseThrow(() -> BillingError.notFound("customer"));
        byte[] content = pdf.render(invoice, organizations.get(organization), customer,
                invoices.appliedTaxes(organization, List.of(invoice)).get(invoiceId),
                appliedCoupons.creditsOf(organization, List.of(invoiceId)), billedAddOns(organization, invoice));
        transaction.executeWithoutResult(status -> {
            if (store.keep(organization, OWNER_TYPE, invoiceId, invoice.number(), content)) {
                invoices.recordPdfGenerated(organization, invoiceId);
            }
        });
    }

    @Override
    public Map<UUID, String> urls(OrganizationId organization, List<UUID> invoiceIds) {
        return store.urls(organization, OWNER_TYPE, invoiceIds);
    }

    private Map<UUID, AddOn> billedAddOns(OrganizationId organization, Invoice invoice) {
        List<UUID> ids = invoice.fees().stream().map(Fee::addOnId).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Map.of() : addOns.byIds(organization, ids).stream()
                .collect(Collectors.toMap(AddOn::id, Function.identity()));
    }
}

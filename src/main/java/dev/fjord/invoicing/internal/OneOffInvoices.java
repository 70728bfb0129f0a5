package dev.fjord.invoicing.internal;

import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.AddOns;
import dev.fjord.catalog.Taxes;
import dev.fjord.customer.Customer;
import dev.fjord.customer.CustomerJson;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.OneOffInvoiceRequest;
import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Lago's {@code Invoices::CreateOneOffService}: a finalized {@code one_off} invoice of add-on fees, in the caller's
 * transaction. Checks in Lago's order: the customer ({@code 404 customer_not_found}), fees sent
 * ({@code 404 fees_not_found}), every add-on ({@code 404 add_on_not_found}), the billing entity
 * ({@code 404 billing_entity_not_found}), the currency ({@code 422 currency: value_is_mandatory |
 * currencies_does_not_match}), then each fee's taxes ({@code 404 tax_not_found}). One-off invoices never consume
 * wallet credits (spec §4.1).
 */
@Component
public class OneOffInvoices {
    private final InvoiceRepository repository;
    private final InvoiceNumbering numbering;
    private final Customers customers;
    private final Organizations organizations;
    private final AddOns addOns;
    private final Taxes taxes;
    private final Clock clock;

    OneOffInvoices(InvoiceRepository repository, InvoiceNumbering numbering, Customers customers,
            Organizations organizations, AddOns addOns, Taxes taxes, Clock clock) {
        this.repository = repository;
        this.numbering = numbering;
        this.customers = customers;
        this.organizations = organizations;
        this.addOns = addOns;
        this.taxes = taxes;
        this.clock = clock;
    }

    /** Creates the invoice and answers its id; the caller's transaction holds the customer's row lock. */
    public UUID create(OrganizationId organization, OneOffInvoiceRequest request) {
        Customer customer = request.externalCustomerId() == null ? null
                : customers.lock(organization, request.externalCustomerId()).orElse(null);
        if (customer == null) {
            throw BillingError.notFound("customer");
        }
        if (request.fees() == null || request.fees().isEmpty()) {
            throw BillingError.notFound("fees");
        }
        Map<String, AddOn> byCode = new LinkedHashMap<>();
        for (OneOffInvoiceRequest.OneOffFee fee : request.fees()) {
            if (fee.addOnCode() == null) {
                throw BillingError.notFound("add_on");
            }
            if (!byCode.containsKey(fee.addOnCode())) {
                byCode.put(fee.addOnCode(), addOns.get(organization, fee.addOnCode()));
            }
        }
        if (request.billingEntityCode() != null
                && !CustomerJson.DEFAULT_BILLING_ENTITY.equals(request.billingEntityCode())) {
            throw BillingError.notFound("billing_entity");
        }
        String currency = request.currency() != null ? request.currency() : customer.currency();
        if (currency == null) {
            throw BillingError.validation("currency", "value_is_mandatory");
        }
        // a customer without a currency takes the invoice's; one with another is currencies_does_not_match
        customers.adoptCurrency(organization, customer.id(), currency);

        List<AddOnFees.Line> lines = new ArrayList<>();
        for (OneOffInvoiceRequest.OneOffFee fee : request.fees()) {
            AddOn addOn = byCode.get(fee.addOnCode());
            lines.add(new AddOnFees.Line(fee, addOn,
                    taxes.forAddOnFee(organization, fee.taxCodes(), addOn.id(), customer.id())));
        }
        UUID invoiceId = Ids.newId();
        Instant now = clock.instant();
        AddOnFees.Result computed = AddOnFees.compute(invoiceId, currency, lines, now);
        Organization owner = organizations.get(organization);
        LocalDate issuingDate = InvoiceTerms.issuingDate(customer, now);
        int netPaymentTerm = InvoiceTerms.netPaymentTerm(customer, owner);
        Invoice.Amounts amounts = computed.amounts();
        boolean finalized = InvoiceTerms.finalizes(amounts.feesAmountCents(), customer, owner);
        InvoiceNumbering.Assigned number = finalized ? numbering.assign(organization, owner, customer, now) : null;
        repository.insert(organization, new Invoice(
                invoiceId,
                customer.id(),
                "one_off",
                finalized ? "finalized" : "closed",
                amounts.totalAmountCents() > 0 ? "pending" : "succeeded",
                finalized ? number.number() : InvoiceNumbering.draft(owner.documentNumberPrefix()),
                finalized ? number.sequentialId() : null,
                finalized ? number.organizationSequentialId() : null,
                currency,
                issuingDate,
                issuingDate.plusDays(netPaymentTerm),
                netPaymentTerm,
                customer.applicableTimezone(),
                request.purchaseOrderNumber(),
                false,
                4,
                amounts,
                null,
                finalized ? now : null,
                null,
                now,
                now,
                List.of(),
                List.of()), computed.taxesRate());
        computed.fees().forEach(fee -> repository.insertFee(organization, fee));
        repository.insertAppliedTaxes(organization, computed.appliedTaxes());
        return invoiceId;
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.customer.CurrencyBoundObjects;
import dev.fjord.shared.OrganizationId;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A customer with invoices keeps its currency (Lago: a customer with invoices is not "editable"). */
@Component
class InvoiceCurrencyBound implements CurrencyBoundObjects {
    private final InvoiceRepository repository;

    InvoiceCurrencyBound(InvoiceRepository repository) {
        this.repository = repository;
    }

    @Override
    public boolean existFor(OrganizationId organization, UUID customerId) {
        return repository.existForCustomer(organization, customerId);
    }
}

package dev.fjord.creditnote.internal;

import dev.fjord.creditnote.CreditNote;
import dev.fjord.creditnote.CreditNoteFiles;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoices;
import dev.fjord.shared.OrganizationId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Renders credit notes as the API answers them, for the endpoints and for the credit note webhooks. */
@Component
class CreditNoteViews {
    private final Invoices invoices;
    private final Customers customers;
    private final CreditNoteRepository repository;
    /** Lazy: the document module implements the port and itself reads credit notes through the facade. */
    private final ObjectProvider<CreditNoteFiles> files;

    CreditNoteViews(Invoices invoices, Customers customers, CreditNoteRepository repository,
            ObjectProvider<CreditNoteFiles> files) {
        this.invoices = invoices;
        this.customers = customers;
        this.repository = repository;
        this.files = files;
    }

    CreditNoteJson one(OrganizationId organization, CreditNote note) {
        return page(organization, List.of(note)).get(0);
    }

    /** A page of credit notes with their customers, credited fees, PDF addresses and metadata, read once per page. */
    List<CreditNoteJson> page(OrganizationId organization, List<CreditNote> notes) {
        Map<UUID, Customer> owners = customers.byIds(organization,
                        notes.stream().map(CreditNote::customerId).distinct().toList()).stream()
                .collect(Collectors.toMap(Customer::id, Function.identity()));
        Map<UUID, Fee> fees = fees(organization, notes);
        List<UUID> ids = notes.stream().map(CreditNote::id).toList();
        Map<UUID, String> fileUrls = files.getObject().urls(organization, ids);
        Map<UUID, Map<String, String>> metadata = repository.metadata(organization, ids);
        return notes.stream()
                .map(n -> CreditNoteJson.of(n, owners.get(n.customerId()), fees, fileUrls.get(n.id()),
                        metadata.get(n.id())))
                .toList();
    }

    /** The credited fees, read from their invoices (one read per distinct invoice of the page). */
    private Map<UUID, Fee> fees(OrganizationId organization, List<CreditNote> notes) {
        Map<UUID, Fee> fees = new HashMap<>();
        notes.stream().map(CreditNote::invoiceId).distinct()
                .forEach(invoiceId -> invoices.find(organization, invoiceId).orElseThrow().fees()
                        .forEach(fee -> fees.put(fee.id(), fee)));
        return fees;
    }
}

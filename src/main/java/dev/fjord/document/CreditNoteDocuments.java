package dev.fjord.document;

import dev.fjord.catalog.AddOn;
import dev.fjord.catalog.AddOns;
import dev.fjord.creditnote.CreditNote;
import dev.fjord.creditnote.CreditNoteFiles;
import dev.fjord.creditnote.CreditNotes;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.document.internal.CreditNotePdf;
import dev.fjord.document.internal.DocumentStore;
import dev.fjord.invoicing.Fee;
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
 * Credit note PDFs, made and served as invoice PDFs are (see {@link InvoiceDocuments}). Implements the creditnote
 * module's {@link CreditNoteFiles} port.
 */
@Service
public class CreditNoteDocuments implements CreditNoteFiles {
    static final String OWNER_TYPE = "credit_note";

    private final CreditNotes creditNotes;
    private final Invoices invoices;
    private final Organizations organizations;
    private final Customers customers;
    private final AddOns addOns;
    private final CreditNotePdf pdf;
    private final DocumentStore store;
    private final TransactionTemplate transaction;

    CreditNoteDocuments(CreditNotes creditNotes, Invoices invoices, Organizations organizations, Customers customers,
            AddOns addOns, CreditNotePdf pdf, DocumentStore store, TransactionTemplate transaction) {
        this.creditNotes = creditNotes;
        this.invoices = invoices;
        this.organizations = organizations;
        this.customers = customers;
        this.addOns = addOns;
        this.pdf = pdf;
        this.store = store;
        this.transaction = transaction;
    }

    /**
     * Renders and stores the PDF of a finalized credit note (Lago's rule for downloads) that has none, with its
     * {@code credit_note.generated} webhook in the transaction that stores it (rendered before, holding no connection).
     */
    @Override
    public void generate(OrganizationId organization, UUID creditNoteId) {
        CreditNote note = creditNotes.get(organization, creditNoteId);
        if (!"finalized".equals(note.status())) {
            throw BillingError.notFound("credit_note");
        }
        if (store.has(organization, OWNER_TYPE, creditNoteId)) {
            return;
        }
        Customer customer = customers.byIds(organization, List.of(note.customerId())).stream().findFirst()
                .orElseThrow(() -> BillingError.notFound("customer"));
        Map<UUID, Fee> fees = invoices.find(organization, note.invoiceId()).orElseThrow().fees().stream()
                .collect(Collectors.toMap(Fee::id, Function.identity()));
        byte[] content = pdf.render(note, organizations.get(organization), customer, fees,
                billedAddOns(organization, fees.values()));
        transaction.executeWithoutResult(status -> {
            if (store.keep(organization, OWNER_TYPE, creditNoteId, note.number(), content)) {
                creditNotes.recordPdfGenerated(organization, creditNoteId);
            }
        });
    }

    @Override
    public Map<UUID, String> urls(OrganizationId organization, List<UUID> creditNoteIds) {
        return store.urls(organization, OWNER_TYPE, creditNoteIds);
    }

    private Map<UUID, AddOn> billedAddOns(OrganizationId organization, java.util.Collection<Fee> fees) {
        List<UUID> ids = fees.stream().map(Fee::addOnId).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Map.of() : addOns.byIds(organization, ids).stream()
                .collect(Collectors.toMap(AddOn::id, Function.identity()));
    }
}

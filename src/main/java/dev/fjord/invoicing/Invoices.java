package dev.fjord.invoicing;

import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.internal.DraftInvoices;
import dev.fjord.invoicing.internal.InvoiceRepository;
import dev.fjord.invoicing.internal.InvoiceNumbering;
import dev.fjord.invoicing.internal.InvoiceWebhooks;
import dev.fjord.invoicing.internal.OneOffInvoices;
import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.Ids;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The invoicing module's public face: credit invoices for paid wallet top-ups (spec §2.3), one-off invoices of
 * add-ons, reads, payment status updates, void and finalization. Hidden invoices ({@code open} credit invoices
 * waiting for their payment, {@code closed} zero-amount ones...) are invisible to the API, as in Lago.
 */
@Service
public class Invoices {
    private final InvoiceRepository repository;
    private final InvoiceNumbering numbering;
    private final Customers customers;
    private final Organizations organizations;
    private final OneOffInvoices oneOffInvoices;
    private final CreditNoteCredits creditNotes;
    private final AppliedCoupons appliedCoupons;
    private final ApplicationEventPublisher events;
    private final InvoiceWebhooks webhooks;
    /** Lazy: finalizing debits wallets, and the wallet module creates its credit invoices through this facade. */
    private final ObjectProvider<DraftInvoices> drafts;
    private final Clock clock;

    Invoices(InvoiceRepository repository, InvoiceNumbering numbering, Customers customers,
            Organizations organizations, OneOffInvoices oneOffInvoices, CreditNoteCredits creditNotes,
            AppliedCoupons appliedCoupons, ApplicationEventPublisher events, InvoiceWebhooks webhooks, ObjectProvider<DraftInvoices> drafts,
            Clock clock) {
        this.repository = repository;
        this.numbering = numbering;
        this.customers = customers;
        this.organizations = organizations;
        this.oneOffInvoices = oneOffInvoices;
        this.creditNotes = creditNotes;
        this.appliedCoupons = appliedCoupons;
        this.events = events;
        this.webhooks = webhooks;
        this.drafts = drafts;
        this.clock = clock;
    }

    /**
     * Creates the credit invoice with id request.invoiceId() and its single {@code credit} fee, in the caller's
     * transaction. Status finalized (issuing date = today in the customer's applicable timezone, payment due date =
     * issuing date + net payment term, numbered), or {@code open} (hidden from the API, numbered when finalized) when
     * requiresSuccessfulPayment. Payment status pending. No taxes, no coupons, no credits.
     */
    @Transactional
    public Invoice createCreditInvoice(CreditInvoiceRequest request) {
        check(request);
        OrganizationId organization = request.organization();
        Customer customer = customer(organization, request.customerId());
        Organization owner = organizations.get(organization);
        Instant now = clock.instant();
        LocalDate issuingDate = today(customer, now);
        int netPaymentTerm = customer.netPaymentTerm() != null ? customer.netPaymentTerm() : owner.netPaymentTerm();
        boolean open = request.requiresSuccessfulPayment();
        InvoiceNumbering.Assigned number = open ? null : numbering.assign(organization, owner, customer, now);
        repository.insert(organization, new Invoice(
                request.invoiceId(),
                customer.id(),
                "credit",
                open ? "open" : "finalized",
                "pending",
                open ? InvoiceNumbering.draft(owner.documentNumberPrefix()) : number.number(),
                open ? null : number.sequentialId(),
                open ? null : number.organizationSequentialId(),
                request.currency(),
                issuingDate,
                issuingDate.plusDays(netPaymentTerm),
                netPaymentTerm,
                customer.applicableTimezone(),
                null,
                false,
                4,
                // spec §2.3: fees = sub totals = total; no taxes, coupons, credit notes or prepaid credits
                Invoice.Amounts.ofFees(request.amountCents()),
                null,
                open ? null : now,
                null,
                now,
                now,
                List.of(),
                List.of()));
        repository.insertFee(organization, creditFee(request, now));
        return webhooks.record(organization, "invoice.paid_credit_added", load(organization, request.invoiceId()).orElseThrow());
    }

    /**
     * Sets the payment status (pending, succeeded or failed) of a visible or {@code open} invoice, for the modules
     * that learn about payments. When it changes, the fees follow and {@link InvoicePaymentStatusChanged} is published
     * synchronously, in this transaction; an {@code open} invoice whose payment succeeds is finalized first (numbered,
     * issued and due that day in the customer's timezone).
     */
    @Transactional
    public Invoice updatePaymentStatus(OrganizationId organization, UUID invoiceId, String paymentStatus) {
        Invoice invoice = repository.lock(organization, invoiceId)
                .filter(found -> found.visible() || "open".equals(found.status()))
                .orElseThrow(() -> BillingError.notFound("invoice"));
        checkPaymentStatus(invoice, paymentStatus);
        applyPaymentStatus(organization, invoice, paymentStatus, clock.instant());
        return load(organization, invoiceId).orElseThrow();
    }

    /**
     * Lago's {@code PUT /invoices/{id}}: the sent payment status and metadata of a visible invoice. A voided invoice
     * cannot be updated ({@code 405 update_on_voided_invoice}); a draft takes neither metadata
     * ({@code metadata_on_draft_invoice}) nor a payment status change ({@code payment_status_update_on_draft_invoice}).
     */
    @Transactional
    public Invoice update(OrganizationId organization, UUID invoiceId, InvoiceUpdate update) {
        Invoice invoice = repository.lock(organization, invoiceId).filter(Invoice::visible)
                .orElseThrow(() -> BillingError.notFound("invoice"));
        if ("voided".equals(invoice.status())) {
            throw BillingError.notAllowed("update_on_voided_invoice");
        }
        if ("draft".equals(invoice.status()) && update.metadata() != null) {
            throw BillingError.notAllowed("metadata_on_draft_invoice");
        }
        if (update.paymentStatus() != null) {
            checkPaymentStatus(invoice, update.paymentStatus());
        }
        Instant now = clock.instant();
        if (update.metadata() != null) {
            checkMetadataIds(organization, invoiceId, update.metadata());
            repository.replaceMetadata(organization, invoiceId, update.metadata(), now);
            repository.touch(organization, invoiceId, now);
        }
        if (update.paymentStatus() != null) {
            applyPaymentStatus(organization, invoice, update.paymentStatus(), now);
        }
        return load(organization, invoiceId).orElseThrow();
    }

    /**
     * Lago's {@code POST /invoices}: a {@code one_off} invoice of add-on fees, finalized and numbered at once
     * ({@code closed}, hidden, when its fees amount to zero and the customer does not finalize zero-amount invoices).
     * Payment status pending, succeeded when the total is zero. Never consumes wallet credits. See
     * {@link OneOffInvoices} for the checks and their Lago error codes.
     */
    @Transactional
    public Invoice createOneOff(OrganizationId organization, OneOffInvoiceRequest request) {
        return webhooks.record(organization, "invoice.one_off_created", load(organization, oneOffInvoices.create(organization, request)).orElseThrow());
    }

    /**
     * Lago's {@code POST /invoices/{id}/void}. A hidden or unknown invoice is {@code 404 invoice_not_found};
     * {@code generateCreditNote} (not built: credit notes are issued with {@code POST /credit_notes}) is
     * {@code 403 feature_unavailable}. Only a finalized invoice whose payment is pending or failed, with nothing paid,
     * no lost dispute and no credit note but voided ones, can be voided; anything else (a draft, a voided invoice, a paid one) is
     * {@code 405 not_voidable}. The invoice is row-locked, becomes {@code voided} with {@code voided_at}, and
     * {@link InvoiceVoided} is published in this transaction (the wallet gives back the credits it consumed); the
     * coupons it used are given back too ({@link AppliedCoupons#recreditVoidedInvoice}).
     */
    @Transactional
    public Invoice voidInvoice(OrganizationId organization, UUID invoiceId, boolean generateCreditNote) {
        Invoice invoice = repository.lock(organization, invoiceId).filter(Invoice::visible)
                .orElseThrow(() -> BillingError.notFound("invoice"));
        if (generateCreditNote) {
            throw BillingError.forbidden("feature_unavailable");
        }
        if (!voidable(invoice) || creditNotes.anyNotVoidedOn(organization, invoiceId)) {
            throw BillingError.notAllowed("not_voidable");
        }
        if (!repository.markVoided(organization, invoiceId, clock.instant())) {
            throw new IllegalStateException("invoice " + invoiceId + " changed under its row lock");
        }
        appliedCoupons.recreditVoidedInvoice(organization, invoiceId);
        events.publishEvent(new InvoiceVoided(organization, invoiceId));
        return webhooks.record(organization, "invoice.voided", load(organization, invoiceId).orElseThrow());
    }

    /**
     * Lago's {@code PUT /invoices/{id}/finalize} ({@code RefreshDraftAndFinalizeService}): a {@code draft} invoice is
     * computed again from its periods' usage with credits on (credit notes, then prepaid credits), numbered, issued
     * today in the customer's timezone and due after the customer's (else the organization's) net payment term; the
     * coupons, credit notes and wallets it takes are recorded and {@code invoice.created} sent, in this transaction.
     * Payment status pending, succeeded when its total is zero. Anything but a draft is {@code 404 invoice_not_found},
     * as in Lago (finalizing twice, or a voided invoice, included); drafts other than subscription invoices are
     * {@code 403 feature_unavailable} (Lago's rule). Zero-amount drafts of customers that do not finalize them are
     * {@code closed}.
     */
    @Transactional
    public Invoice finalizeDraft(OrganizationId organization, UUID invoiceId) {
        Invoice invoice = repository.lock(organization, invoiceId).filter(found -> "draft".equals(found.status()))
                .orElseThrow(() -> BillingError.notFound("invoice"));
        if (!DraftInvoices.handles(invoice)) {
            throw BillingError.forbidden("feature_unavailable");
        }
        drafts.getObject().finalize(organization, invoice, clock.instant());
        return load(organization, invoiceId).orElseThrow();
    }

    /** The taxes applied to these invoices and their fees, by invoice (invoices without taxes map to none). */
    public Map<UUID, AppliedTaxes> appliedTaxes(OrganizationId organization, List<Invoice> page) {
        List<UUID> ids = page.stream().map(Invoice::id).toList();
        Map<UUID, List<AppliedTaxes.OnInvoice>> onInvoices = repository.invoiceTaxes(organization, ids);
        Map<UUID, List<AppliedTaxes.OnFee>> onFees = repository.feeTaxes(organization,
                page.stream().flatMap(i -> i.fees().stream()).map(Fee::id).toList());
        Map<UUID, AppliedTaxes> byInvoice = new HashMap<>();
        for (Invoice invoice : page) {
            Map<UUID, List<AppliedTaxes.OnFee>> feeTaxes = new HashMap<>();
            invoice.fees().forEach(fee -> feeTaxes.put(fee.id(), onFees.getOrDefault(fee.id(), List.of())));
            byInvoice.put(invoice.id(),
                    new AppliedTaxes(onInvoices.getOrDefault(invoice.id(), List.of()), feeTaxes));
        }
        return byInvoice;
    }

    /**
     * Lago's {@code Invoice#voidable?} (its API rule until lago-api PR #3902): finalized, payment pending or failed,
     * nothing paid, no lost dispute; the caller also checks that no credit note stands on it.
     */
    private static boolean voidable(Invoice invoice) {
        return "finalized".equals(invoice.status())
                && ("pending".equals(invoice.paymentStatus()) || "failed".equals(invoice.paymentStatus()))
                && invoice.amounts().totalPaidAmountCents() == 0
                && invoice.paymentDisputeLostAt() == null;
    }

    /**
     * A visible invoice with its fees, row-locked until the caller's transaction ends: credit notes of one invoice are
     * issued one at a time, so each sees what the others already took. Hidden ones are {@code 404 invoice_not_found}.
     */
    @Transactional
    public Invoice lockVisible(OrganizationId organization, UUID invoiceId) {
        repository.lock(organization, invoiceId).filter(Invoice::visible)
                .orElseThrow(() -> BillingError.notFound("invoice"));
        return load(organization, invoiceId).orElseThrow();
    }

    /**
     * A credit note offsets part of what the invoice still owes (Lago's credit-note settlement), in the caller's
     * transaction with the invoice row locked; an invoice left owing nothing is paid ({@code succeeded}), as in Lago.
     */
    @Transactional
    public void offset(OrganizationId organization, UUID invoiceId, long amountCents) {
        Invoice invoice = repository.lock(organization, invoiceId).orElseThrow();
        if (amountCents <= 0 || amountCents > invoice.totalDueAmountCents()) {
            throw new IllegalArgumentException("an offset is positive and within what the invoice owes: " + amountCents);
        }
        Instant now = clock.instant();
        repository.addOffset(organization, invoiceId, amountCents, now);
        if (amountCents == invoice.totalDueAmountCents()) {
            applyPaymentStatus(organization, invoice, "succeeded", now);
        }
    }

    /** The credit-note credits the invoice received, for its {@code credits[]}. */
    public List<CreditNoteCredits.CreditNoteCredit> creditNoteCredits(OrganizationId organization, UUID invoiceId) {
        return creditNotes.creditsOf(organization, List.of(invoiceId)).getOrDefault(invoiceId, List.of());
    }

    /** A visible invoice; hidden ones ({@code open}...) are {@code 404 invoice_not_found}, as in Lago. */
    public Invoice get(OrganizationId organization, UUID invoiceId) {
        return load(organization, invoiceId).filter(Invoice::visible)
                .orElseThrow(() -> BillingError.notFound("invoice"));
    }

    /** The invoice whatever its status, hidden ones included: for modules following an {@code open} invoice. */
    public Optional<Invoice> find(OrganizationId organization, UUID invoiceId) {
        return load(organization, invoiceId);
    }

    /** Visible invoices, newest issuing date first, with their fees and metadata. */
    public InvoicePage list(OrganizationId organization, InvoiceQuery query, int limit, long offset) {
        Instant now = clock.instant();
        List<Invoice> page = withDetails(organization, repository.list(organization, query, now, limit, offset));
        return new InvoicePage(page, repository.count(organization, query, now));
    }

    /** Overdue as of now (Lago's rule, see {@link Invoice#paymentOverdue}). */
    public boolean paymentOverdue(Invoice invoice) {
        return invoice.paymentOverdue(clock.instant());
    }

    private void applyPaymentStatus(OrganizationId organization, Invoice invoice, String paymentStatus, Instant now) {
        if (paymentStatus.equals(invoice.paymentStatus())) {
            return;
        }
        repository.updatePaymentStatus(organization, invoice.id(), paymentStatus, now);
        if ("open".equals(invoice.status()) && "succeeded".equals(paymentStatus)) {
            // Lago's FinalizeOpenCreditService: issued and due the day it is paid, numbered then
            Customer customer = customer(organization, invoice.customerId());
            LocalDate today = today(customer, now);
            repository.finalize(organization, invoice.id(),
                    numbering.assign(organization, organizations.get(organization), customer, now), today, today, now);
            webhooks.record(organization, "invoice.paid_credit_added", invoice.id());
        }
        events.publishEvent(new InvoicePaymentStatusChanged(organization, invoice.id(), invoice.invoiceType(),
                paymentStatus));
        webhooks.record(organization, "invoice.payment_status_updated", invoice.id());
    }

    private static void checkPaymentStatus(Invoice invoice, String paymentStatus) {
        if (!Invoice.PAYMENT_STATUSES.contains(paymentStatus)) {
            throw BillingError.validation("payment_status", "value_is_invalid");
        }
        if ("draft".equals(invoice.status()) && !paymentStatus.equals(invoice.paymentStatus())) {
            throw BillingError.notAllowed("payment_status_update_on_draft_invoice");
        }
    }

    private void checkMetadataIds(OrganizationId organization, UUID invoiceId, List<InvoiceUpdate.MetadataInput> pairs) {
        Set<UUID> known = new HashSet<>(repository.metadataIds(organization, invoiceId));
        if (pairs.stream().anyMatch(pair -> pair.id() != null && !known.contains(pair.id()))) {
            throw BillingError.validation("metadata", "value_is_invalid");
        }
    }

    /** The request comes from another module: a broken one is a bug there, not a client error. */
    private static void check(CreditInvoiceRequest request) {
        Objects.requireNonNull(request.organization(), "organization");
        Objects.requireNonNull(request.invoiceId(), "invoiceId");
        Objects.requireNonNull(request.customerId(), "customerId");
        Objects.requireNonNull(request.walletTransactionId(), "walletTransactionId");
        Objects.requireNonNull(request.creditAmount(), "creditAmount");
        Objects.requireNonNull(request.unitAmountCents(), "unitAmountCents");
        if (!Formats.isCurrency(request.currency())) {
            throw new IllegalArgumentException("not a currency: " + request.currency());
        }
        if (request.amountCents() <= 0 || request.creditAmount().signum() <= 0 || request.unitAmountCents().signum() <= 0) {
            throw new IllegalArgumentException("a credit invoice bills a positive amount of credits");
        }
        if (request.label() == null || request.label().isBlank()) {
            throw new IllegalArgumentException("a credit fee needs a label");
        }
    }

    /**
     * Lago's {@code Fees::PaidCreditService}: units = credits bought, unit price = one credit in minor units, amount =
     * the transaction's, never taxed (an advance payment).
     */
    private static Fee creditFee(CreditInvoiceRequest request, Instant now) {
        BigDecimal unitAmount = request.unitAmountCents().movePointLeft(Money.exponent(request.currency()));
        return new Fee(Ids.newId(), request.invoiceId(), "credit", null, null, null, null, null,
                request.walletTransactionId(), null, null, request.label(), null, request.amountCents(),
                BigDecimal.valueOf(request.amountCents()), request.currency(), request.creditAmount(), null, null,
                request.unitAmountCents(), unitAmount, BigDecimal.ZERO, 0, BigDecimal.ZERO, BigDecimal.ZERO, false,
                true, null, Map.of(), Map.of(), null, null, "pending", null, null, null, now, now);
    }

    /**
     * Records {@code invoice.generated} (Lago sends it once the PDF is made), in the transaction that stored the PDF,
     * so the webhook shows the invoice with its {@code file_url}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordPdfGenerated(OrganizationId organization, UUID invoiceId) {
        webhooks.record(organization, "invoice.generated", invoiceId);
    }

    private Customer customer(OrganizationId organization, UUID customerId) {
        return customers.byIds(organization, List.of(customerId)).stream().findFirst()
                .orElseThrow(() -> BillingError.notFound("customer"));
    }

    private static LocalDate today(Customer customer, Instant now) {
        return LocalDate.ofInstant(now, ZoneId.of(customer.applicableTimezone()));
    }

    private Optional<Invoice> load(OrganizationId organization, UUID id) {
        return repository.find(organization, id).map(invoice -> withDetails(organization, List.of(invoice)).get(0));
    }

    /** Attaches fees and metadata, one query each for the whole page. */
    private List<Invoice> withDetails(OrganizationId organization, List<Invoice> invoices) {
        if (invoices.isEmpty()) {
            return invoices;
        }
        List<UUID> ids = invoices.stream().map(Invoice::id).toList();
        Map<UUID, List<Fee>> fees = repository.fees(organization, ids);
        Map<UUID, List<Invoice.Metadata>> metadata = repository.metadata(organization, ids);
        return invoices.stream()
                .map(i -> i.withDetails(fees.getOrDefault(i.id(), List.of()), metadata.getOrDefault(i.id(), List.of())))
                .toList();
    }
}

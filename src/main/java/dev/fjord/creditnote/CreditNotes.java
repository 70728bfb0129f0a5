package dev.fjord.creditnote;

import dev.fjord.creditnote.internal.CreditNoteRepository;
import dev.fjord.creditnote.internal.CreditNoteWebhooks;
import dev.fjord.creditnote.internal.IssueCreditNote;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.MetadataMaps;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The creditnote module's public face (spec §5.10): issue, estimate, read, refund status and void. Later invoices
 * consume the credit through {@code invoicing.CreditNoteCredits}, which this module implements.
 */
@Service
public class CreditNotes {
    private final IssueCreditNote issue;
    private final CreditNoteRepository store;
    private final CreditNoteWebhooks webhooks;
    private final Clock clock;

    CreditNotes(IssueCreditNote issue, CreditNoteRepository store, CreditNoteWebhooks webhooks, Clock clock) {
        this.issue = issue;
        this.store = store;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Issues a credit note on a finalized invoice; see {@code IssueCreditNote} for the rules and their Lago codes. */
    @Transactional
    public CreditNote create(OrganizationId organization, CreditNoteRequest request) {
        return get(organization, issue.create(organization, request));
    }

    public CreditNoteEstimate estimate(OrganizationId organization, UUID invoiceId,
            List<CreditNoteRequest.ItemRequest> items) {
        return issue.estimate(organization, invoiceId, items);
    }

    public CreditNote get(OrganizationId organization, UUID id) {
        return store.find(organization, id).orElseThrow(() -> BillingError.notFound("credit_note"));
    }

    public List<CreditNote> list(OrganizationId organization, CreditNoteQuery query, int limit, long offset) {
        return store.list(organization, query, limit, offset);
    }

    public long count(OrganizationId organization, CreditNoteQuery query) {
        return store.count(organization, query);
    }

    /**
     * Lago's {@code PUT /credit_notes/{id}}: the refund status (pending, succeeded with {@code refunded_at}, failed)
     * and the metadata (replaced), each when sent (null: unchanged).
     */
    @Transactional
    public CreditNote update(OrganizationId organization, UUID id, String refundStatus, Map<String, String> metadata) {
        store.lock(organization, id).orElseThrow(() -> BillingError.notFound("credit_note"));
        if (refundStatus != null) {
            if (!CreditNote.REFUND_STATUSES.contains(refundStatus)) {
                throw BillingError.validation("refund_status", "value_is_invalid");
            }
            store.updateRefundStatus(organization, id, refundStatus, clock.instant());
        }
        if (metadata != null) {
            store.replaceMetadata(organization, id, metadata);
        }
        return get(organization, id);
    }

    /** Replaces ({@code merge} false) or merges the credit note's metadata; answers it (null when empty). */
    @Transactional
    public Map<String, String> writeMetadata(OrganizationId organization, UUID id, Map<String, String> metadata,
            boolean merge) {
        store.lock(organization, id).orElseThrow(() -> BillingError.notFound("credit_note"));
        Map<String, String> result = MetadataMaps.written(store.metadata(organization, List.of(id)).get(id), metadata,
                merge);
        store.replaceMetadata(organization, id, result);
        return result;
    }

    /** Removes one key ({@code metadata_not_found} when absent), or all keys when {@code key} is null. */
    @Transactional
    public Map<String, String> deleteMetadata(OrganizationId organization, UUID id, String key) {
        store.lock(organization, id).orElseThrow(() -> BillingError.notFound("credit_note"));
        Map<String, String> result = key == null ? null
                : MetadataMaps.without(store.metadata(organization, List.of(id)).get(id), key);
        store.replaceMetadata(organization, id, result);
        return result;
    }

    /**
     * Lago's {@code PUT /credit_notes/{id}/void}: what is left of the credit is cancelled ({@code voided}, balance 0).
     * A credit note with nothing left (consumed, refund only, already voided) is {@code 405 no_voidable_amount}.
     */
    @Transactional
    public CreditNote voidCreditNote(OrganizationId organization, UUID id) {
        store.lock(organization, id).orElseThrow(() -> BillingError.notFound("credit_note"));
        if (!store.markVoided(organization, id, clock.instant())) {
            throw BillingError.notAllowed("no_voidable_amount");
        }
        return get(organization, id);
    }

    /**
     * Records {@code credit_note.generated} (Lago sends it once the PDF is made), in the transaction that stored the
     * PDF, so the webhook shows the credit note with its {@code file_url}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordPdfGenerated(OrganizationId organization, UUID id) {
        webhooks.record(organization, "credit_note.generated", id);
    }
}

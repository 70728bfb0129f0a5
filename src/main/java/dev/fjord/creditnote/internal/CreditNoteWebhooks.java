package dev.fjord.creditnote.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The credit note webhooks ({@code credit_note.created} when issued, {@code credit_note.generated} once its PDF is
 * made, as Lago sends them), recorded in the transaction of the change with the credit note as
 * {@code GET /credit_notes/{id}} shows it.
 */
@Component
public class CreditNoteWebhooks {
    private final Webhooks webhooks;
    private final CreditNoteRepository repository;
    private final CreditNoteViews views;

    CreditNoteWebhooks(Webhooks webhooks, CreditNoteRepository repository, CreditNoteViews views) {
        this.webhooks = webhooks;
        this.repository = repository;
        this.views = views;
    }

    public void record(OrganizationId organization, String webhookType, UUID creditNoteId) {
        webhooks.record(organization, webhookType, "credit_note",
                () -> views.one(organization, repository.find(organization, creditNoteId).orElseThrow()));
    }
}

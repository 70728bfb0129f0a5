package dev.fjord.document.internal;

import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The documents kept for invoices and credit notes ({@code ownerType} {@code invoice} or {@code credit_note}): one per
 * owner, under a new token, served at {@link DocumentUrls}.
 */
@Component
public class DocumentStore {
    private final DocumentRepository repository;
    private final DocumentUrls urls;
    private final Clock clock;

    DocumentStore(DocumentRepository repository, DocumentUrls urls, Clock clock) {
        this.repository = repository;
        this.urls = urls;
        this.clock = clock;
    }

    public boolean has(OrganizationId organization, String ownerType, UUID ownerId) {
        return repository.exists(organization, ownerType, ownerId);
    }

    /**
     * Keeps the PDF of an owner numbered {@code number} unless it has one: two first downloads at once may both
     * render, the first stored wins and both answer with it. Answers whether this call stored it.
     */
    public boolean keep(OrganizationId organization, String ownerType, UUID ownerId, String number, byte[] pdf) {
        return repository.insertIfAbsent(organization, ownerType, ownerId, DocumentUrls.newToken(),
                DocumentUrls.fileName(number), pdf, clock.instant());
    }

    /** The {@code file_url} of each owner that has a document. */
    public Map<UUID, String> urls(OrganizationId organization, String ownerType, List<UUID> ownerIds) {
        Map<UUID, String> found = new HashMap<>();
        repository.links(organization, ownerType, ownerIds).forEach((id, link) -> found.put(id, urls.of(link)));
        return found;
    }
}

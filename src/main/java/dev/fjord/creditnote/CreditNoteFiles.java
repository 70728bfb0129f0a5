package dev.fjord.creditnote;

import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The PDF files of credit notes ({@code file_url}, {@code POST /credit_notes/{id}/download}). Defined here and
 * implemented by the document module, which depends on this one.
 */
public interface CreditNoteFiles {

    /** Makes sure the finalized credit note has its PDF; anything else is {@code 404 credit_note_not_found}. */
    void generate(OrganizationId organization, UUID creditNoteId);

    /** The {@code file_url} of each of these credit notes that has a PDF; the others are absent. */
    Map<UUID, String> urls(OrganizationId organization, List<UUID> creditNoteIds);
}

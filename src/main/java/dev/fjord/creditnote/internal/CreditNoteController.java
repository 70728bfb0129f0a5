package dev.fjord.creditnote.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.MetadataObject;
import dev.fjord.api.PageRequest;
import dev.fjord.creditnote.CreditNote;
import dev.fjord.creditnote.CreditNoteFiles;
import dev.fjord.creditnote.CreditNoteQuery;
import dev.fjord.creditnote.CreditNoteRequest;
import dev.fjord.creditnote.CreditNotes;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.Limits;
import dev.fjord.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/credit_notes}: create, estimate, read, list, refund status and void. */
@RestController
@RequestMapping("/api/v1/credit_notes")
class CreditNoteController {
    /** Items of one credit note: an invoice has a few fees per subscription, far fewer than this. */
    private static final int MAX_ITEMS = 500;

    private final CreditNotes creditNotes;
    private final CreditNoteViews views;
    private final CreditNoteFiles files;

    CreditNoteController(CreditNotes creditNotes, CreditNoteViews views, CreditNoteFiles files) {
        this.creditNotes = creditNotes;
        this.views = views;
        this.files = files;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        JsonInput input = JsonInput.root(body, "credit_note");
        UUID invoiceId = id(input.string("invoice_id", Limits.MAX_TEXT_LENGTH));
        String reason = input.oneOf("reason", CreditNote.REASONS);
        String description = input.string("description", Limits.MAX_LONG_TEXT_LENGTH);
        Long credit = input.longInteger("credit_amount_cents", 0, Limits.MAX_AMOUNT_CENTS);
        Long refund = input.longInteger("refund_amount_cents", 0, Limits.MAX_AMOUNT_CENTS);
        Long offset = input.longInteger("offset_amount_cents", 0, Limits.MAX_AMOUNT_CENTS);
        List<CreditNoteRequest.ItemRequest> items = items(input);
        Map<String, String> metadata = MetadataObject.read(input);
        input.validate();
        CreditNote note = creditNotes.create(organization, new CreditNoteRequest(invoiceId,
                reason == null ? "other" : reason, description, zero(credit), zero(refund), zero(offset), items,
                metadata));
        return Map.of("credit_note", json(organization, note));
    }

    @PostMapping("/estimate")
    Map<String, Object> estimate(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        JsonInput input = JsonInput.root(body, "credit_note");
        UUID invoiceId = id(input.string("invoice_id", Limits.MAX_TEXT_LENGTH));
        List<CreditNoteRequest.ItemRequest> items = items(input);
        input.validate();
        if (invoiceId == null) {
            throw BillingError.notFound("invoice");
        }
        return Map.of("estimated_credit_note",
                CreditNoteJson.EstimateJson.of(creditNotes.estimate(organization, invoiceId, items)));
    }

    @GetMapping("/{id}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return Map.of("credit_note", json(organization, creditNotes.get(organization, noteId(id))));
    }

    /** Lago's update: the refund status and the metadata (replaced), each when sent. */
    @PutMapping("/{id}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        JsonInput input = JsonInput.root(body, "credit_note");
        String refundStatus = input.string("refund_status", 64);
        Map<String, String> metadata = MetadataObject.read(input);
        input.validate();
        return Map.of("credit_note", json(organization, creditNotes.update(organization, noteId(id), refundStatus,
                metadata)));
    }

    @PostMapping("/{id}/metadata")
    Map<String, Object> replaceMetadata(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        return MetadataObject.body(creditNotes.writeMetadata(organization, noteId(id), MetadataObject.readBody(body),
                false));
    }

    /** Lago's merge is {@code PATCH}; {@code PUT} is taken by the credit note's update. */
    @PatchMapping("/{id}/metadata")
    Map<String, Object> mergeMetadata(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        return MetadataObject.body(creditNotes.writeMetadata(organization, noteId(id), MetadataObject.readBody(body),
                true));
    }

    @DeleteMapping("/{id}/metadata")
    Map<String, Object> deleteMetadata(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return MetadataObject.body(creditNotes.deleteMetadata(organization, noteId(id), null));
    }

    @DeleteMapping("/{id}/metadata/{key}")
    Map<String, Object> deleteMetadataKey(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @PathVariable String key) {
        return MetadataObject.body(creditNotes.deleteMetadata(organization, noteId(id), key));
    }

    /** Lago's download: the PDF, generated now if missing; the answer is the credit note with its {@code file_url}. */
    @PostMapping("/{id}/download")
    Map<String, Object> download(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        UUID noteId = noteId(id);
        files.generate(organization, noteId);
        return Map.of("credit_note", json(organization, creditNotes.get(organization, noteId)));
    }

    @PutMapping("/{id}/void")
    Map<String, Object> voidCreditNote(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return Map.of("credit_note", json(organization, creditNotes.voidCreditNote(organization, noteId(id))));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            HttpServletRequest request) {
        CreditNoteQuery query = new CreditNoteQuery(
                text(request, "external_customer_id"),
                currency(request),
                values(request, "reason", CreditNote.REASONS),
                values(request, "credit_status", CreditNote.CREDIT_STATUSES),
                values(request, "refund_status", CreditNote.REFUND_STATUSES),
                text(request, "invoice_number"),
                date(request, "issuing_date_from"),
                date(request, "issuing_date_to"),
                amount(request, "amount_from"),
                amount(request, "amount_to"));
        List<CreditNote> notes = creditNotes.list(organization, query, page.perPage(), page.offset());
        return ListResponse.of("credit_notes", views.page(organization, notes), page,
                creditNotes.count(organization, query));
    }

    private CreditNoteJson json(OrganizationId organization, CreditNote note) {
        return views.one(organization, note);
    }

    /** Lago requires an array of items ({@code items: must_be_an_array}); each names a fee and an amount. */
    private static List<CreditNoteRequest.ItemRequest> items(JsonInput input) {
        List<JsonInput> sent = input.objects("items", MAX_ITEMS);
        if (sent == null) {
            if (!input.hasError("items")) {
                input.error("items", "must_be_an_array");
            }
            return List.of();
        }
        List<CreditNoteRequest.ItemRequest> items = new ArrayList<>();
        for (JsonInput item : sent) {
            UUID feeId = id(item.string("fee_id", Limits.MAX_TEXT_LENGTH));
            Long amount = item.longInteger("amount_cents", Long.MIN_VALUE, Limits.MAX_AMOUNT_CENTS);
            items.add(new CreditNoteRequest.ItemRequest(feeId, zero(amount)));
        }
        return items;
    }

    private static long zero(Long value) {
        return value == null ? 0 : value;
    }

    /** An id that is not a UUID names nothing: Lago's look-up finds nothing (404), not a validation error. */
    private static UUID id(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private static UUID noteId(String text) {
        UUID id = id(text);
        if (id == null) {
            throw BillingError.notFound("credit_note");
        }
        return id;
    }

    private static String text(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One value or a Rails array ({@code reason[]=...}), each from the closed list. */
    private static List<String> values(HttpServletRequest request, String name, List<String> allowed) {
        List<String> values = new ArrayList<>();
        for (String parameter : List.of(name, name + "[]")) {
            String[] sent = request.getParameterValues(parameter);
            for (String value : sent == null ? new String[0] : sent) {
                if (!value.isBlank() && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        if (!allowed.containsAll(values)) {
            throw BillingError.validation(name, "value_is_invalid");
        }
        return values;
    }

    private static String currency(HttpServletRequest request) {
        String value = text(request, "currency");
        if (value != null && !Formats.isCurrency(value)) {
            throw BillingError.validation("currency", "value_is_invalid");
        }
        return value;
    }

    private static LocalDate date(HttpServletRequest request, String name) {
        String value = text(request, name);
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            throw BillingError.validation(name, "invalid_date");
        }
    }

    private static Long amount(HttpServletRequest request, String name) {
        String value = text(request, name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException notANumber) {
            throw BillingError.validation(name, "value_is_invalid");
        }
    }
}

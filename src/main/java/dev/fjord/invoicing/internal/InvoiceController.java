package dev.fjord.invoicing.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.IdempotentRequests;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.customer.Customer;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceFiles;
import dev.fjord.invoicing.InvoicePage;
import dev.fjord.invoicing.InvoicePreview;
import dev.fjord.invoicing.InvoiceQuery;
import dev.fjord.invoicing.Invoices;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Lago's {@code /api/v1/invoices} endpoints: read, the payment status and metadata update, one-off invoices, void,
 * finalize, refresh and preview.
 */
@RestController
@RequestMapping("/api/v1/invoices")
class InvoiceController {
    /** Bound on list filters given as arrays: more values than exist is a mistake. */
    private static final int MAX_FILTER_VALUES = 20;

    private final Invoices invoices;
    private final InvoiceViews views;
    private final RefreshDraftInvoice refreshDraft;
    private final PreviewInvoice previewInvoice;
    private final IdempotentRequests idempotency;
    private final InvoiceFiles files;

    // Refresh and preview are reached from here, not through Invoices: they build on billing, which the wallet
    // module (itself a user of Invoices) serves with prepaid credits.
    InvoiceController(Invoices invoices, InvoiceViews views, RefreshDraftInvoice refreshDraft,
            PreviewInvoice previewInvoice, IdempotentRequests idempotency, InvoiceFiles files) {
        this.refreshDraft = refreshDraft;
        this.previewInvoice = previewInvoice;
        this.invoices = invoices;
        this.views = views;
        this.idempotency = idempotency;
        this.files = files;
    }

    /** A one-off invoice of add-on fees; an {@code Idempotency-Key} makes a retried request bill once. */
    @PostMapping
    JsonNode create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key) {
        var request = InvoiceInputReader.readOneOff(JsonInput.root(body, "invoice"));
        return idempotency.run(organization, key, "/api/v1/invoices", body,
                () -> Map.of("invoice", detailed(organization, invoices.createOneOff(organization, request))));
    }

    /**
     * Voids a finalized invoice. Lago reads {@code generate_credit_note} (with {@code credit_amount},
     * {@code refund_amount}) from the query or the body's top level, without a root key; the body is optional.
     */
    @PostMapping("/{id}/void")
    Map<String, Object> voidInvoice(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body, HttpServletRequest request) {
        boolean generateCreditNote = truthy(body == null || !body.isObject() ? null : body.get("generate_credit_note"),
                request.getParameter("generate_credit_note"));
        return Map.of("invoice",
                detailed(organization, invoices.voidInvoice(organization, parseId(id), generateCreditNote)));
    }

    /**
     * Lago's download: the PDF of a finalized invoice, generated now if missing (Lago queues a job and answers an
     * empty 200 the first time); the answer is the invoice with its {@code file_url}.
     */
    @PostMapping("/{id}/download")
    Map<String, Object> download(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        UUID invoiceId = parseId(id);
        files.generate(organization, invoiceId);
        return Map.of("invoice", detailed(organization, invoices.get(organization, invoiceId)));
    }

    @PutMapping("/{id}/refresh")
    Map<String, Object> refresh(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        UUID invoiceId = parseId(id);
        refreshDraft.execute(organization, invoiceId);
        return Map.of("invoice", detailed(organization, invoices.get(organization, invoiceId)));
    }

    /** Lago's preview body has no root key: {@code {"customer": {...}, "plan_code": ...}}. */
    @PostMapping("/preview")
    Map<String, Object> preview(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        InvoicePreview preview = previewInvoice.execute(organization, InvoicePreviewReader.read(body));
        Invoice invoice = preview.invoice();
        Customer customer = views.customersOf(organization, List.of(invoice)).get(invoice.customerId());
        return Map.of("invoice", InvoiceJson.detailed(invoice, customer, false, Map.of(),
                new AppliedTaxes(List.of(), Map.of()), preview.couponCredits(), List.of(), null));
    }

    @PutMapping("/{id}/finalize")
    Map<String, Object> finalizeDraft(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return Map.of("invoice", detailed(organization, invoices.finalizeDraft(organization, parseId(id))));
    }

    @GetMapping("/{id}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String id) {
        return Map.of("invoice", detailed(organization, invoices.get(organization, parseId(id))));
    }

    @PutMapping("/{id}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String id,
            @RequestBody(required = false) JsonNode body) {
        // as in Lago, the body is read before the invoice is looked up: a missing root key is a 400 for any id
        var update = InvoiceInputReader.read(JsonInput.root(body, "invoice"));
        return Map.of("invoice", detailed(organization, invoices.update(organization, parseId(id), update)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            HttpServletRequest request) {
        InvoiceQuery query = new InvoiceQuery(
                externalCustomerId(request),
                values(request, "invoice_type", "invoice_type", Invoice.TYPES),
                values(request, "status", "statuses", Invoice.VISIBLE_STATUSES),
                values(request, "payment_status", "payment_statuses", Invoice.PAYMENT_STATUSES),
                currency(request),
                date(request, "issuing_date_from"),
                date(request, "issuing_date_to"),
                amount(request, "amount_from"),
                amount(request, "amount_to"),
                bool(request, "payment_overdue"),
                InvoiceSearchParameters.searchTerm(request),
                InvoiceSearchParameters.metadata(request));
        InvoicePage result = invoices.list(organization, query, page.perPage(), page.offset());
        Map<UUID, Customer> owners = views.customersOf(organization, result.invoices());
        Map<UUID, AppliedTaxes> taxes = invoices.appliedTaxes(organization, result.invoices());
        Map<UUID, String> fileUrls = files.urls(organization, result.invoices().stream().map(Invoice::id).toList());
        return ListResponse.of("invoices", result.invoices().stream()
                        .map(i -> InvoiceJson.listed(i, owners.get(i.customerId()), invoices.paymentOverdue(i),
                                taxes.get(i.id()), fileUrls.get(i.id())))
                        .toList(),
                page, result.totalCount());
    }

    private InvoiceJson detailed(OrganizationId organization, Invoice invoice) {
        return views.detailed(organization, invoice);
    }

    /** Values Rails' boolean cast reads as false; any other non-blank value is true. */
    private static final List<String> FALSE_VALUES = List.of("false", "0", "f", "off");

    /** Rails' boolean cast ({@code ActiveModel::Type::Boolean}) of a parameter sent in the body or the query. */
    private static boolean truthy(JsonNode bodyValue, String queryValue) {
        String text = queryValue;
        if (bodyValue != null && !bodyValue.isNull()) {
            if (bodyValue.isBoolean()) {
                return bodyValue.booleanValue();
            }
            if (bodyValue.isNumber()) {
                return bodyValue.doubleValue() != 0;
            }
            text = bodyValue.isString() ? bodyValue.stringValue() : null;
        }
        return text != null && !text.isBlank()
                && !FALSE_VALUES.contains(text.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** An id that is not a UUID names no invoice. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnId) {
            throw BillingError.notFound("invoice");
        }
    }

    /** Lago reads {@code external_customer_id}, and the older {@code customer_external_id}. */
    private static String externalCustomerId(HttpServletRequest request) {
        String value = request.getParameter("external_customer_id");
        if (value == null || value.isBlank()) {
            value = request.getParameter("customer_external_id");
        }
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * A filter sent as one value ({@code status=finalized}) or as a Rails array ({@code statuses[]=draft&statuses[]=
     * finalized}, the bare name too); each value from a closed list, else {@code 422 <name>: value_is_invalid}.
     */
    private static List<String> values(HttpServletRequest request, String name, String arrayName,
            List<String> allowed) {
        List<String> values = new ArrayList<>();
        for (String parameter : new LinkedHashSet<>(List.of(name, name + "[]", arrayName, arrayName + "[]"))) {
            String[] sent = request.getParameterValues(parameter);
            for (String value : sent == null ? new String[0] : sent) {
                if (!value.isBlank() && !values.contains(value)) {
                    values.add(value);
                }
            }
        }
        if (values.size() > MAX_FILTER_VALUES) {
            throw BillingError.validation(name, "too_many_items");
        }
        if (!allowed.containsAll(values)) {
            throw BillingError.validation(name, "value_is_invalid");
        }
        return values;
    }

    private static String currency(HttpServletRequest request) {
        String value = request.getParameter("currency");
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Formats.isCurrency(value)) {
            throw BillingError.validation("currency", "value_is_invalid");
        }
        return value;
    }

    /** {@code YYYY-MM-DD}, else {@code invalid_date} (Lago's code for a date filter it cannot read). */
    private static LocalDate date(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException notADate) {
            throw BillingError.validation(name, "invalid_date");
        }
    }

    private static Long amount(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            throw BillingError.validation(name, "value_is_invalid");
        }
    }

    private static Boolean bool(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw BillingError.validation(name, "value_is_invalid");
        };
    }
}

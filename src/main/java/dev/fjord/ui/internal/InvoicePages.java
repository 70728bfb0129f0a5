package dev.fjord.ui.internal;

import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceFiles;
import dev.fjord.invoicing.InvoicePage;
import dev.fjord.invoicing.InvoiceQuery;
import dev.fjord.invoicing.Invoices;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Invoices: the filtered list, the invoice page, and the actions on it (payment status, void, finalize, PDF
 * download).
 */
@Controller
class InvoicePages {
    private final Invoices invoices;
    private final Customers customers;
    private final InvoiceFiles files;
    private final Display display;

    InvoicePages(Invoices invoices, Customers customers, InvoiceFiles files, Display display) {
        this.invoices = invoices;
        this.customers = customers;
        this.files = files;
        this.display = display;
    }

    @GetMapping("/invoices")
    String list(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) String status,
            @RequestParam(name = "payment_status", required = false) String paymentStatus,
            @RequestParam(name = "invoice_type", required = false) String invoiceType,
            @RequestParam(required = false) String customer, @RequestParam(required = false) Integer page,
            Model model) {
        OrganizationId organization = user.organization();
        InvoiceQuery query = new InvoiceQuery(blankToNull(customer), listOf(invoiceType, Invoice.TYPES),
                listOf(status, Invoice.VISIBLE_STATUSES), listOf(paymentStatus, Invoice.PAYMENT_STATUSES),
                null, null, null, null, null, null);
        Pagination pagination = Pagination.of(page, 0);
        InvoicePage found = invoices.list(organization, query, pagination.pageSize(), pagination.offset());
        model.addAttribute("invoices", found.invoices());
        model.addAttribute("customers", customerNames(organization, found.invoices()));
        model.addAttribute("pagination", Pagination.of(pagination.page(), found.totalCount()));
        model.addAttribute("filters", new Filters(status, paymentStatus, invoiceType, customer));
        model.addAttribute("statuses", Invoice.VISIBLE_STATUSES);
        model.addAttribute("paymentStatuses", Invoice.PAYMENT_STATUSES);
        model.addAttribute("types", Invoice.TYPES);
        return "invoices/list";
    }

    @GetMapping("/invoices/{id}")
    String show(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, Model model) {
        OrganizationId organization = user.organization();
        Invoice invoice = invoices.get(organization, id);
        model.addAttribute("invoice", invoice);
        model.addAttribute("customer", customers.getRowById(organization, invoice.customerId()));
        model.addAttribute("taxes", invoices.appliedTaxes(organization, List.of(invoice)).get(invoice.id()));
        model.addAttribute("pdfUrl", files.urls(organization, List.of(id)).get(id));
        return "invoices/show";
    }

    /** The API's download: the PDF of a finalized invoice is made on first demand, then the browser goes to it. */
    @PostMapping("/invoices/{id}/pdf")
    String pdf(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        try {
            files.generate(organization, id);
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", ErrorMessages.sentence(refused));
            return "redirect:/invoices/" + id;
        }
        return "redirect:" + files.urls(organization, List.of(id)).get(id);
    }

    @PostMapping("/invoices/{id}/payment-status")
    String paymentStatus(@AuthenticationPrincipal WebUser user, @PathVariable UUID id,
            @RequestParam(name = "payment_status") String paymentStatus, RedirectAttributes redirect) {
        return act(id, redirect, "Payment status updated.",
                () -> invoices.updatePaymentStatus(user.organization(), id, paymentStatus));
    }

    @GetMapping("/invoices/{id}/void")
    String confirmVoid(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, Model model) {
        Invoice invoice = invoices.get(user.organization(), id);
        return new Confirmation("Void the invoice " + invoice.number() + "?", List.of(
                "It will owe nothing: its total of " + display.money(invoice.amounts().totalAmountCents(),
                        invoice.currency()) + " is no longer due, and credits it used go back to the wallets.",
                "The invoice stays on record as voided. This cannot be undone."),
                "/invoices/" + id + "/void", "Yes, void the invoice", "/invoices/" + id).show(model);
    }

    @PostMapping("/invoices/{id}/void")
    String voidInvoice(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, "Invoice voided.", () -> invoices.voidInvoice(user.organization(), id, false));
    }

    @PostMapping("/invoices/{id}/finalize")
    String finalizeDraft(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, "Invoice finalized.", () -> invoices.finalizeDraft(user.organization(), id));
    }

    private static String act(UUID id, RedirectAttributes redirect, String done, Runnable action) {
        Flash.outcome(redirect, done, action);
        return "redirect:/invoices/" + id;
    }

    private Map<UUID, Customer> customerNames(OrganizationId organization, List<Invoice> page) {
        return customers.byIds(organization, page.stream().map(Invoice::customerId).distinct().toList()).stream()
                .collect(Collectors.toMap(Customer::id, Function.identity()));
    }

    /** A filter value the list knows, else no filter (a stale link never errors). */
    private static List<String> listOf(String value, List<String> known) {
        return value != null && known.contains(value) ? List.of(value) : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public record Filters(String status, String paymentStatus, String invoiceType, String customer) {}
}

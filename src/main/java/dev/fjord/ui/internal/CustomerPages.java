package dev.fjord.ui.internal;

import dev.fjord.catalog.AddOns;
import dev.fjord.catalog.Plans;
import dev.fjord.coupon.AppliedCouponQuery;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.Customer;
import dev.fjord.customer.CustomerPage;
import dev.fjord.customer.CustomerPayload;
import dev.fjord.customer.CustomerQuery;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.InvoiceQuery;
import dev.fjord.invoicing.Invoices;
import dev.fjord.metering.CurrentUsage;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionQuery;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import dev.fjord.wallet.Wallets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Customers: the searchable list, the create and edit forms, and the customer page with everything it owns. */
@Controller
class CustomerPages {
    /** The fields the customer form shows; errors on other fields are shown above the form. */
    static final List<String> FORM_FIELDS = List.of("external_id", "name", "email", "currency", "timezone",
            "country", "legal_name", "tax_identification_number", "address_line1", "city", "zipcode", "net_payment_term");
    private static final Set<String> INTEGER_FIELDS = Set.of("net_payment_term");
    private static final int SECTION_SIZE = 20;
    private static final int PLANS_OFFERED = 100;

    private final Customers customers;
    private final Subscriptions subscriptions;
    private final Wallets wallets;
    private final Invoices invoices;
    private final CurrentUsage usage;
    private final AppliedCoupons appliedCoupons;
    private final Plans plans;
    private final AddOns addOns;

    CustomerPages(Customers customers, Subscriptions subscriptions, Wallets wallets, Invoices invoices,
            CurrentUsage usage, AppliedCoupons appliedCoupons, Plans plans, AddOns addOns) {
        this.plans = plans;
        this.addOns = addOns;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.wallets = wallets;
        this.invoices = invoices;
        this.usage = usage;
        this.appliedCoupons = appliedCoupons;
    }

    @GetMapping("/customers")
    String list(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer page, Model model) {
        CustomerQuery query = new CustomerQuery(search == null || search.isBlank() ? null : search.strip(),
                null, null, null, null);
        Pagination pagination = Pagination.of(page, 0);
        CustomerPage found = customers.list(user.organization(), query, pagination.pageSize(), pagination.offset());
        model.addAttribute("customers", found.customers());
        model.addAttribute("pagination", Pagination.of(pagination.page(), found.totalCount()));
        model.addAttribute("search", search == null ? "" : search);
        return "customers/list";
    }

    @GetMapping("/customers/new")
    String newCustomer(Model model) {
        model.addAttribute("form", Map.of());
        model.addAttribute("editing", false);
        return "customers/form";
    }

    @PostMapping("/customers")
    String create(@AuthenticationPrincipal WebUser user, @RequestParam MultiValueMap<String, String> form, Model model) {
        OrganizationId organization = user.organization();
        var saved = FormErrors.attempt(model, FORM_FIELDS, () -> {
            var upsert = CustomerPayload.read(LagoPayload.of("customer", form, INTEGER_FIELDS, false));
            // The API's POST updates an existing customer; a creation form must not overwrite one by accident.
            if (customers.find(organization, upsert.externalId()).isPresent()) {
                throw BillingError.validation("external_id", "value_already_exist");
            }
            return customers.upsert(organization, upsert);
        });
        if (saved.isEmpty()) {
            model.addAttribute("form", form.toSingleValueMap());
            model.addAttribute("editing", false);
            return "customers/form";
        }
        return "redirect:/customers/" + Paths.segment(saved.get().externalId());
    }

    @GetMapping("/customers/{externalId}/edit")
    String edit(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        model.addAttribute("form", formOf(customers.get(user.organization(), externalId)));
        model.addAttribute("editing", true);
        return "customers/form";
    }

    @PostMapping("/customers/{externalId}")
    String update(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        OrganizationId organization = user.organization();
        customers.get(organization, externalId);
        form.put("external_id", List.of(externalId));
        var saved = FormErrors.attempt(model, FORM_FIELDS, () -> customers.upsert(organization,
                CustomerPayload.read(LagoPayload.of("customer", form, INTEGER_FIELDS, true))));
        if (saved.isEmpty()) {
            model.addAttribute("form", form.toSingleValueMap());
            model.addAttribute("editing", true);
            return "customers/form";
        }
        return "redirect:/customers/" + Paths.segment(externalId);
    }

    @GetMapping("/customers/{externalId}")
    String show(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        OrganizationId organization = user.organization();
        Customer customer = customers.get(organization, externalId);
        List<Subscription> active = subscriptions.list(organization,
                new SubscriptionQuery(externalId, null, List.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.PENDING)),
                SECTION_SIZE, 0);
        Map<Subscription, Object> usageBySubscription = new LinkedHashMap<>();
        for (Subscription subscription : active) {
            if (subscription.status() == SubscriptionStatus.ACTIVE) {
                usageBySubscription.put(subscription, usage.of(organization, externalId, subscription.externalId(), true));
            }
        }
        model.addAttribute("customer", customer);
        model.addAttribute("subscriptions", active);
        model.addAttribute("usage", usageBySubscription);
        model.addAttribute("planChanges", subscriptions.planChanges(organization, active));
        model.addAttribute("wallets", wallets.list(organization, externalId, null, SECTION_SIZE, 0).wallets());
        model.addAttribute("invoices", invoices.list(organization,
                new InvoiceQuery(externalId, null, null, null, null, null, null, null, null, null), SECTION_SIZE, 0)
                .invoices());
        model.addAttribute("plans", plans.list(organization, PLANS_OFFERED, 0));
        model.addAttribute("addOns", addOns.list(organization, PLANS_OFFERED, 0).addOns());
        model.addAttribute("suggestedSubscriptionId", "sub-" + UUID.randomUUID().toString().substring(0, 8));
        model.addAttribute("coupons", appliedCoupons.listOfCustomer(organization,
                new AppliedCouponQuery(externalId, "active", null), SECTION_SIZE, 0).appliedCoupons());
        return "customers/show";
    }

    private static Map<String, Object> formOf(Customer customer) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("external_id", customer.externalId());
        form.put("name", customer.name());
        form.put("email", customer.email());
        form.put("currency", customer.currency());
        form.put("timezone", customer.timezone());
        form.put("country", customer.address() == null ? null : customer.address().country());
        form.put("legal_name", customer.legalName());
        form.put("tax_identification_number", customer.taxIdentificationNumber());
        form.put("address_line1", customer.address() == null ? null : customer.address().addressLine1());
        form.put("city", customer.address() == null ? null : customer.address().city());
        form.put("zipcode", customer.address() == null ? null : customer.address().zipcode());
        form.put("net_payment_term", customer.netPaymentTerm());
        return form;
    }
}

package dev.fjord.ui.internal;

import dev.fjord.catalog.BillableMetrics;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.organization.Organization;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.BalanceHistory;
import dev.fjord.wallet.OngoingBalances;
import dev.fjord.wallet.RecurringTopUpRule;
import dev.fjord.wallet.Wallet;
import dev.fjord.wallet.WalletPayload;
import dev.fjord.wallet.WalletTransactions;
import dev.fjord.wallet.Wallets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Wallets: the creation form, the wallet page (balances, chart, ledger) and its actions — top-up, void, terminate —
 * and the customer page's one-click referral reward (granted credits with a name).
 */
@Controller
class WalletPages {
    static final List<String> CREATE_FIELDS = List.of("name", "currency", "rate_amount", "paid_credits",
            "granted_credits", "expiration_at", "priority", "applies_to");
    static final List<String> TOP_UP_FIELDS = List.of("paid_credits", "granted_credits", "name");
    static final List<String> VOID_FIELDS = List.of("voided_credits");
    static final List<String> FEE_TYPES = List.of("charge", "subscription", "add_on", "commitment");
    private static final Set<String> INTEGER_FIELDS = Set.of("priority");

    private final Wallets wallets;
    private final WalletTransactions transactions;
    private final OngoingBalances ongoingBalances;
    private final BalanceHistory history;
    private final Customers customers;
    private final BillableMetrics metrics;
    private final Clock clock;
    private final Display display;

    WalletPages(Wallets wallets, WalletTransactions transactions, OngoingBalances ongoingBalances,
            BalanceHistory history, Customers customers, BillableMetrics metrics, Clock clock, Display display) {
        this.wallets = wallets;
        this.transactions = transactions;
        this.ongoingBalances = ongoingBalances;
        this.history = history;
        this.customers = customers;
        this.metrics = metrics;
        this.clock = clock;
        this.display = display;
    }

    @GetMapping("/customers/{externalId}/wallets/new")
    String newWallet(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        Customer customer = customers.get(user.organization(), externalId);
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("currency", customer.currency() != null ? customer.currency() : "");
        form.put("rate_amount", "1");
        form.put("priority", "50");
        return creationForm(user.organization(), customer, form, model);
    }

    @PostMapping("/customers/{externalId}/wallets")
    String create(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            @PathVariable String externalId, @RequestParam MultiValueMap<String, String> form, Model model) {
        OrganizationId organization = user.organization();
        Customer customer = customers.get(organization, externalId);
        var sent = new LinkedMultiValueMap<>(LagoPayload.withInstants(form, Set.of("expiration_at"), owner.timezone()));
        sent.put("external_customer_id", List.of(externalId));
        var created = FormErrors.attempt(model, CREATE_FIELDS, () -> wallets.create(organization,
                WalletPayload.create(LagoPayload.of("wallet", sent, INTEGER_FIELDS, false), clock)));
        if (created.isEmpty()) {
            Map<String, Object> shown = new LinkedHashMap<>(form.toSingleValueMap());
            shown.put("fee_types", form.getOrDefault("applies_to.fee_types[]", List.of()));
            shown.put("metric_codes", form.getOrDefault("applies_to.billable_metric_codes[]", List.of()));
            return creationForm(organization, customer, shown, model);
        }
        return "redirect:/wallets/" + created.get().id();
    }

    @GetMapping("/wallets/{id}")
    String show(@AuthenticationPrincipal WebUser user, @PathVariable UUID id,
            @RequestParam(required = false) Integer page, Model model) {
        return walletPage(user.organization(), id, page, model);
    }

    @PostMapping("/wallets/{id}/top-up")
    String topUp(@AuthenticationPrincipal WebUser user, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        return transaction(user.organization(), id, form, TOP_UP_FIELDS, "Top-up recorded.", model, redirect);
    }

    /** The void form asks first: what was typed goes to the confirmation page, whose button posts it. */
    @GetMapping("/wallets/{id}/void")
    String confirmVoid(@AuthenticationPrincipal WebUser user, @PathVariable UUID id,
            @RequestParam(name = "voided_credits", required = false) String credits, Model model) {
        Wallet wallet = wallets.get(user.organization(), id);
        String typed = credits == null ? "" : credits.strip();
        return new Confirmation("Void " + (typed.isEmpty() ? "" : typed + " ") + "credits of the wallet "
                + (wallet.name() == null ? wallet.code() : wallet.name()) + "?", List.of(
                "They are removed from the balance, now " + display.credits(wallet.creditsBalance())
                        + " credits, with no invoice and no refund.",
                "The ledger keeps a void entry for them. This cannot be undone."),
                "/wallets/" + id + "/void", "Yes, void the credits", "/wallets/" + id,
                Map.of("voided_credits", typed)).show(model);
    }

    @PostMapping("/wallets/{id}/void")
    String voidCredits(@AuthenticationPrincipal WebUser user, @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        return transaction(user.organization(), id, form, VOID_FIELDS, "Credits voided.", model, redirect);
    }

    @GetMapping("/wallets/{id}/terminate")
    String confirmTermination(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("wallet", wallets.get(user.organization(), id));
        return "wallets/terminate";
    }

    @PostMapping("/wallets/{id}/terminate")
    String terminate(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        wallets.terminate(user.organization(), id);
        redirect.addFlashAttribute("notice", "Wallet terminated. Its remaining credits will not be used.");
        return "redirect:/wallets/" + id;
    }

    /** Adds the wallet's automatic top-up rule or changes it in place, through the API's wallet update. */
    @PostMapping("/wallets/{id}/recurring-rule")
    String saveRule(@AuthenticationPrincipal WebUser user, @ModelAttribute("organization") Organization owner,
            @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        var saved = FormErrors.attempt(model, List.of(), () -> wallets.update(organization, id,
                WalletPayload.update(RecurringRuleForm.payload(form, owner.timezone()), clock)));
        if (saved.isEmpty()) {
            model.addAttribute("ruleForm", RecurringRuleForm.submitted(form));
            model.addAttribute("failed", "rule");
            return walletPage(organization, id, null, model);
        }
        redirect.addFlashAttribute("notice", "Automatic top-up saved.");
        return "redirect:/wallets/" + id;
    }

    @GetMapping("/wallets/{id}/recurring-rule/remove")
    String confirmRuleRemoval(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, Model model) {
        Wallet wallet = wallets.get(user.organization(), id);
        return new Confirmation("Remove the automatic top-up?", List.of(
                "The wallet " + (wallet.name() == null ? wallet.code() : wallet.name())
                        + " stops topping itself up: no more credits are added or invoiced by this rule.",
                "Credits it already added stay in the wallet, and invoices it created stay due. You can add a new"
                        + " rule at any time."),
                "/wallets/" + id + "/recurring-rule/remove", "Yes, remove the rule", "/wallets/" + id).show(model);
    }

    @PostMapping("/wallets/{id}/recurring-rule/remove")
    String removeRule(@AuthenticationPrincipal WebUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            wallets.update(user.organization(), id, WalletPayload.update(RecurringRuleForm.removal(), clock));
            redirect.addFlashAttribute("notice", "Automatic top-up removed.");
        } catch (BillingError error) {
            redirect.addFlashAttribute("alert", "The automatic top-up was not removed. " + ErrorMessages.sentence(error));
        }
        return "redirect:/wallets/" + id;
    }

    /** Referral rewards are granted credits with a name, given to one of the customer's active wallets. */
    @PostMapping("/customers/{externalId}/rewards")
    String reward(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        OrganizationId organization = user.organization();
        customers.get(organization, externalId);
        try {
            transactions.topUp(organization,
                    WalletPayload.topUp(LagoPayload.of("wallet_transaction", form, Set.of(), false), clock));
            redirect.addFlashAttribute("notice", "Reward granted.");
        } catch (BillingError error) {
            redirect.addFlashAttribute("alert", "The reward was not granted. " + ErrorMessages.sentence(error));
        }
        return "redirect:/customers/" + Paths.segment(externalId);
    }

    private String transaction(OrganizationId organization, UUID walletId, MultiValueMap<String, String> form,
            List<String> fields, String done, Model model, RedirectAttributes redirect) {
        var sent = new LinkedMultiValueMap<>(form);
        sent.put("wallet_id", List.of(walletId.toString()));
        var created = FormErrors.attempt(model, fields, () -> transactions.topUp(organization,
                WalletPayload.topUp(LagoPayload.of("wallet_transaction", sent, Set.of(), false), clock)));
        if (created.isEmpty()) {
            boolean topUp = fields == TOP_UP_FIELDS;
            model.addAttribute(topUp ? "topUpForm" : "voidForm", form.toSingleValueMap());
            model.addAttribute("failed", topUp ? "top-up" : "void");
            return walletPage(organization, walletId, null, model);
        }
        redirect.addFlashAttribute("notice", done);
        return "redirect:/wallets/" + walletId;
    }

    private String walletPage(OrganizationId organization, UUID id, Integer page, Model model) {
        Wallet wallet = wallets.get(organization, id);
        Customer customer = customers.getRowById(organization, wallet.customerId());
        List<Wallet> appliedTogether = new ArrayList<>(wallets.activeOf(organization, wallet.customerId()));
        if (!wallet.isActive()) {
            appliedTogether.add(wallet);
        }
        Pagination pagination = Pagination.of(page, transactions.count(organization, id, Map.of()));
        model.addAttribute("wallet", wallet);
        model.addAttribute("customer", customer);
        model.addAttribute("ongoing", ongoingBalances.of(organization, wallet.externalCustomerId(), appliedTogether).get(id));
        model.addAttribute("chart", BalanceChart.of(history.of(organization, id)));
        model.addAttribute("ledger", transactions.list(organization, id, Map.of(), pagination.pageSize(), pagination.offset()));
        model.addAttribute("pagination", pagination);
        List<RecurringTopUpRule> rules = wallets.recurringRules(organization, id);
        model.addAttribute("rules", rules);
        if (!model.containsAttribute("ruleForm")) {
            model.addAttribute("ruleForm", rules.isEmpty() ? RecurringRuleForm.blank()
                    : RecurringRuleForm.values(rules.get(0),
                    ((Organization) model.getAttribute("organization")).timezone()));
        }
        model.addAttribute("triggers", RecurringRuleForm.TRIGGERS);
        model.addAttribute("methods", RecurringRuleForm.METHODS);
        model.addAttribute("intervals", RecurringRuleForm.INTERVALS);
        model.addAttribute("targetCredits", RecurringRuleForm.TARGET_CREDITS);
        model.addAttribute("paymentFirst", RecurringRuleForm.PAYMENT_FIRST);
        if (!model.containsAttribute("topUpForm")) {
            model.addAttribute("topUpForm", Map.of());
        }
        if (!model.containsAttribute("voidForm")) {
            model.addAttribute("voidForm", Map.of());
        }
        return "wallets/show";
    }

    private String creationForm(OrganizationId organization, Customer customer, Map<String, Object> form, Model model) {
        model.addAttribute("customer", customer);
        model.addAttribute("form", form);
        model.addAttribute("feeTypes", FEE_TYPES);
        model.addAttribute("metrics", metrics.list(organization, 100, 0));
        return "wallets/form";
    }
}

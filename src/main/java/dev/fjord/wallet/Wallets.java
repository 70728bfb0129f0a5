package dev.fjord.wallet;

import dev.fjord.catalog.BillableMetrics;
import dev.fjord.customer.BalanceVersions;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.MetadataMaps;
import dev.fjord.shared.OrganizationId;
import dev.fjord.wallet.internal.CustomerBalanceChanged;
import dev.fjord.wallet.internal.RecurringRules;
import dev.fjord.wallet.internal.WalletRepository;
import dev.fjord.wallet.internal.WalletWebhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Wallets: Lago's {@code /wallets} use cases (spec §1). */
@Service
public class Wallets {
    /** Lago's current limit of active wallets per customer (spec §1.4). */
    public static final int MAX_ACTIVE_WALLETS = 6;

    private final WalletRepository repository;
    private final WalletTransactions transactions;
    private final Customers customers;
    private final BillableMetrics metrics;
    private final RecurringRules rules;
    private final ApplicationEventPublisher events;
    private final BalanceVersions balanceVersions;
    private final WalletWebhooks webhooks;
    private final Clock clock;

    Wallets(WalletRepository repository, WalletTransactions transactions, Customers customers, BillableMetrics metrics,
            RecurringRules rules, ApplicationEventPublisher events, BalanceVersions balanceVersions,
            WalletWebhooks webhooks, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.customers = customers;
        this.metrics = metrics;
        this.rules = rules;
        this.events = events;
        this.balanceVersions = balanceVersions;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /**
     * Opens a wallet and, unlike Lago (which does it a moment later in a job), applies its initial credits in the
     * same transaction: the answer already shows granted credits settled and paid ones pending with their invoice.
     */
    @Transactional
    public Wallet create(OrganizationId organization, WalletCreate create) {
        Instant now = clock.instant();
        Customer customer = customers.find(organization, create.externalCustomerId())
                .orElseThrow(() -> BillingError.validation("customer", "customer_not_found"));
        customers.lockForWallets(organization, customer.id());
        if (repository.countActive(organization, customer.id()) >= MAX_ACTIVE_WALLETS) {
            throw BillingError.validation("customer", "wallet_limit_reached");
        }
        List<UUID> metricIds = metricIds(organization, create.metricCodes(), "applies_to", "invalid_limitations");
        if (customer.currency() == null) {
            customers.assignCurrency(organization, customer, create.currency());
        }
        String code = code(organization, customer.id(), create.code(), (String) create.changes().get("name"), now);
        UUID id = repository.insert(organization, customer.id(), create.currency(), code, create.rateAmount(), now);
        balanceVersions.changed(customer.id());
        repository.update(organization, id, create.changes(), now);
        repository.replaceMetrics(organization, id, metricIds);
        if (create.metadata() != null && !create.metadata().isEmpty()) {
            repository.replaceMetadata(organization, id, create.metadata());
        }
        rules.create(organization, repository.find(organization, id).orElseThrow(), create.recurringRules(),
                create.paidCredits(), create.grantedCredits(), now);
        webhooks.wallet(organization, "wallet.created", id);
        if (create.paidCredits() != null || create.grantedCredits() != null) {
            transactions.topUp(organization, new TopUpRequest(id, create.paidCredits(), create.grantedCredits(), null,
                    null, null, create.ignorePaidTopUpLimits(), create.initialTopUp()));
        }
        events.publishEvent(new CustomerBalanceChanged(organization, customer.id()));
        return repository.find(organization, id).orElseThrow();
    }

    /** {@link #update(OrganizationId, UUID, Changes, List, Map, List)} with a payload read by {@link WalletPayload#update}. */
    @Transactional
    public Wallet update(OrganizationId organization, UUID id, WalletUpdate update) {
        return update(organization, id, update.changes(), update.metricCodes(), update.metadata(), update.recurringRules());
    }

    /**
     * Changes the sent fields; rate, currency and balances are not updatable. A terminated wallet refuses changes.
     * {@code recurringRules} (null: not sent) become the wallet's rules; a remaining fixed rule must fit new limits.
     */
    @Transactional
    public Wallet update(OrganizationId organization, UUID id, Changes changes, List<String> metricCodes,
            Map<String, String> metadata, List<RecurringRuleInput> recurringRules) {
        Wallet wallet = repository.lock(organization, id).orElseThrow(() -> BillingError.notFound("wallet"));
        if (!wallet.isActive()) {
            throw BillingError.validation("wallet_id", "wallet_is_terminated");
        }
        if (changes.sets("code") && !wallet.code().equals(changes.get("code"))
                && repository.activeCodeTaken(organization, wallet.customerId(), (String) changes.get("code"))) {
            throw BillingError.validation("code", "value_already_exist");
        }
        Long min = changes.sets("paid_top_up_min_amount_cents") ? (Long) changes.get("paid_top_up_min_amount_cents")
                : wallet.paidTopUpMinAmountCents();
        Long max = changes.sets("paid_top_up_max_amount_cents") ? (Long) changes.get("paid_top_up_max_amount_cents")
                : wallet.paidTopUpMaxAmountCents();
        if (min != null && max != null && max < min) {
            throw BillingError.validation("paid_top_up_max_amount_cents", "must_be_greater_than_or_equal_min");
        }
        repository.update(organization, id, changes, clock.instant());
        balanceVersions.changed(wallet.customerId());
        if (metricCodes != null) {
            repository.replaceMetrics(organization, id, metricIds(organization, metricCodes, "billable_metrics", "invalid_identifier"));
        }
        if (metadata != null) {
            repository.replaceMetadata(organization, id, metadata.isEmpty() ? null : metadata);
        }
        Wallet updated = repository.find(organization, id).orElseThrow();
        if (recurringRules != null) {
            rules.replace(organization, updated, recurringRules, clock.instant());
        }
        rules.checkLimits(organization, updated);
        events.publishEvent(new CustomerBalanceChanged(organization, wallet.customerId()));
        webhooks.wallet(organization, "wallet.updated", id);
        return updated;
    }

    public Wallet get(OrganizationId organization, UUID id) {
        return repository.find(organization, id).orElseThrow(() -> BillingError.notFound("wallet"));
    }

    /** The customer's active wallet with this code (the customer-scoped routes address wallets by code). */
    public Wallet getByCode(OrganizationId organization, String externalCustomerId, String code) {
        Customer customer = customers.get(organization, externalCustomerId);
        return repository.findActiveByCode(organization, customer.id(), code)
                .orElseThrow(() -> BillingError.notFound("wallet"));
    }

    public WalletPage list(OrganizationId organization, String externalCustomerId, String currency, int limit, long offset) {
        UUID customerId = externalCustomerId == null ? null : customers.get(organization, externalCustomerId).id();
        return new WalletPage(repository.list(organization, customerId, currency, limit, offset),
                repository.count(organization, customerId, currency));
    }

    /** The wallet's live automatic top-up rules, as the API lists them in {@code recurring_transaction_rules}. */
    public List<RecurringTopUpRule> recurringRules(OrganizationId organization, UUID id) {
        return rules.liveOf(organization, id, clock.instant());
    }

    /** Active wallets of a customer in application order (priority, then oldest). */
    public List<Wallet> activeOf(OrganizationId organization, UUID customerId) {
        return repository.activeOfCustomer(organization, customerId);
    }

    /** Terminates the wallet (idempotent). Remaining credits stay on the record, as in Lago, but are never used. */
    @Transactional
    public Wallet terminate(OrganizationId organization, UUID id) {
        Wallet locked = repository.lock(organization, id).orElseThrow(() -> BillingError.notFound("wallet"));
        repository.terminate(organization, id, clock.instant());
        rules.terminateOfWallet(organization, id, clock.instant());
        balanceVersions.changed(locked.customerId());
        if (locked.isActive()) {
            webhooks.wallet(organization, "wallet.terminated", id);
        }
        return repository.find(organization, id).orElseThrow();
    }

    /** Deleting a customer terminates its active wallets (Lago's behaviour); their balances stay on the record. */
    @org.springframework.context.event.EventListener
    void on(dev.fjord.customer.CustomerDeleted deleted) {
        for (Wallet wallet : repository.activeOfCustomer(deleted.organization(), deleted.customerId())) {
            repository.terminate(deleted.organization(), wallet.id(), clock.instant());
            rules.terminateOfWallet(deleted.organization(), wallet.id(), clock.instant());
            webhooks.wallet(deleted.organization(), "wallet.terminated", wallet.id());
        }
        balanceVersions.changed(deleted.customerId());
    }

    /** Replaces ({@code merge} false) or merges the wallet's metadata; an empty result is null, as Lago renders it. */
    @Transactional
    public Map<String, String> writeMetadata(OrganizationId organization, UUID id, Map<String, String> metadata, boolean merge) {
        Wallet wallet = repository.lock(organization, id).orElseThrow(() -> BillingError.notFound("wallet"));
        Map<String, String> result = MetadataMaps.written(wallet.metadata(), metadata, merge);
        repository.replaceMetadata(organization, id, result);
        return result;
    }

    /** Removes one key ({@code metadata_not_found} when absent), or all keys when {@code key} is null. */
    @Transactional
    public Map<String, String> deleteMetadata(OrganizationId organization, UUID id, String key) {
        Wallet wallet = repository.lock(organization, id).orElseThrow(() -> BillingError.notFound("wallet"));
        Map<String, String> result = key == null ? null : MetadataMaps.without(wallet.metadata(), key);
        repository.replaceMetadata(organization, id, result);
        return result;
    }

    /**
     * Lago's code rule: an explicit code must be free among the customer's active wallets; else it is derived from
     * the name (lower case, other characters as {@code _}), or {@code default}, with {@code _<unix seconds>} when taken.
     */
    private String code(OrganizationId organization, UUID customerId, String explicit, String name, Instant now) {
        if (explicit != null) {
            if (repository.activeCodeTaken(organization, customerId, explicit)) {
                throw BillingError.validation("code", "value_already_exist");
            }
            return explicit;
        }
        String derived = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        String code = derived.isEmpty() ? "default" : derived;
        if (!repository.activeCodeTaken(organization, customerId, code)) {
            return code;
        }
        // taken: stamped with the second, and numbered when several are made in the same second
        String stamped = code + "_" + now.getEpochSecond();
        String candidate = stamped;
        for (int n = 2; repository.activeCodeTaken(organization, customerId, candidate); n++) {
            candidate = stamped + "_" + n;
        }
        return candidate;
    }

    private List<UUID> metricIds(OrganizationId organization, List<String> codes, String field, String error) {
        List<UUID> ids = new ArrayList<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            Optional<UUID> id = metrics.find(organization, code).map(m -> m.id());
            ids.add(id.orElseThrow(() -> BillingError.validation(field, error)));
        }
        return ids;
    }
}

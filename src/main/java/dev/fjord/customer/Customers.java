package dev.fjord.customer;

import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.customer.internal.CustomerRepository;
import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The customer module's public face: Lago's upsert by external id, reads, list and delete. */
@Service
public class Customers {
    private final CustomerRepository repository;
    private final Organizations organizations;
    private final Taxes taxes;
    private final ObjectProvider<CurrencyBoundObjects> currencyBound;
    private final ApplicationEventPublisher events;
    private final Webhooks webhooks;
    private final Clock clock;

    Customers(CustomerRepository repository, Organizations organizations, Taxes taxes,
            ObjectProvider<CurrencyBoundObjects> currencyBound, ApplicationEventPublisher events, Webhooks webhooks,
            Clock clock) {
        this.repository = repository;
        this.organizations = organizations;
        this.taxes = taxes;
        this.currencyBound = currencyBound;
        this.events = events;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** Creates the customer, or updates only the sent fields of the live one with this external id. */
    @Transactional
    public Customer upsert(OrganizationId organization, CustomerUpsert upsert) {
        Instant now = clock.instant();
        Optional<UUID> existing = repository.lockLive(organization, upsert.externalId());
        UUID id = existing.orElseGet(() -> create(organization, upsert.externalId(), now));
        if (upsert.changes().sets("currency")) {
            checkCurrencyChange(organization, id, (String) upsert.changes().get("currency"));
        }
        repository.update(organization, id, upsert.changes(), now);
        if (upsert.metadata() != null) {
            checkMetadataIds(organization, id, upsert.metadata());
            repository.replaceMetadata(organization, id, upsert.metadata(), now);
        }
        if (upsert.taxCodes() != null) {
            taxes.applyToCustomer(organization, id, upsert.taxCodes());
        }
        Customer customer = load(organization, id).orElseThrow();
        webhooks.record(organization, existing.isPresent() ? "customer.updated" : "customer.created", "customer", CustomerJson.of(customer));
        return customer;
    }

    /**
     * The live customer with this external id, row-locked until the caller's transaction ends: what other modules
     * take before attaching something to a customer (Lago serializes coupon applications per customer).
     */
    @Transactional
    public Optional<Customer> lock(OrganizationId organization, String externalId) {
        return repository.lockLive(organization, externalId).flatMap(id -> load(organization, id));
    }

    /**
     * Lago's rule for an object priced in {@code currency} (a fixed-amount coupon...): a customer without currency
     * takes it, one with the same keeps it, one with another is {@code 422 currency: currencies_does_not_match}.
     * Call with the customer locked ({@link #lock}).
     */
    @Transactional
    public void adoptCurrency(OrganizationId organization, UUID customerId, String currency) {
        Customer customer =
                repository.findById(organization, customerId).orElseThrow(() -> BillingError.notFound("customer"));
        if (currency.equals(customer.currency())) {
            return;
        }
        if (customer.currency() != null || hasCurrencyBoundObjects(organization, customerId)) {
            throw BillingError.validation("currency", "currencies_does_not_match");
        }
        repository.update(organization, customerId, new Changes().set("currency", currency), clock.instant());
    }

    public Customer get(OrganizationId organization, String externalId) {
        return find(organization, externalId).orElseThrow(() -> BillingError.notFound("customer"));
    }

    /** The customer's own row only (no metadata, taxes or resolved timezone): for hot paths that need its id or currency. */
    public Customer getRow(OrganizationId organization, String externalId) {
        return repository.findLive(organization, externalId).orElseThrow(() -> BillingError.notFound("customer"));
    }

    /** The customer's own row by id, deleted or not (no metadata, taxes or resolved timezone): for batch work. */
    public Customer getRowById(OrganizationId organization, UUID id) {
        return repository.findById(organization, id).orElseThrow(() -> BillingError.notFound("customer"));
    }

    public Optional<Customer> find(OrganizationId organization, String externalId) {
        return repository.findLive(organization, externalId).map(customer -> withDetails(organization, customer));
    }

    /**
     * The customers with these ids, deleted or not (an invoice keeps showing the customer it was issued to), with
     * their details; ids of other organizations or unknown ids are left out.
     */
    public List<Customer> byIds(OrganizationId organization, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withDetails(organization, repository.findByIds(organization, ids));
    }

    public CustomerPage list(OrganizationId organization, CustomerQuery query, int limit, long offset) {
        List<Customer> page = repository.list(organization, query, limit, offset);
        return new CustomerPage(withDetails(organization, page), repository.count(organization, query));
    }

    /**
     * Gives a customer without a currency the currency of what it subscribes to; a different currency is
     * Lago's {@code currencies_does_not_match}.
     */
    @Transactional
    public void assignCurrency(OrganizationId organization, Customer customer, String currency) {
        if (customer.currency() == null) {
            repository.update(organization, customer.id(), new dev.fjord.shared.Changes().set("currency", currency), clock.instant());
        } else if (!customer.currency().equals(currency)) {
            throw BillingError.validation("currency", "currencies_does_not_match");
        }
    }

    /**
     * Takes the customer's row lock until the transaction ends: wallet creations of one customer queue here, so the
     * active-wallet limit and code uniqueness are checked without races.
     */
    @Transactional
    public void lockForWallets(OrganizationId organization, UUID customerId) {
        repository.lock(organization, customerId);
    }

    /** Soft-deletes the customer (its external id becomes free again) and returns it as it was, with deleted_at. */
    @Transactional
    public Customer delete(OrganizationId organization, String externalId) {
        UUID id = repository.lockLive(organization, externalId).orElseThrow(() -> BillingError.notFound("customer"));
        repository.markDeleted(organization, id, clock.instant());
        events.publishEvent(new CustomerDeleted(organization, id));
        return load(organization, id).orElseThrow();
    }

    /** Numbers the new customer under the organization lock, re-checking for a concurrent creation first. */
    private UUID create(OrganizationId organization, String externalId, Instant now) {
        organizations.lock(organization);
        return repository.lockLive(organization, externalId).orElseGet(() -> {
            long sequentialId = organizations.nextCustomerSequentialId(organization);
            String slug = organizations.get(organization).documentNumberPrefix() + "-" + String.format("%03d", sequentialId);
            return repository.insert(organization, externalId, sequentialId, slug, now);
        });
    }

    /** A customer with objects priced in its currency keeps that currency (Lago: the customer is not "editable"). */
    private void checkCurrencyChange(OrganizationId organization, UUID id, String currency) {
        String current = repository.findById(organization, id).map(Customer::currency).orElse(null);
        if (!Objects.equals(current, currency) && hasCurrencyBoundObjects(organization, id)) {
            throw BillingError.validation("currency", "currencies_does_not_match");
        }
    }

    private boolean hasCurrencyBoundObjects(OrganizationId organization, UUID customerId) {
        return currencyBound.orderedStream().anyMatch(objects -> objects.existFor(organization, customerId));
    }

    private void checkMetadataIds(OrganizationId organization, UUID customerId, List<MetadataInput> metadata) {
        Set<UUID> known = repository.metadataIds(organization, customerId);
        if (metadata.stream().anyMatch(pair -> pair.id() != null && !known.contains(pair.id()))) {
            throw BillingError.validation("metadata", "value_is_invalid");
        }
    }

    private Optional<Customer> load(OrganizationId organization, UUID id) {
        return repository.findById(organization, id).map(customer -> withDetails(organization, customer));
    }

    /** Attaches metadata, taxes and the applicable timezone (customer → organization → UTC), one query each. */
    private List<Customer> withDetails(OrganizationId organization, List<Customer> customers) {
        if (customers.isEmpty()) {
            return customers;
        }
        Organization owner = organizations.get(organization);
        List<UUID> ids = customers.stream().map(Customer::id).toList();
        Map<UUID, List<Customer.Metadata>> metadata = repository.metadata(organization, ids);
        Map<UUID, List<Tax>> ownTaxes = taxes.ofCustomers(organization, ids);
        return customers.stream()
                .map(c -> c.withDetails(c.timezone() != null ? c.timezone() : owner.timezone(),
                        metadata.getOrDefault(c.id(), List.of()), ownTaxes.getOrDefault(c.id(), List.of())))
                .toList();
    }

    private Customer withDetails(OrganizationId organization, Customer customer) {
        return withDetails(organization, List.of(customer)).get(0);
    }
}

package dev.fjord.customer.internal;

import dev.fjord.customer.Customer;
import dev.fjord.customer.CustomerQuery;
import dev.fjord.customer.MetadataInput;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.PartialUpdate;
import dev.fjord.shared.Rows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for customers and their metadata; every statement is scoped by organization. */
@Repository
public class CustomerRepository {
    static final Set<String> UPDATABLE_COLUMNS = Set.of("account_type", "customer_type", "name", "firstname",
            "lastname", "email", "phone", "url", "logo_url", "legal_name", "legal_number", "tax_identification_number",
            "external_salesforce_id", "address_line1", "address_line2", "city", "state", "zipcode", "country",
            "shipping_address_line1", "shipping_address_line2", "shipping_city", "shipping_state", "shipping_zipcode",
            "shipping_country", "currency", "timezone", "net_payment_term", "finalize_zero_amount_invoice",
            "skip_invoice_custom_sections", "invoice_grace_period", "document_locale", "payment_provider",
            "payment_provider_code", "provider_customer_id", "provider_payment_methods",
            "subscription_invoice_issuing_date_anchor", "subscription_invoice_issuing_date_adjustment");

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The live customer with this external id, row-locked until the transaction ends. */
    public Optional<UUID> lockLive(OrganizationId organization, String externalId) {
        return jdbc.sql("""
                SELECT id FROM customers
                WHERE organization_id = ? AND external_id = ? AND deleted_at IS NULL FOR UPDATE""")
                .params(organization.value(), externalId).query(UUID.class).optional();
    }

    public void lock(OrganizationId organization, UUID id) {
        jdbc.sql("SELECT id FROM customers WHERE organization_id = ? AND id = ? FOR UPDATE")
                .params(organization.value(), id).query(UUID.class).single();
    }

    public UUID insert(OrganizationId organization, String externalId, long sequentialId, String slug, Instant now) {
        UUID id = Ids.newId();
        jdbc.sql("""
                INSERT INTO customers (id, organization_id, external_id, sequential_id, slug, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, organization.value(), externalId, sequentialId, slug, Timestamp.from(now), Timestamp.from(now))
                .update();
        return id;
    }

    public void update(OrganizationId organization, UUID id, Changes changes, Instant now) {
        PartialUpdate.apply(jdbc, "customers", UPDATABLE_COLUMNS, organization, id, changes, now);
    }

    /**
     * Replaces the metadata list. Pairs matched by id (or by key) keep their id and creation time; the rest are
     * removed. Rewriting the rows avoids transient key clashes when a request swaps keys between pairs.
     */
    public void replaceMetadata(OrganizationId organization, UUID customerId, List<MetadataInput> pairs, Instant now) {
        List<Customer.Metadata> existing = metadata(organization, List.of(customerId)).getOrDefault(customerId, List.of());
        jdbc.sql("DELETE FROM customer_metadata WHERE customer_id = ? AND organization_id = ?")
                .params(customerId, organization.value()).update();
        for (MetadataInput pair : pairs) {
            Optional<Customer.Metadata> kept = existing.stream()
                    .filter(m -> pair.id() != null ? m.id().equals(pair.id()) : m.key().equals(pair.key()))
                    .findFirst();
            jdbc.sql("""
                    INSERT INTO customer_metadata (id, organization_id, customer_id, key, value, display_in_invoice, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(kept.map(Customer.Metadata::id).orElseGet(Ids::newId), organization.value(), customerId,
                            pair.key(), pair.value(), pair.displayInInvoice(),
                            Timestamp.from(kept.map(Customer.Metadata::createdAt).orElse(now)))
                    .update();
        }
    }

    public Set<UUID> metadataIds(OrganizationId organization, UUID customerId) {
        return metadata(organization, List.of(customerId)).getOrDefault(customerId, List.of()).stream()
                .map(Customer.Metadata::id).collect(Collectors.toSet());
    }

    public void markDeleted(OrganizationId organization, UUID id, Instant now) {
        jdbc.sql("UPDATE customers SET deleted_at = ?, updated_at = ? WHERE id = ? AND organization_id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), id, organization.value()).update();
    }

    /** The customer by id, deleted or not (a deleted customer is still shown by the DELETE that removed it). */
    public Optional<Customer> findById(OrganizationId organization, UUID id) {
        return jdbc.sql("SELECT * FROM customers WHERE organization_id = ? AND id = ?")
                .params(organization.value(), id).query(CustomerRepository::row).optional();
    }

    public List<Customer> findByIds(OrganizationId organization, Collection<UUID> ids) {
        return jdbc.sql("SELECT * FROM customers WHERE organization_id = :organization AND id IN (:ids)")
                .param("organization", organization.value())
                .param("ids", List.copyOf(ids))
                .query(CustomerRepository::row).list();
    }

    public Optional<Customer> findLive(OrganizationId organization, String externalId) {
        return jdbc.sql("SELECT * FROM customers WHERE organization_id = ? AND external_id = ? AND deleted_at IS NULL")
                .params(organization.value(), externalId).query(CustomerRepository::row).optional();
    }

    /** Live customers without metadata, in Lago's list order (newest first). */
    public List<Customer> list(OrganizationId organization, CustomerQuery query, int limit, long offset) {
        Filter filter = filter(organization, query);
        var statement = jdbc.sql("SELECT * FROM customers WHERE " + filter.sql
                + " ORDER BY created_at DESC, id ASC LIMIT :limit OFFSET :offset");
        for (var param : filter.params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.param("limit", limit).param("offset", offset).query(CustomerRepository::row).list();
    }

    public long count(OrganizationId organization, CustomerQuery query) {
        Filter filter = filter(organization, query);
        var statement = jdbc.sql("SELECT count(*) FROM customers WHERE " + filter.sql);
        for (var param : filter.params.entrySet()) {
            statement = statement.param(param.getKey(), param.getValue());
        }
        return statement.query(Long.class).single();
    }

    public Map<UUID, List<Customer.Metadata>> metadata(OrganizationId organization, List<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<Customer.Metadata>> byCustomer = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM customer_metadata WHERE organization_id = :organization AND customer_id IN (:ids)
                ORDER BY created_at, key""")
                .param("organization", organization.value())
                .param("ids", customerIds)
                .query((rs, n) -> {
                    byCustomer.computeIfAbsent(rs.getObject("customer_id", UUID.class), k -> new ArrayList<>())
                            .add(new Customer.Metadata(rs.getObject("id", UUID.class), rs.getString("key"),
                                    rs.getString("value"), rs.getBoolean("display_in_invoice"),
                                    Rows.instant(rs.getTimestamp("created_at"))));
                    return null;
                })
                .list();
        return byCustomer;
    }

    private record Filter(String sql, Map<String, Object> params) {}

    private static Filter filter(OrganizationId organization, CustomerQuery query) {
        StringBuilder sql = new StringBuilder("organization_id = :organization AND deleted_at IS NULL");
        Map<String, Object> params = new HashMap<>();
        params.put("organization", organization.value());
        if (query.searchTerm() != null && !query.searchTerm().isBlank()) {
            sql.append(" AND (name ILIKE :term OR firstname ILIKE :term OR lastname ILIKE :term"
                    + " OR external_id ILIKE :term OR email ILIKE :term OR legal_name ILIKE :term)");
            params.put("term", "%" + likeEscaped(query.searchTerm().strip()) + "%");
        }
        inList(sql, params, "currency", query.currencies());
        inList(sql, params, "country", query.countries());
        inList(sql, params, "account_type", query.accountTypes());
        if (query.customerType() != null) {
            sql.append(" AND customer_type = :customer_type");
            params.put("customer_type", query.customerType());
        }
        return new Filter(sql.toString(), params);
    }

    private static void inList(StringBuilder sql, Map<String, Object> params, String column, List<String> values) {
        if (values != null && !values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (:").append(column).append(")");
            params.put(column, values);
        }
    }

    /** A search term is text, not a pattern: {@code %} and {@code _} match themselves. */
    private static String likeEscaped(String term) {
        return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A customer row; its metadata and applicable timezone are attached by the caller. */
    private static Customer row(ResultSet rs, int n) throws SQLException {
        return new Customer(
                rs.getObject("id", UUID.class),
                rs.getString("external_id"),
                rs.getLong("sequential_id"),
                rs.getString("slug"),
                rs.getString("account_type"),
                rs.getString("customer_type"),
                rs.getString("name"),
                rs.getString("firstname"),
                rs.getString("lastname"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("url"),
                rs.getString("logo_url"),
                rs.getString("legal_name"),
                rs.getString("legal_number"),
                rs.getString("tax_identification_number"),
                rs.getString("external_salesforce_id"),
                new Customer.Address(rs.getString("address_line1"), rs.getString("address_line2"),
                        rs.getString("city"), rs.getString("state"), rs.getString("zipcode"), rs.getString("country")),
                new Customer.Address(rs.getString("shipping_address_line1"), rs.getString("shipping_address_line2"),
                        rs.getString("shipping_city"), rs.getString("shipping_state"), rs.getString("shipping_zipcode"),
                        rs.getString("shipping_country")),
                rs.getString("currency"),
                rs.getString("timezone"),
                null,
                Rows.integer(rs, "net_payment_term"),
                rs.getString("finalize_zero_amount_invoice"),
                rs.getBoolean("skip_invoice_custom_sections"),
                new Customer.BillingConfiguration(
                        Rows.integer(rs, "invoice_grace_period"),
                        rs.getString("document_locale"),
                        rs.getString("payment_provider"),
                        rs.getString("payment_provider_code"),
                        rs.getString("provider_customer_id"),
                        Rows.strings(rs.getArray("provider_payment_methods")),
                        rs.getString("subscription_invoice_issuing_date_anchor"),
                        rs.getString("subscription_invoice_issuing_date_adjustment")),
                List.of(),
                List.of(),
                Rows.instant(rs.getTimestamp("created_at")),
                Rows.instant(rs.getTimestamp("updated_at")),
                Rows.instant(rs.getTimestamp("deleted_at")));
    }
}

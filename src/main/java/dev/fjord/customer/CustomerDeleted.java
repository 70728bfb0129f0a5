package dev.fjord.customer;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/**
 * Published inside the transaction that soft-deletes a customer, so the modules holding the customer's objects end
 * them in the same transaction (Lago terminates applied coupons, subscriptions and wallets of a deleted customer).
 */
public record CustomerDeleted(OrganizationId organization, UUID customerId) {}

package dev.fjord.customer;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/**
 * Objects billed in a customer's currency: an applied fixed-amount coupon today, subscriptions, wallets and invoices
 * later. The modules owning them implement this (the customer module cannot depend on them). While any of them
 * exists, the customer's currency cannot change: Lago's {@code 422 currency: currencies_does_not_match}.
 */
public interface CurrencyBoundObjects {
    /** True when the customer has at least one object priced in its current currency. */
    boolean existFor(OrganizationId organization, UUID customerId);
}

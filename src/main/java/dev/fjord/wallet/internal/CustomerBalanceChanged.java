package dev.fjord.wallet.internal;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/**
 * Published inside a transaction that lowered a customer's wallet balance or changed its wallets or rules: once it
 * commits, {@link BalanceWatch} re-checks the customer's threshold rules.
 */
public record CustomerBalanceChanged(OrganizationId organization, UUID customerId) {}

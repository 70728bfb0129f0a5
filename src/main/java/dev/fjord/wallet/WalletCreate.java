package dev.fjord.wallet;

import dev.fjord.shared.Changes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /wallets}: the wallet's columns ({@code changes}: name, priority, expiration_at, top-up limits...), its
 * restrictions and metadata, the credits given at creation with their transaction attributes, and its automatic
 * top-up rules (empty when none).
 */
public record WalletCreate(String externalCustomerId, BigDecimal rateAmount, String currency, String code,
        Changes changes, List<String> metricCodes, Map<String, String> metadata, BigDecimal paidCredits,
        BigDecimal grantedCredits, boolean ignorePaidTopUpLimits, TopUpAttributes initialTopUp,
        List<RecurringRuleInput> recurringRules) {}

package dev.fjord.wallet;

import dev.fjord.shared.Changes;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /wallets/{id}}: the columns sent ({@code changes}), and, each null when not sent, the metric restrictions,
 * the metadata and the automatic top-up rules (an empty list ends every rule).
 */
public record WalletUpdate(Changes changes, List<String> metricCodes, Map<String, String> metadata,
        List<RecurringRuleInput> recurringRules) {}

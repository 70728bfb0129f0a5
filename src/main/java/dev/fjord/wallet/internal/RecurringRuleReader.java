package dev.fjord.wallet.internal;

import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.wallet.RecurringRuleInput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * A wallet's {@code recurring_transaction_rules} array (spec §3.2). Lago reports any problem in a rule as the one code
 * {@code recurring_transaction_rules: ["invalid_recurring_rule"]}, and more than one rule as
 * {@code invalid_number_of_recurring_rules}.
 */
final class RecurringRuleReader {
    static final String FIELD = "recurring_transaction_rules";
    /** Lago allows one rule per wallet. */
    static final int MAX_RULES = 1;
    static final List<String> TRIGGERS = List.of("interval", "threshold");
    static final List<String> METHODS = List.of("fixed", "target");
    static final List<String> INTERVALS = List.of("weekly", "monthly", "quarterly", "semiannual", "yearly");

    private RecurringRuleReader() {}

    /** The rules sent, or null when the field is absent (an explicit {@code []} ends every rule on update). */
    static List<RecurringRuleInput> read(JsonInput in, Clock clock) {
        JsonNode node = in.rawObject(FIELD);
        if (node == null) {
            return in.has(FIELD) ? List.of() : null;
        }
        if (!node.isArray()) {
            in.error(FIELD, "invalid_recurring_rule");
            return null;
        }
        if (node.size() > MAX_RULES) {
            in.error(FIELD, "invalid_number_of_recurring_rules");
            return null;
        }
        List<RecurringRuleInput> rules = new ArrayList<>();
        for (JsonNode item : node.values()) {
            RecurringRuleInput rule = rule(JsonInput.item(item), clock);
            if (rule == null) {
                in.error(FIELD, "invalid_recurring_rule");
                return null;
            }
            rules.add(rule);
        }
        return rules;
    }

    /** One rule, or null when anything in it is wrong. */
    private static RecurringRuleInput rule(JsonInput rule, Clock clock) {
        if (rule == null) {
            return null;
        }
        UUID lagoId = rule.uuid("lago_id");
        String trigger = rule.oneOf("trigger", TRIGGERS);
        String method = rule.rawObject("method") == null ? "fixed" : rule.oneOf("method", METHODS);
        String interval = rule.oneOf("interval", INTERVALS);
        BigDecimal threshold = WalletInputReader.credits(rule, "threshold_credits");
        BigDecimal target = WalletInputReader.credits(rule, "target_ongoing_balance");
        BigDecimal paid = WalletInputReader.credits(rule, "paid_credits");
        BigDecimal granted = WalletInputReader.credits(rule, "granted_credits");
        Boolean grantsTarget = rule.bool("grants_target_top_up");
        Instant startedAt = rule.timestamp("started_at", "invalid_date");
        Instant expirationAt = WalletInputReader.future(rule, "expiration_at", clock);
        Boolean requiresPayment = rule.bool("invoice_requires_successful_payment");
        var metadata = WalletInputReader.pairs(rule, "transaction_metadata", WalletInputReader.MAX_WALLET_TRANSACTION_METADATA);
        String name = rule.string("transaction_name", MAX_TEXT_LENGTH);
        String purchaseOrder = rule.string("purchase_order_number", MAX_TEXT_LENGTH);
        Boolean ignoreLimits = rule.bool("ignore_paid_top_up_limits");
        if (trigger == null || method == null
                || ("interval".equals(trigger) && interval == null)
                || ("threshold".equals(trigger) && threshold == null)
                || ("target".equals(method) && target == null)
                || ("target".equals(method) && "threshold".equals(trigger) && target.compareTo(threshold) < 0)
                || (grantsTarget != null && !"target".equals(method))
                || !rule.errors().isEmpty()) {
            return null;
        }
        return new RecurringRuleInput(lagoId, trigger, method, interval, paid, granted, threshold, target, grantsTarget,
                startedAt, expirationAt, requiresPayment, metadata, name, purchaseOrder, Boolean.TRUE.equals(ignoreLimits));
    }
}

package dev.fjord.ui.internal;

import dev.fjord.wallet.RecurringTopUpRule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wallet page's automatic top-up form as the {@code PUT /wallets/{id}} body the API reads: its inputs are named
 * {@code rule.<API field>}, and the one rule becomes {@code recurring_transaction_rules: [rule]} (Lago allows one).
 */
final class RecurringRuleForm {
    static final String FIELD = "recurring_transaction_rules";
    private static final String PREFIX = "rule.";
    private static final Set<String> TIMES = Set.of(PREFIX + "started_at", PREFIX + "expiration_at");
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static final Map<String, String> TRIGGERS = Choices.of("threshold", "When the balance falls to a threshold",
            "interval", "On a schedule");
    static final Map<String, String> METHODS = Choices.of("fixed", "Fixed credits", "target", "Up to a target balance");
    static final Map<String, String> INTERVALS = Choices.of("", "—", "weekly", "Weekly", "monthly", "Monthly",
            "quarterly", "Quarterly", "semiannual", "Every six months", "yearly", "Yearly");

    private RecurringRuleForm() {}

    /** The submitted form as {@code {"wallet": {"recurring_transaction_rules": [{...}]}}}. */
    static ObjectNode payload(Map<String, List<String>> form, String timezone) {
        ObjectNode wallet = (ObjectNode) LagoPayload.of("wallet", LagoPayload.withInstants(form, TIMES, timezone),
                Set.of(), false).get("wallet");
        var rules = JsonNodeFactory.instance.arrayNode();
        if (wallet.get("rule") != null) {
            rules.add(wallet.get("rule"));
        }
        return removal(rules);
    }

    /** {@code recurring_transaction_rules: []}: the API's way to end the wallet's rules. */
    static ObjectNode removal() {
        return removal(JsonNodeFactory.instance.arrayNode());
    }

    private static ObjectNode removal(tools.jackson.databind.node.ArrayNode rules) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.withObjectProperty("wallet").set(FIELD, rules);
        return body;
    }

    /** The stored rule as the form's values, for changing it in place (its id keeps it the same rule). */
    static Map<String, Object> values(RecurringTopUpRule rule, String timezone) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PREFIX + "lago_id", rule.id().toString());
        values.put(PREFIX + "trigger", rule.trigger());
        values.put(PREFIX + "interval", rule.interval() == null ? "" : rule.interval());
        values.put(PREFIX + "method", rule.method());
        values.put(PREFIX + "threshold_credits", plain(rule.thresholdCredits()));
        values.put(PREFIX + "paid_credits", plain(rule.paidCredits()));
        values.put(PREFIX + "granted_credits", plain(rule.grantedCredits()));
        values.put(PREFIX + "target_ongoing_balance", plain(rule.targetOngoingBalance()));
        values.put(PREFIX + "started_at", local(rule.startedAt(), timezone));
        values.put(PREFIX + "expiration_at", local(rule.expirationAt(), timezone));
        return values;
    }

    /** A new rule's starting values: a threshold trigger with fixed credits. */
    static Map<String, Object> blank() {
        return Map.of(PREFIX + "trigger", "threshold", PREFIX + "method", "fixed", PREFIX + "interval", "");
    }

    private static String plain(BigDecimal credits) {
        return credits == null ? "" : credits.stripTrailingZeros().toPlainString();
    }

    private static String local(Instant instant, String timezone) {
        return instant == null ? "" : LOCAL_INPUT.format(instant.truncatedTo(ChronoUnit.MINUTES).atZone(ZoneId.of(timezone)));
    }
}

package dev.fjord.ui.internal;

import dev.fjord.wallet.RecurringTopUpRule;
import dev.fjord.wallet.WalletTransaction.MetadataPair;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wallet page's automatic top-up form as the {@code PUT /wallets/{id}} body the API reads: its inputs are named
 * {@code rule.<API field>}, and the one rule becomes {@code recurring_transaction_rules: [rule]} (Lago allows one).
 * Yes/no choices are sent as JSON booleans, the metadata rows as {@code transaction_metadata: [{key, value}]}; what
 * the rule accepts is decided by the API's reader, which answers {@code invalid_recurring_rule} as Lago does.
 */
final class RecurringRuleForm {
    static final String FIELD = "recurring_transaction_rules";
    /** Lago's limit of metadata pairs on a top-up: the form always offers that many rows. */
    static final int METADATA_ROWS = 5;
    static final String METADATA = "metadata";
    private static final String PREFIX = "rule.";
    private static final String KEYS = PREFIX + "metadata_key[]";
    private static final String VALUES = PREFIX + "metadata_value[]";
    private static final String GRANTS = PREFIX + "grants_target_top_up";
    private static final String REQUIRES_PAYMENT = PREFIX + "invoice_requires_successful_payment";
    private static final String IGNORES_LIMITS = PREFIX + "ignore_paid_top_up_limits";
    private static final Set<String> TIMES = Set.of(PREFIX + "started_at", PREFIX + "expiration_at");
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    static final Map<String, String> TRIGGERS = Choices.of("threshold", "When the balance falls to a threshold",
            "interval", "On a schedule");
    static final Map<String, String> METHODS = Choices.of("fixed", "Fixed credits", "target", "Up to a target balance");
    static final Map<String, String> INTERVALS = Choices.of("", "—", "weekly", "Weekly", "monthly", "Monthly",
            "quarterly", "Quarterly", "semiannual", "Every six months", "yearly", "Yearly");
    static final Map<String, String> TARGET_CREDITS = Choices.of("false", "Paid credits (invoiced)",
            "true", "Granted credits (free)");
    static final Map<String, String> PAYMENT_FIRST = Choices.of("", "As the wallet", "true",
            "Yes: credits count once the invoice is paid", "false", "No: credits count at once");

    private RecurringRuleForm() {}

    /** The submitted form as {@code {"wallet": {"recurring_transaction_rules": [{...}]}}}. */
    static ObjectNode payload(Map<String, List<String>> form, String timezone) {
        Map<String, List<String>> simple = new LinkedHashMap<>(LagoPayload.withInstants(form, TIMES, timezone));
        simple.keySet().removeAll(Set.of(KEYS, VALUES, GRANTS, REQUIRES_PAYMENT, IGNORES_LIMITS));
        ObjectNode rule = (ObjectNode) LagoPayload.of("wallet", simple, Set.of(), false).get("wallet").get("rule");
        if (rule == null) {
            rule = JsonNodeFactory.instance.objectNode();
        }
        // only a target rule may say what its top-ups give (Lago refuses the field on a fixed rule)
        if ("target".equals(first(form, PREFIX + "method"))) {
            putChoice(rule, "grants_target_top_up", first(form, GRANTS));
        }
        putChoice(rule, "invoice_requires_successful_payment", first(form, REQUIRES_PAYMENT));
        rule.put("ignore_paid_top_up_limits", form.containsKey(IGNORES_LIMITS));
        ArrayNode metadata = rule.putArray("transaction_metadata");
        submittedPairs(form).forEach(pair -> metadata.addObject().put("key", pair.key()).put("value", pair.value()));
        ArrayNode rules = JsonNodeFactory.instance.arrayNode();
        rules.add(rule);
        return body(rules);
    }

    /** {@code recurring_transaction_rules: []}: the API's way to end the wallet's rules. */
    static ObjectNode removal() {
        return body(JsonNodeFactory.instance.arrayNode());
    }

    /** The submitted form shown again after the API refused it, metadata rows included. */
    static Map<String, Object> submitted(Map<String, List<String>> form) {
        Map<String, Object> values = new LinkedHashMap<>();
        form.forEach((name, sent) -> values.put(name, sent.isEmpty() ? null : sent.get(0)));
        values.put(METADATA, rows(submittedPairs(form)));
        return values;
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
        values.put(GRANTS, String.valueOf(Boolean.TRUE.equals(rule.grantsTargetTopUp())));
        values.put(PREFIX + "started_at", local(rule.startedAt(), timezone));
        values.put(PREFIX + "expiration_at", local(rule.expirationAt(), timezone));
        values.put(REQUIRES_PAYMENT, String.valueOf(rule.invoiceRequiresSuccessfulPayment()));
        if (rule.ignorePaidTopUpLimits()) {
            values.put(IGNORES_LIMITS, "on");
        }
        values.put(PREFIX + "transaction_name", rule.transactionName());
        values.put(PREFIX + "purchase_order_number", rule.purchaseOrderNumber());
        values.put(METADATA, rows(rule.transactionMetadata() == null ? List.of() : rule.transactionMetadata()));
        return values;
    }

    /** A new rule's starting values: a threshold trigger with fixed credits, payment as the wallet says. */
    static Map<String, Object> blank() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(PREFIX + "trigger", "threshold");
        values.put(PREFIX + "method", "fixed");
        values.put(PREFIX + "interval", "");
        values.put(GRANTS, "false");
        values.put(REQUIRES_PAYMENT, "");
        values.put(METADATA, rows(List.of()));
        return values;
    }

    /** Rows where a key or a value was typed (a half-filled row goes to the API, which refuses it). */
    private static List<MetadataPair> submittedPairs(Map<String, List<String>> form) {
        List<String> keys = form.getOrDefault(KEYS, List.of());
        List<String> values = form.getOrDefault(VALUES, List.of());
        List<MetadataPair> pairs = new ArrayList<>();
        for (int i = 0; i < Math.max(keys.size(), values.size()); i++) {
            String key = i < keys.size() ? keys.get(i).strip() : "";
            String value = i < values.size() ? values.get(i).strip() : "";
            if (!key.isEmpty() || !value.isEmpty()) {
                pairs.add(new MetadataPair(key, value));
            }
        }
        return pairs;
    }

    /** The pairs followed by empty rows, up to {@link #METADATA_ROWS} (more are shown if the API ever sent more). */
    private static List<MetadataPair> rows(List<MetadataPair> pairs) {
        List<MetadataPair> rows = new ArrayList<>(pairs);
        while (rows.size() < METADATA_ROWS) {
            rows.add(new MetadataPair("", ""));
        }
        return rows;
    }

    /** "true"/"false" as JSON booleans; a blank choice is not sent; anything else goes as typed for the API to refuse. */
    private static void putChoice(ObjectNode rule, String field, String choice) {
        if (choice == null || choice.isBlank()) {
            return;
        }
        switch (choice.strip()) {
            case "true" -> rule.put(field, true);
            case "false" -> rule.put(field, false);
            default -> rule.put(field, choice);
        }
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static ObjectNode body(ArrayNode rules) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.withObjectProperty("wallet").set(FIELD, rules);
        return body;
    }

    private static String plain(BigDecimal credits) {
        return credits == null ? "" : credits.stripTrailingZeros().toPlainString();
    }

    private static String local(Instant instant, String timezone) {
        return instant == null ? "" : LOCAL_INPUT.format(instant.truncatedTo(ChronoUnit.MINUTES).atZone(ZoneId.of(timezone)));
    }
}

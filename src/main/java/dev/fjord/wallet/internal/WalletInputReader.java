package dev.fjord.wallet.internal;

import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.JsonInput;
import dev.fjord.api.MetadataObject;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Formats;
import dev.fjord.shared.Limits;
import dev.fjord.wallet.RecurringRuleInput;
import dev.fjord.wallet.TopUpAttributes;
import dev.fjord.wallet.TopUpRequest;
import dev.fjord.wallet.WalletCreate;
import dev.fjord.wallet.WalletTransaction;
import dev.fjord.wallet.WalletUpdate;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Lago's wallet and wallet-transaction payloads, read with every error collected (spec §1.4, §2.2). */
public final class WalletInputReader {
    static final List<String> FEE_TYPES = List.of("charge", "add_on", "subscription", "credit", "commitment", "fixed_charge", "product");
    /** Lago: credit amounts are decimal strings, at most 10^25 − 1. */
    private static final Pattern CREDITS = Pattern.compile("[0-9]{1,25}(\\.[0-9]+)?");
    static final int MAX_WALLET_TRANSACTION_METADATA = 5;
    static final int MAX_TRANSACTION_METADATA = 15;

    private WalletInputReader() {}

    public static WalletCreate create(JsonInput in, String externalCustomerId, Clock clock) {
        String customer = externalCustomerId != null ? externalCustomerId : in.string("external_customer_id", MAX_TEXT_LENGTH);
        if (customer == null && !in.hasError("external_customer_id")) {
            in.error("external_customer_id", "value_is_mandatory");
        }
        BigDecimal rate = in.decimal("rate_amount", BigDecimal.ZERO, true, new BigDecimal("1e15"), 5);
        if (rate == null && !in.hasError("rate_amount")) {
            in.error("rate_amount", "value_is_mandatory");
        }
        String currency = in.string("currency", 3, Formats::isCurrency, "value_is_invalid");
        if (currency == null && !in.hasError("currency")) {
            in.error("currency", "value_is_mandatory");
        }
        Changes changes = columns(in, clock);
        BigDecimal paid = credits(in, "paid_credits");
        BigDecimal granted = credits(in, "granted_credits");
        Boolean ignoreLimits = in.bool("ignore_paid_top_up_limits_on_creation");
        Integer transactionPriority = in.integer("transaction_priority", 1, 50);
        TopUpAttributes initial = new TopUpAttributes(in.string("transaction_name", MAX_TEXT_LENGTH),
                transactionPriority == null ? 50 : transactionPriority, null,
                pairs(in, "transaction_metadata", MAX_WALLET_TRANSACTION_METADATA), false,
                future(in, "transaction_expiration_at", clock));
        List<String> metricCodes = appliesTo(in, changes);
        Map<String, String> metadata = metadata(in);
        List<RecurringRuleInput> rules = RecurringRuleReader.read(in, clock);
        in.validate();
        return new WalletCreate(customer, rate, currency, in.string("code", MAX_TEXT_LENGTH), changes, metricCodes,
                metadata, paid, granted, Boolean.TRUE.equals(ignoreLimits), initial, rules == null ? List.of() : rules);
    }

    /** {@code PUT /wallets/{id}}: every field optional; {@code in.validate()} throws the errors collected. */
    public static WalletUpdate update(JsonInput in, Clock clock) {
        Changes changes = columns(in, clock);
        List<String> metricCodes = appliesTo(in, changes);
        Map<String, String> metadata = metadata(in);
        List<RecurringRuleInput> rules = RecurringRuleReader.read(in, clock);
        in.validate();
        return new WalletUpdate(changes, metricCodes, metadata, rules);
    }

    /** {@code POST /wallet_transactions}: a top-up (paid and granted credits) and/or a void. */
    public static TopUpRequest topUp(JsonInput in, Clock clock) {
        UUID walletId = in.uuid("wallet_id");
        if (walletId == null && !in.hasError("wallet_id")) {
            in.error("wallet_id", "value_is_mandatory");
        }
        BigDecimal paid = credits(in, "paid_credits");
        BigDecimal granted = credits(in, "granted_credits");
        BigDecimal voided = credits(in, "voided_credits");
        UUID voidedTransaction = in.uuid("voided_transaction_id");
        Boolean requiresPayment = in.bool("invoice_requires_successful_payment");
        Boolean ignoreLimits = in.bool("ignore_paid_top_up_limits");
        Integer priority = in.integer("priority", 1, 50);
        TopUpAttributes attributes = new TopUpAttributes(in.string("name", MAX_TEXT_LENGTH),
                priority == null ? 50 : priority, in.string("purchase_order_number", MAX_TEXT_LENGTH),
                pairs(in, "metadata", MAX_TRANSACTION_METADATA), false,
                future(in, "expiration_at", clock));
        in.validate();
        return new TopUpRequest(walletId, paid, granted, voided, voidedTransaction, requiresPayment,
                Boolean.TRUE.equals(ignoreLimits), attributes);
    }

    /** The updatable columns (create and update share them). */
    static Changes columns(JsonInput in, Clock clock) {
        Changes changes = new Changes();
        in.setIfSent(changes, "name", in.string("name", MAX_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "code", in.string("code", MAX_TEXT_LENGTH));
        in.setRequiredIfSent(changes, "priority", in.integer("priority", 1, 50));
        Instant expiration = future(in, "expiration_at", clock);
        in.setIfSent(changes, "expiration_at", expiration == null ? null : java.sql.Timestamp.from(expiration));
        in.setRequiredIfSent(changes, "invoice_requires_successful_payment", in.bool("invoice_requires_successful_payment"));
        in.setIfSent(changes, "paid_top_up_min_amount_cents", in.longInteger("paid_top_up_min_amount_cents", 1, Limits.MAX_AMOUNT_CENTS));
        in.setIfSent(changes, "paid_top_up_max_amount_cents", in.longInteger("paid_top_up_max_amount_cents", 1, Limits.MAX_AMOUNT_CENTS));
        Long min = (Long) changes.get("paid_top_up_min_amount_cents");
        Long max = (Long) changes.get("paid_top_up_max_amount_cents");
        if (min != null && max != null && max < min) {
            in.error("paid_top_up_max_amount_cents", "must_be_greater_than_or_equal_min");
        }
        in.setIfSent(changes, "purchase_order_number", in.string("purchase_order_number", MAX_TEXT_LENGTH));
        return changes;
    }

    /** {@code applies_to.fee_types} into the changes; answers {@code billable_metric_codes} (null when not sent). */
    static List<String> appliesTo(JsonInput in, Changes changes) {
        JsonInput appliesTo = in.object("applies_to");
        if (appliesTo == null) {
            return null;
        }
        List<String> feeTypes = appliesTo.strings("fee_types", FEE_TYPES);
        appliesTo.setIfSent(changes, "fee_types", "applies_to_fee_types", feeTypes == null ? List.of() : feeTypes);
        List<String> codes = appliesTo.stringList("billable_metric_codes", Limits.MAX_CODES_PER_REQUEST, MAX_TEXT_LENGTH);
        return appliesTo.has("billable_metric_codes") && codes == null && !appliesTo.hasError("billable_metric_codes")
                ? List.of() : codes;
    }

    /** A credit amount: a decimal string ≥ 0, else Lago's pair of codes ({@code invalid_paid_credits, invalid_amount}). */
    static BigDecimal credits(JsonInput in, String field) {
        JsonNode node = in.rawObject(field);
        if (node == null) {
            return null;
        }
        if (!node.isString() || !CREDITS.matcher(node.stringValue().strip()).matches()) {
            in.error(field, "invalid_" + field);
            in.error(field, "invalid_amount");
            return null;
        }
        return new BigDecimal(node.stringValue().strip());
    }

    /** A timestamp that must be in the future, else {@code invalid_date}. */
    static Instant future(JsonInput in, String field, Clock clock) {
        Instant at = in.timestamp(field, "invalid_date");
        if (at != null && !at.isAfter(clock.instant())) {
            in.error(field, "invalid_date");
            return null;
        }
        return at;
    }

    /** {@code [{key, value}]} pairs with Lago's limits, errors under {@code metadata}. */
    static List<WalletTransaction.MetadataPair> pairs(JsonInput in, String field, int max) {
        JsonNode node = in.rawObject(field);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            in.error("metadata", "invalid_type");
            return List.of();
        }
        if (node.size() > max) {
            in.error("metadata", "too_many_keys");
            return List.of();
        }
        List<WalletTransaction.MetadataPair> pairs = new ArrayList<>();
        for (JsonNode pair : node.values()) {
            JsonNode key = pair.get("key");
            JsonNode value = pair.get("value");
            if (!pair.isObject() || key == null || value == null) {
                in.error("metadata", "invalid_key_value_pair");
            } else if (!key.isValueNode() || !value.isValueNode()) {
                in.error("metadata", "nested_structure_not_allowed");
            } else if (key.asString().isBlank() || value.asString().isBlank()) {
                in.error("metadata", "invalid_key_value_pair");
            } else if (key.asString().length() > 20) {
                in.error("metadata", "key_too_long");
            } else if (value.asString().length() > 100) {
                in.error("metadata", "value_too_long");
            } else {
                pairs.add(new WalletTransaction.MetadataPair(key.asString(), value.asString()));
            }
        }
        return pairs;
    }

    /** The wallet's {@code metadata} object. */
    static Map<String, String> metadata(JsonInput in) {
        return MetadataObject.read(in);
    }
}

package dev.fjord.ui.internal;

import static java.util.Map.entry;

import dev.fjord.shared.BillingError;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The API's error codes in plain words, in one place: every form shows what the API would answer, but readable.
 * A code without an entry is shown with its underscores turned into spaces, so a new rule is never silent.
 */
final class ErrorMessages {
    private static final Map<String, String> WORDS = Map.ofEntries(
            entry("value_is_mandatory", "This field is required."),
            entry("value_is_invalid", "This value is not valid."),
            entry("values_are_invalid", "These values are not valid."),
            entry("value_already_exist", "This value is already used."),
            entry("value_is_duplicated", "The same value appears twice."),
            entry("value_is_out_of_range", "This value is outside the allowed range."),
            entry("value_too_long", "This text is too long."),
            entry("value_is_too_long", "This text is too long."),
            entry("too_many_items", "There are too many entries."),
            entry("invalid_email_format", "Enter a valid e-mail address (separate several with commas)."),
            entry("url_is_invalid", "Enter a full web address starting with http:// or https://."),
            entry("not_a_valid_country_code", "Use a two-letter country code, such as FR or US."),
            entry("invalid_timezone", "Use a timezone name, such as Europe/Paris."),
            entry("invalid_date", "Enter a valid date."),
            entry("invalid_format", "This value is not in the expected format."),
            entry("currencies_does_not_match", "This currency differs from the customer's currency."),
            entry("wallet_limit_reached", "This customer already has the maximum number of active wallets."),
            entry("wallet_is_terminated", "This wallet is terminated: it takes no more credits."),
            entry("insufficient_credits", "The wallet does not hold that many credits."),
            entry("exceeds_available_amount", "This is more than is available."),
            entry("amount_rounds_to_zero", "At this rate, this amount is worth less than one minor unit of the currency."),
            entry("invalid_amount", "Amounts must be zero or more."),
            entry("missing_graduated_ranges", "Add at least one tier."),
            entry("invalid_graduated_ranges",
                    "Tiers must start at 0, each starting where the previous one ends, and the last one has no end."),
            entry("missing_volume_ranges", "Add at least one tier."),
            entry("invalid_volume_ranges",
                    "Tiers must start at 0, each starting where the previous one ends, and the last one has no end."),
            entry("missing_graduated_percentage_ranges", "Add at least one tier."),
            entry("invalid_graduated_percentage_ranges",
                    "Tiers must start at 0, each starting where the previous one ends, and the last one has no end."),
            entry("invalid_package_size", "Units per package must be a whole number of at least 1."),
            entry("invalid_free_units", "Free units must be a whole number, zero or more."),
            entry("invalid_rate", "The rate must be a number, zero or more."),
            entry("invalid_fixed_amount", "The fixed fee must be an amount, zero or more."),
            entry("invalid_free_units_per_events", "Free events must be a whole number of at least 1, or left empty."),
            entry("invalid_free_units_per_total_aggregation", "The free amount must be an amount, zero or more."),
            entry("invalid_aggregation_type_or_charge_model",
                    "Not possible with this metric and price model: billing each event at once needs a count, sum or"
                            + " unique count metric and no volume tiers; a dynamic price needs a sum metric."),
            entry("invalid_filter_values", "Pick values the metric offers for its filter."),
            entry("not_compatible_with_aggregation_type", "This does not go with the metric's aggregation."),
            entry("used_by_plans", "Plans price this metric: this can no longer change."),
            entry("not_supported", "Fjord does not support this yet."),
            entry("not_compatible_with_pay_in_advance", "A minimum amount cannot go with billing each event at once."),
            entry("plan_overlapping", "This coupon is already limited to an overlapping plan."),
            entry("payment_status_update_on_draft_invoice", "A draft invoice cannot be marked paid or failed: finalize it first."),
            entry("update_on_voided_invoice", "A voided invoice cannot be changed."),
            entry("not_voidable", "Only a finalized invoice with nothing paid can be voided."),
            entry("coupon_is_not_reusable", "This coupon is already applied to this customer."),
            entry("password_too_short", "Use at least 8 characters."),
            entry("password_too_long", "Use at most 72 characters (fewer with accents or symbols)."),
            entry("cannot_remove_yourself", "You cannot remove yourself; another admin can."),
            entry("cannot_change_started_subscription", "A subscription that has started cannot be changed this way."),
            entry("exceeded_limit", "The limit is reached: remove one before adding another."),
            entry("is_succeeded", "This webhook was delivered successfully: it is not sent again."),
            entry("invalid_recurring_rule", "This rule is not valid: a threshold rule needs threshold credits, a"
                    + " scheduled rule needs a schedule, a target rule needs a target balance, and a target balance"
                    + " must not be below the threshold. Credits are numbers; the end must be in the future; each"
                    + " metadata row needs both a key (up to 20 characters) and a value (up to 100); paid credits"
                    + " must fit the wallet's top-up limits unless the rule ignores them."),
            entry("invalid_number_of_recurring_rules", "A wallet has at most one automatic top-up rule."),
            entry("last_api_key", "The last API key cannot be revoked: create another key first."));

    private ErrorMessages() {}

    static String words(String code) {
        String known = WORDS.get(code);
        if (known != null) {
            return known;
        }
        if (code.endsWith("_not_found")) {
            return "No such " + spaced(code.substring(0, code.length() - "_not_found".length())) + ".";
        }
        String spaced = spaced(code);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1) + ".";
    }

    /** The whole error as one sentence, for a page or for the top of a form. */
    static String sentence(BillingError error) {
        if (error.kind() == BillingError.Kind.VALIDATION && error.details() != null) {
            StringBuilder text = new StringBuilder();
            error.details().forEach((field, codes) -> codes(codes).forEach(code ->
                    text.append(text.isEmpty() ? "" : " ").append(label(field)).append(": ").append(words(code))));
            return text.toString();
        }
        return error.code() != null ? words(error.code()) : error.getMessage();
    }

    static List<String> codes(Object codes) {
        return codes instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(String.valueOf(codes));
    }

    static String label(String field) {
        String spaced = spaced(field);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static String spaced(String code) {
        return code.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}

package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Recurring transaction rules through {@code POST /wallets} and {@code PUT /wallets/{id}} (spec §3.1, §3.2, §3.4). */
class RecurringRuleApiTest extends ApiTest {
    @BeforeEach
    void customer() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        new Scenario(api).customer("acme", null);
    }

    @Test
    void aRuleMadeWithTheWalletIsRenderedAsLagoDoes() {
        JsonNode wallet = wallet("\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"monthly\", \"paid_credits\": \"20\", \"granted_credits\": \"5\","
                + " \"started_at\": \"2026-04-01T00:00:00Z\", \"transaction_name\": \"Monthly pack\","
                + " \"transaction_metadata\": [{\"key\": \"source\", \"value\": \"plan\"}]}]");
        JsonNode rule = wallet.get("recurring_transaction_rules").get(0);
        assertThat(rule.get("lago_id").stringValue()).hasSize(36);
        assertThat(rule.get("trigger").stringValue()).isEqualTo("interval");
        assertThat(rule.get("method").stringValue()).isEqualTo("fixed");
        assertThat(rule.get("interval").stringValue()).isEqualTo("monthly");
        assertThat(rule.get("status").stringValue()).isEqualTo("active");
        assertThat(rule.get("paid_credits").stringValue()).isEqualTo("20.0");
        assertThat(rule.get("granted_credits").stringValue()).isEqualTo("5.0");
        assertThat(rule.get("threshold_credits").stringValue()).isEqualTo("0.0");
        assertThat(rule.get("target_ongoing_balance").isNull()).isTrue();
        assertThat(rule.get("grants_target_top_up").isNull()).isTrue();
        assertThat(rule.get("started_at").stringValue()).isEqualTo("2026-04-01T00:00:00Z");
        assertThat(rule.get("expiration_at").isNull()).isTrue();
        assertThat(rule.get("created_at").stringValue()).isEqualTo("2026-03-15T12:00:00Z");
        assertThat(rule.get("invoice_requires_successful_payment").booleanValue()).isFalse();
        assertThat(rule.get("transaction_metadata").toString()).isEqualTo("[{\"key\":\"source\",\"value\":\"plan\"}]");
        assertThat(rule.get("transaction_name").stringValue()).isEqualTo("Monthly pack");
        assertThat(rule.get("ignore_paid_top_up_limits").booleanValue()).isFalse();
        assertThat(rule.get("payment_method").toString())
                .isEqualTo("{\"payment_method_id\":null,\"payment_method_type\":\"provider\"}");
        assertThat(api.get("/api/v1/wallets/" + id(wallet)).body().get("wallet").get("recurring_transaction_rules"))
                .isEqualTo(wallet.get("recurring_transaction_rules"));
    }

    @Test
    void aFixedRuleWithoutCreditsTakesTheWalletsInitialOnesAndTargetRulesDefaultToPaid() {
        JsonNode fixed = wallet("\"rate_amount\": \"1\", \"currency\": \"EUR\", \"paid_credits\": \"30\", \"granted_credits\": \"10\","
                + " \"invoice_requires_successful_payment\": true,"
                + " \"recurring_transaction_rules\": [{\"trigger\": \"threshold\", \"threshold_credits\": \"5\"}]")
                .get("recurring_transaction_rules").get(0);
        assertThat(fixed.get("paid_credits").stringValue()).isEqualTo("30.0");
        assertThat(fixed.get("granted_credits").stringValue()).isEqualTo("10.0");
        assertThat(fixed.get("interval").isNull()).isTrue();
        assertThat(fixed.get("threshold_credits").stringValue()).isEqualTo("5.0");
        // the rule takes the wallet's payment setting when it does not say
        assertThat(fixed.get("invoice_requires_successful_payment").booleanValue()).isTrue();

        JsonNode target = wallet("\"code\": \"second\", \"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"threshold\", \"method\": \"target\", \"threshold_credits\": \"5\", \"target_ongoing_balance\": \"50\"}]")
                .get("recurring_transaction_rules").get(0);
        assertThat(target.get("method").stringValue()).isEqualTo("target");
        assertThat(target.get("target_ongoing_balance").stringValue()).isEqualTo("50.0");
        assertThat(target.get("grants_target_top_up").booleanValue()).isFalse();
        assertThat(target.get("paid_credits").stringValue()).isEqualTo("0.0");
    }

    @Test
    void putUpdatesListedRulesInPlaceCreatesNewOnesAndEndsTheOthers() {
        JsonNode wallet = wallet("\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"weekly\", \"granted_credits\": \"5\"}]");
        String walletId = id(wallet);
        String ruleId = id(wallet.get("recurring_transaction_rules").get(0));

        JsonNode updated = put(walletId, "{\"recurring_transaction_rules\": [{\"lago_id\": \"" + ruleId
                + "\", \"trigger\": \"interval\", \"interval\": \"monthly\", \"paid_credits\": \"12\"}]}")
                .get("recurring_transaction_rules").get(0);
        assertThat(id(updated)).isEqualTo(ruleId);
        assertThat(updated.get("interval").stringValue()).isEqualTo("monthly");
        assertThat(updated.get("paid_credits").stringValue()).isEqualTo("12.0");
        // Lago: credits not sent are stored as 0
        assertThat(updated.get("granted_credits").stringValue()).isEqualTo("0.0");

        JsonNode replaced = put(walletId, "{\"recurring_transaction_rules\": [{\"trigger\": \"threshold\","
                + " \"threshold_credits\": \"2\", \"granted_credits\": \"8\"}]}").get("recurring_transaction_rules");
        assertThat(replaced).hasSize(1);
        assertThat(id(replaced.get(0))).isNotEqualTo(ruleId);
        assertThat(jdbc.sql("SELECT status FROM recurring_transaction_rules WHERE id = ?::uuid").param(ruleId)
                .query(String.class).single()).isEqualTo("terminated");

        // a PUT without the field keeps the rules; an empty list ends them
        assertThat(put(walletId, "{\"name\": \"Renamed\"}").get("recurring_transaction_rules")).hasSize(1);
        assertThat(put(walletId, "{\"recurring_transaction_rules\": []}").get("recurring_transaction_rules")).isEmpty();
    }

    @Test
    void terminatingTheWalletEndsItsRuleAndExpiredRulesAreNotListed() {
        JsonNode wallet = wallet("\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"threshold\", \"threshold_credits\": \"1\", \"granted_credits\": \"5\","
                + " \"expiration_at\": \"2026-03-20T00:00:00Z\"}]");
        clock.set(Instant.parse("2026-03-20T00:00:01Z"));
        // past its expiration the rule is no longer listed, even before the job ends it
        assertThat(api.get("/api/v1/wallets/" + id(wallet)).body().get("wallet").get("recurring_transaction_rules")).isEmpty();

        JsonNode other = wallet("\"code\": \"other\", \"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"weekly\", \"granted_credits\": \"5\"}]");
        api.delete("/api/v1/wallets/" + id(other));
        assertThat(jdbc.sql("SELECT status FROM recurring_transaction_rules WHERE wallet_id = ?::uuid").param(id(other))
                .query(String.class).single()).isEqualTo("terminated");
    }

    @Test
    void badRulesAreRefusedWithLagosCodesAndNothingIsWritten() {
        String base = "\"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"10\", \"recurring_transaction_rules\": ";
        String invalid = "{\"recurring_transaction_rules\":[\"invalid_recurring_rule\"]}";
        assertThat(createErrors(base + "[{\"trigger\": \"interval\"}]")).as("missing interval").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"interval\", \"interval\": \"daily\"}]")).isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"threshold\"}]")).as("missing threshold").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"sometimes\", \"interval\": \"weekly\"}]")).isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"threshold\", \"threshold_credits\": \"10\", \"method\": \"target\","
                + " \"target_ongoing_balance\": \"5\"}]")).as("target below threshold").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"interval\", \"interval\": \"weekly\", \"method\": \"target\"}]"))
                .as("target without target_ongoing_balance").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"interval\", \"interval\": \"weekly\", \"grants_target_top_up\": true}]"))
                .as("grants_target_top_up on a fixed rule").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"interval\", \"interval\": \"weekly\", \"paid_credits\": 5}]"))
                .as("credits as a number").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"interval\", \"interval\": \"weekly\","
                + " \"expiration_at\": \"2026-03-01T00:00:00Z\"}]")).as("expiration in the past").isEqualTo(invalid);
        assertThat(createErrors(base + "[{\"trigger\": \"interval\", \"interval\": \"weekly\"},"
                + " {\"trigger\": \"threshold\", \"threshold_credits\": \"1\"}]"))
                .as("two rules").isEqualTo("{\"recurring_transaction_rules\":[\"invalid_number_of_recurring_rules\"]}");
        assertThat(createErrors("\"rate_amount\": \"1\", \"currency\": \"EUR\", \"paid_top_up_max_amount_cents\": 1000,"
                + " \"recurring_transaction_rules\": [{\"trigger\": \"interval\", \"interval\": \"weekly\", \"paid_credits\": \"11\"}]"))
                .as("paid credits above the wallet maximum").isEqualTo(invalid);
        assertThat(api.get("/api/v1/wallets").body().get("meta").get("total_count").intValue()).as("wallets written").isZero();
    }

    @Test
    void aBadRuleOnUpdateChangesNothingAndNewLimitsMustFitTheRule() {
        JsonNode wallet = wallet("\"name\": \"Before\", \"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"weekly\", \"paid_credits\": \"20\"}]");
        String walletId = id(wallet);
        var response = api.put("/api/v1/wallets/" + walletId, "{\"wallet\": {\"name\": \"After\","
                + " \"recurring_transaction_rules\": [{\"trigger\": \"threshold\"}]}}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error_details").toString())
                .isEqualTo("{\"recurring_transaction_rules\":[\"invalid_recurring_rule\"]}");
        // 20 credits = 20.00 EUR above a new maximum of 10.00 EUR
        var limits = api.put("/api/v1/wallets/" + walletId, "{\"wallet\": {\"name\": \"After\", \"paid_top_up_max_amount_cents\": 1000}}");
        assertThat(limits.status()).isEqualTo(422);
        assertThat(limits.body().get("code").stringValue()).isEqualTo("validation_errors");
        JsonNode after = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        assertThat(after.get("name").stringValue()).isEqualTo("Before");
        assertThat(after.get("paid_top_up_max_amount_cents").isNull()).isTrue();
        assertThat(after.get("recurring_transaction_rules").get(0).get("interval").stringValue()).isEqualTo("weekly");
    }

    private JsonNode wallet(String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet");
    }

    private JsonNode put(String walletId, String wallet) {
        var response = api.put("/api/v1/wallets/" + walletId, "{\"wallet\": " + wallet + "}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet");
    }

    private String createErrors(String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        return response.body().get("error_details").toString();
    }

    private static String id(JsonNode node) {
        return node.get("lago_id").stringValue();
    }
}

package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Threshold rules (spec §3.3) fire within moments of the event, void or invoice that took the real-time ongoing
 * balance to the threshold — not on a timer. Usage: 1.00 EUR per call, wallets at 1 credit = 1.00 EUR.
 */
class ThresholdTopUpScenarioTest extends ApiTest {
    private Scenario s;
    private MeteredCustomer usage;

    @BeforeEach
    void subscribedCustomer() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s = new Scenario(api);
        usage = MeteredCustomer.subscribe(api);
    }

    @Test
    void aFixedPaidRuleBuysTheWholeShortfallOnceWithinSeconds() {
        String walletId = wallet("\"granted_credits\": \"10\", \"recurring_transaction_rules\": [{\"trigger\": \"threshold\","
                + " \"threshold_credits\": \"5\", \"paid_credits\": \"2\"}]");
        Instant sent = Instant.now();
        usage.calls(9);
        // ongoing 10 − 9 = 1 ≤ 5; gap = 5 − 1 − 0 granted − 0 pending = 4 ≥ 2 → 2 × (⌊4 / 2⌋ + 1) = 6 credits, in one top-up
        JsonNode topUp = awaitThresholdTopUps(walletId, 1).get(0);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(topUp.get("transaction_status").stringValue()).isEqualTo("purchased");
        assertThat(topUp.get("status").stringValue()).isEqualTo("pending");
        assertThat(topUp.get("credit_amount").stringValue()).isEqualTo("6.0");

        // one more call: ongoing 0, but 0 + 6 pending > 5 — the pending credits count, nothing more is bought
        usage.calls(1);
        settle();
        assertThat(thresholdTopUps(walletId)).hasSize(1);

        // paid: balance 16, usage 10 → ongoing 6. Two calls → 4 ≤ 5; gap 1 < 2 → buys exactly 2
        api.put("/api/v1/invoices/" + topUp.get("lago_invoice_id").stringValue(), "{\"invoice\": {\"payment_status\": \"succeeded\"}}");
        usage.calls(2);
        assertThat(awaitThresholdTopUps(walletId, 2).get(0).get("credit_amount").stringValue()).isEqualTo("2.0");
    }

    @Test
    void aTargetRuleGrantsUpToTheTargetWhenAVoidCrossesTheThreshold() {
        String walletId = wallet("\"granted_credits\": \"10\", \"recurring_transaction_rules\": [{\"trigger\": \"threshold\","
                + " \"threshold_credits\": \"5\", \"method\": \"target\", \"target_ongoing_balance\": \"20\","
                + " \"grants_target_top_up\": true}]");
        usage.calls(2);
        settle();
        assertThat(thresholdTopUps(walletId)).as("ongoing 8 > 5").isEmpty();
        var voided = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"voided_credits\": \"4\"}}");
        assertThat(voided.status()).isEqualTo(200);
        // balance 10 − 4 = 6, usage 2 → ongoing 4 ≤ 5; target 20 → 16 credits granted, settled at once
        JsonNode grant = awaitThresholdTopUps(walletId, 1).get(0);
        assertThat(grant.get("transaction_status").stringValue()).isEqualTo("granted");
        assertThat(grant.get("credit_amount").stringValue()).isEqualTo("16.0");
        JsonNode wallet = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        assertThat(wallet.get("balance_cents").longValue()).isEqualTo(2200);
        assertThat(wallet.get("ongoing_balance_cents").longValue()).isEqualTo(2000);
    }

    @Test
    void aPaidTargetRuleAndAFixedGrantRuleOnUsage() {
        String target = wallet("\"code\": \"target\", \"granted_credits\": \"10\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"threshold\", \"threshold_credits\": \"3\", \"method\": \"target\", \"target_ongoing_balance\": \"25\"}]");
        usage.calls(8);
        // ongoing 10 − 8 = 2 ≤ 3 → buys 25 − 2 = 23 credits
        assertThat(awaitThresholdTopUps(target, 1).get(0).get("credit_amount").stringValue()).isEqualTo("23.0");

        s.customer("other", null);
        s.subscription("sub2", "other", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"other\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", \"granted_credits\": \"4\", \"recurring_transaction_rules\": [{\"trigger\": \"threshold\","
                + " \"threshold_credits\": \"2\", \"granted_credits\": \"5\"}]}}");
        String granted = response.body().get("wallet").get("lago_id").stringValue();
        for (int i = 0; i < 3; i++) {
            s.event("o" + i, "sub2", "calls", MeteredCustomer.MARCH_10, "{}");
        }
        // ongoing 4 − 3 = 1 ≤ 2 → 5 credits granted → ongoing 6
        assertThat(awaitThresholdTopUps(granted, 1).get(0).get("credit_amount").stringValue()).isEqualTo("5.0");
        assertThat(api.get("/api/v1/wallets/" + granted).body().get("wallet").get("ongoing_balance_cents").longValue())
                .isEqualTo(600);
    }

    @Test
    void aFailedPaidTopUpSuppressesBuyingForAnHour() {
        String walletId = wallet("\"granted_credits\": \"10\", \"recurring_transaction_rules\": [{\"trigger\": \"threshold\","
                + " \"threshold_credits\": \"5\", \"paid_credits\": \"10\"}]");
        usage.calls(6);
        JsonNode first = awaitThresholdTopUps(walletId, 1).get(0);
        api.put("/api/v1/invoices/" + first.get("lago_invoice_id").stringValue(), "{\"invoice\": {\"payment_status\": \"failed\"}}");
        usage.calls(1);
        settle();
        assertThat(thresholdTopUps(walletId)).as("within the hour after the failure").hasSize(1);

        clock.set(Instant.parse("2026-03-15T13:00:01Z"));
        usage.calls(1);
        // ongoing 10 − 8 = 2; gap 5 − 2 = 3 < 10 → 10 credits
        assertThat(awaitThresholdTopUps(walletId, 2).get(0).get("credit_amount").stringValue()).isEqualTo("10.0");
    }

    @Test
    void aGrantOnlyRuleGrantsTheWholeShortfallOnceInsteadOfASeriesOfGrants() {
        String walletId = wallet("\"granted_credits\": \"2\"");
        usage.calls(12);
        settle();
        var put = api.put("/api/v1/wallets/" + walletId, "{\"wallet\": {\"recurring_transaction_rules\": [{"
                + "\"trigger\": \"threshold\", \"threshold_credits\": \"10\", \"granted_credits\": \"1\"}]}}");
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        // ongoing 2 − 12 = −10; gap = 10 − (−10) = 20 ≥ 1 → 1 × (20 + 1) = 21 credits at once → ongoing 11 > 10
        assertThat(awaitThresholdTopUps(walletId, 1).get(0).get("credit_amount").stringValue()).isEqualTo("21.0");
        settle();
        assertThat(thresholdTopUps(walletId)).hasSize(1);
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("ongoing_balance_cents").longValue())
                .isEqualTo(1100);
    }

    @Test
    void aWalletMadeBelowItsThresholdTopsUpAtOnce() {
        String walletId = wallet("\"recurring_transaction_rules\": [{\"trigger\": \"threshold\", \"threshold_credits\": \"0\","
                + " \"granted_credits\": \"3\"}]");
        // ongoing 0 ≤ 0 → 3 credits granted; then 3 > 0, nothing more
        assertThat(awaitThresholdTopUps(walletId, 1).get(0).get("credit_amount").stringValue()).isEqualTo("3.0");
        settle();
        assertThat(thresholdTopUps(walletId)).hasSize(1);
    }

    @Test
    void aWalletWithAThresholdRuleAbsorbsAllTheUsageThatReachesItSoItsRuleFires() {
        String first = wallet("\"priority\": 1, \"granted_credits\": \"4\"");
        String auto = wallet("\"priority\": 2, \"granted_credits\": \"10\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"threshold\", \"threshold_credits\": \"2\", \"paid_credits\": \"10\"}]");
        String spare = wallet("\"priority\": 3, \"granted_credits\": \"20\"");
        usage.calls(16);
        // 16.00 EUR: priority 1 takes its 4.00; the threshold wallet takes the remaining 12.00 though it holds 10.00
        // (ongoing −2.00) and the spare wallet none (ongoing 20.00). Without the rule: 4 / 10 / 2.
        // ongoing −2 ≤ 2; gap = 2 − (−2) = 4 < 10 paid → 10 credits bought, pending: balances unchanged
        assertThat(awaitThresholdTopUps(auto, 1).get(0).get("credit_amount").stringValue()).isEqualTo("10.0");
        assertThat(ongoingCents(first)).isZero();
        assertThat(ongoingCents(auto)).isEqualTo(-200);
        assertThat(ongoingCents(spare)).isEqualTo(2000);

        // the rule ends: usage cascades again, 4.00 + 10.00 + 2.00
        var put = api.put("/api/v1/wallets/" + auto, "{\"wallet\": {\"recurring_transaction_rules\": []}}");
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        assertThat(ongoingCents(first)).isZero();
        assertThat(ongoingCents(auto)).isZero();
        assertThat(ongoingCents(spare)).isEqualTo(1800);
    }

    private long ongoingCents(String walletId) {
        return api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("ongoing_balance_cents").longValue();
    }

    private String wallet(String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet").get("lago_id").stringValue();
    }


    private JsonNode thresholdTopUps(String walletId) {
        JsonNode rows = api.get("/api/v1/wallets/" + walletId + "/wallet_transactions?transaction_type=inbound").body()
                .get("wallet_transactions");
        var list = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        rows.values().forEach(row -> {
            if (row.get("source").stringValue().equals("threshold")) {
                list.add(row);
            }
        });
        return list;
    }

    /** Waits (at most 5 s) for the wallet's threshold top-ups to reach {@code count}; newest first. */
    private JsonNode awaitThresholdTopUps(String walletId, int count) {
        await(() -> thresholdTopUps(walletId).size() >= count);
        return thresholdTopUps(walletId);
    }

    /** Lets any check still running after the last change finish before asserting that nothing happened. */
    private static void settle() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(5);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 5 s").isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

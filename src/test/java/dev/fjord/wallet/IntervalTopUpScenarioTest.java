package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import dev.fjord.wallet.internal.WalletJobs;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Interval rules on a moved clock (spec §3.3): the scheduler tops up on the anchor's days, once per day. */
class IntervalTopUpScenarioTest extends ApiTest {
    @Autowired
    private WalletJobs jobs;

    @Test
    void monthlyFixedRuleAnchoredOnThe31stTopsUpOnTheLastDayOfFebruaryOnce() {
        clock.set(Instant.parse("2026-01-31T10:00:00Z"));
        new Scenario(api).customer("acme", null);
        String walletId = wallet("acme", "\"rate_amount\": \"1.5\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"monthly\", \"paid_credits\": \"20\", \"granted_credits\": \"5\","
                + " \"transaction_name\": \"Monthly pack\"}]");

        runAt("2026-02-27T23:59:59Z");
        assertThat(transactions(walletId)).isEmpty();
        runAt("2026-02-28T00:00:30Z");
        jobs.topUpDue();
        assertThat(transactions(walletId)).as("one run that day, however many times the job runs").hasSize(2);

        JsonNode wallet = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        // 5 granted credits × 1.50 EUR = 7.50 EUR, usable at once; the 20 bought ones wait for their invoice
        assertThat(wallet.get("balance_cents").longValue()).isEqualTo(750);
        JsonNode rows = transactions(walletId);
        assertThat(rows).hasSize(2);
        JsonNode granted = rows.get(0).get("transaction_status").stringValue().equals("granted") ? rows.get(0) : rows.get(1);
        JsonNode purchased = granted == rows.get(0) ? rows.get(1) : rows.get(0);
        assertThat(granted.get("source").stringValue()).isEqualTo("interval");
        assertThat(granted.get("name").stringValue()).isEqualTo("Monthly pack");
        assertThat(purchased.get("source").stringValue()).isEqualTo("interval");
        assertThat(purchased.get("status").stringValue()).isEqualTo("pending");
        // 20 credits × 1.50 = 30.00 EUR on the credit invoice
        assertThat(purchased.get("amount").stringValue()).isEqualTo("30.0");
        JsonNode invoice = api.get("/api/v1/invoices/" + purchased.get("lago_invoice_id").stringValue()).body().get("invoice");
        assertThat(invoice.get("invoice_type").stringValue()).isEqualTo("credit");
        assertThat(invoice.get("total_amount_cents").longValue()).isEqualTo(3000);

        // next: 31 March; the 30th does nothing
        runAt("2026-03-30T12:00:00Z");
        assertThat(transactions(walletId)).hasSize(2);
        runAt("2026-03-31T00:10:00Z");
        assertThat(transactions(walletId)).hasSize(4);
    }

    @Test
    void weeklyTargetRuleGrantsUpToTheTargetOnTheCustomersWednesdaysAndSkipsWhenThere() {
        // New York is UTC−4 from 8 March 2026
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        new Scenario(api).customer("ny", "\"timezone\": \"America/New_York\"");
        String walletId = wallet("ny", "\"rate_amount\": \"1\", \"currency\": \"USD\", \"granted_credits\": \"10\","
                + " \"recurring_transaction_rules\": [{\"trigger\": \"interval\", \"interval\": \"weekly\", \"method\": \"target\","
                + " \"target_ongoing_balance\": \"50\", \"grants_target_top_up\": true, \"started_at\": \"2026-03-18T12:00:00Z\"}]");
        voidCredits(walletId, "4");

        // Wednesday 18 March, but the rule starts at 12:00 UTC (08:00 in New York)
        runAt("2026-03-18T11:59:00Z");
        assertThat(balanceCents(walletId)).isEqualTo(600);
        runAt("2026-03-18T12:00:30Z");
        // 10 − 4 voided = 6 credits; target 50 → 44 credits granted
        assertThat(balanceCents(walletId)).isEqualTo(5000);
        assertThat(transactions(walletId).get(0).get("credit_amount").stringValue()).isEqualTo("44.0");

        // 25 March 03:59 UTC is still Tuesday in New York
        voidCredits(walletId, "1");
        runAt("2026-03-25T03:59:00Z");
        assertThat(balanceCents(walletId)).isEqualTo(4900);
        runAt("2026-03-25T04:00:30Z");
        // Wednesday in New York: 49 → 50, one credit granted
        assertThat(balanceCents(walletId)).isEqualTo(5000);
        runAt("2026-04-01T04:00:30Z");
        assertThat(transactions(walletId)).as("already at the target: nothing to add").hasSize(3);
        voidCredits(walletId, "30");
        runAt("2026-04-08T04:00:30Z");
        // 50 − 30 = 20; target 50 → 30 granted
        assertThat(balanceCents(walletId)).isEqualTo(5000);
    }

    @Test
    void yearlyPaidTargetRuleBuysAtLeastTheWalletMinimum() {
        clock.set(Instant.parse("2026-02-10T09:00:00Z"));
        new Scenario(api).customer("acme", null);
        String walletId = wallet("acme", "\"rate_amount\": \"2\", \"currency\": \"EUR\", \"granted_credits\": \"45\","
                + " \"paid_top_up_min_amount_cents\": 2000, \"recurring_transaction_rules\": [{\"trigger\": \"interval\","
                + " \"interval\": \"yearly\", \"method\": \"target\", \"target_ongoing_balance\": \"50\"}]");
        runAt("2027-02-09T23:00:00Z");
        assertThat(transactions(walletId)).hasSize(1);
        runAt("2027-02-10T00:30:00Z");
        JsonNode purchase = transactions(walletId).get(0);
        // gap 50 − 45 = 5 credits = 10.00 EUR, below the 20.00 EUR minimum: buys 10 credits (20.00 EUR)
        assertThat(purchase.get("transaction_status").stringValue()).isEqualTo("purchased");
        assertThat(purchase.get("credit_amount").stringValue()).isEqualTo("10.0");
        assertThat(purchase.get("amount").stringValue()).isEqualTo("20.0");
    }

    @Test
    void quarterlyAndSemiannualRulesRunEveryThirdAndSixthMonth() {
        clock.set(Instant.parse("2026-01-05T09:00:00Z"));
        new Scenario(api).customer("q", null);
        new Scenario(api).customer("s", null);
        String quarterly = wallet("q", "\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"quarterly\", \"granted_credits\": \"3\"}]");
        String semiannual = wallet("s", "\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"semiannual\", \"granted_credits\": \"6\"}]");
        for (String day : new String[] {"2026-02-05", "2026-03-05", "2026-04-05", "2026-05-05", "2026-06-05", "2026-07-05"}) {
            runAt(day + "T01:00:00Z");
        }
        // quarterly: 5 April and 5 July = 2 × 3 credits; semiannual: 5 July = 6 credits
        assertThat(balanceCents(quarterly)).isEqualTo(600);
        assertThat(balanceCents(semiannual)).isEqualTo(600);
    }

    @Test
    void expiredRulesAndTerminatedWalletsDoNotTopUp() {
        clock.set(Instant.parse("2026-03-02T09:00:00Z"));
        new Scenario(api).customer("acme", null);
        new Scenario(api).customer("gone", null);
        String expiring = wallet("acme", "\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"weekly\", \"granted_credits\": \"1\","
                + " \"expiration_at\": \"2026-03-12T00:00:00Z\"}]");
        String terminated = wallet("gone", "\"rate_amount\": \"1\", \"currency\": \"EUR\", \"recurring_transaction_rules\": [{"
                + "\"trigger\": \"interval\", \"interval\": \"weekly\", \"granted_credits\": \"1\"}]");
        api.delete("/api/v1/wallets/" + terminated);
        runAt("2026-03-09T00:30:00Z");
        assertThat(balanceCents(expiring)).isEqualTo(100);
        clock.set(Instant.parse("2026-03-12T00:00:30Z"));
        jobs.expireDue();
        assertThat(jdbc.sql("SELECT status FROM recurring_transaction_rules WHERE wallet_id = ?::uuid").param(expiring)
                .query(String.class).single()).isEqualTo("terminated");
        runAt("2026-03-16T00:30:00Z");
        assertThat(balanceCents(expiring)).isEqualTo(100);
        assertThat(balanceCents(terminated)).isZero();
    }

    /** Runs the scheduler's job at that instant (it serves every organization; assertions look at this test's wallets). */
    private void runAt(String instant) {
        clock.set(Instant.parse(instant));
        jobs.topUpDue();
    }

    private String wallet(String customer, String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"" + customer + "\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet").get("lago_id").stringValue();
    }

    private void voidCredits(String walletId, String credits) {
        var response = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"voided_credits\": \"" + credits + "\"}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private long balanceCents(String walletId) {
        return api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("balance_cents").longValue();
    }

    private JsonNode transactions(String walletId) {
        return api.get("/api/v1/wallets/" + walletId + "/wallet_transactions?transaction_type=inbound").body()
                .get("wallet_transactions");
    }
}

package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Wallets and their ledger over HTTP (spec §1, §2), with the ledger reconciled after every test. */
class WalletApiTest extends ApiTest {
    private Scenario s;

    @BeforeEach
    void customer() {
        s = new Scenario(api);
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        s.customer("acme", null);
    }

    @AfterEach
    void ledgerBalances() {
        JsonNode report = api.get("/api/v1/ledger/reconciliation").body().get("ledger_reconciliation");
        assertThat(report.get("mismatches").toString()).isEqualTo("[]");
    }

    @Test
    void grantedCreditsAreSettledInTheCreateAnswer() {
        JsonNode wallet = wallet("{\"name\": \"Prepaid Plus\", \"rate_amount\": \"1.5\", \"currency\": \"USD\","
                + " \"granted_credits\": \"10\", \"priority\": 10}");
        // 10 credits × 1.50 USD = 15.00 USD = 1500 cents, usable at once (Lago shows 0 until a job runs)
        assertThat(wallet.get("credits_balance").stringValue()).isEqualTo("10.0");
        assertThat(wallet.get("balance_cents").longValue()).isEqualTo(1500);
        assertThat(wallet.get("ongoing_balance_cents").longValue()).isEqualTo(1500);
        assertThat(wallet.get("credits_ongoing_balance").stringValue()).isEqualTo("10.0");
        assertThat(wallet.get("code").stringValue()).isEqualTo("prepaid_plus");
        assertThat(wallet.get("status").stringValue()).isEqualTo("active");
        assertThat(wallet.get("rate_amount").stringValue()).isEqualTo("1.5");
        assertThat(wallet.get("priority").intValue()).isEqualTo(10);
        assertThat(wallet.get("consumed_credits").stringValue()).isEqualTo("0.0");
        assertThat(wallet.get("applies_to").toString()).isEqualTo("{\"fee_types\":[],\"billable_metric_codes\":[]}");
        assertThat(wallet.get("payment_method").toString()).isEqualTo("{\"payment_method_id\":null,\"payment_method_type\":\"provider\"}");
        assertThat(wallet.has("metadata")).isFalse();
        assertThat(wallet.get("expiration_at").isNull()).isTrue();
        // The customer had no currency: it takes the wallet's.
        assertThat(api.get("/api/v1/customers/acme").body().get("customer").get("currency").stringValue()).isEqualTo("USD");

        JsonNode transactions = api.get("/api/v1/wallets/" + id(wallet) + "/wallet_transactions").body();
        JsonNode grant = transactions.get("wallet_transactions").get(0);
        assertThat(grant.get("transaction_status").stringValue()).isEqualTo("granted");
        assertThat(grant.get("status").stringValue()).isEqualTo("settled");
        assertThat(grant.get("amount").stringValue()).isEqualTo("15.0");
        assertThat(grant.get("credit_amount").stringValue()).isEqualTo("10.0");
        assertThat(grant.get("remaining_amount_cents").longValue()).isEqualTo(1500);
    }

    @Test
    void grantsAreReDerivedFromRoundedCentsAndVoidsConsumeInLagosOrder() {
        JsonNode wallet = wallet("{\"rate_amount\": \"3\", \"currency\": \"USD\"}");
        String walletId = id(wallet);
        // 0.333 credits × 3 = 0.999 → 1.00 USD; credits re-derived: 1.00 / 3 = 0.33333
        JsonNode small = topUp(walletId, "\"granted_credits\": \"0.333\"").get(0);
        assertThat(small.get("amount").stringValue()).isEqualTo("1.0");
        assertThat(small.get("credit_amount").stringValue()).isEqualTo("0.33333");
        JsonNode urgent = topUp(walletId, "\"granted_credits\": \"2\", \"priority\": 1").get(0);
        JsonNode late = topUp(walletId, "\"granted_credits\": \"1\"").get(0);

        // Void 2.5 credits = 7.50 USD: priority 1 first (6.00), then the oldest priority-50 grant (1.00), then 0.50
        // from the newest. Balance: 1.00 + 6.00 + 3.00 − 7.50 = 2.50 USD.
        JsonNode voided = topUp(walletId, "\"voided_credits\": \"2.5\"").get(0);
        assertThat(voided.get("transaction_type").stringValue()).isEqualTo("outbound");
        assertThat(voided.get("transaction_status").stringValue()).isEqualTo("voided");
        assertThat(voided.get("amount").stringValue()).isEqualTo("7.5");
        JsonNode fundings = api.get("/api/v1/wallet_transactions/" + id(voided) + "/fundings").body()
                .get("wallet_transaction_fundings");
        assertThat(fundings).hasSize(3);
        assertThat(fundings.get(0).get("lago_id").stringValue()).isEqualTo(id(urgent));
        assertThat(fundings.get(0).get("amount_cents").longValue()).isEqualTo(600);
        assertThat(fundings.get(1).get("lago_id").stringValue()).isEqualTo(id(small));
        assertThat(fundings.get(1).get("amount_cents").longValue()).isEqualTo(100);
        assertThat(fundings.get(2).get("lago_id").stringValue()).isEqualTo(id(late));
        assertThat(fundings.get(2).get("amount_cents").longValue()).isEqualTo(50);
        JsonNode after = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        assertThat(after.get("balance_cents").longValue()).isEqualTo(250);
        assertThat(after.get("consumed_credits").stringValue()).isEqualTo("2.5");
        JsonNode consumed = api.get("/api/v1/wallet_transactions/" + id(late) + "/consumptions").body()
                .get("wallet_transaction_consumptions");
        assertThat(consumed.get(0).get("wallet_transaction").get("lago_id").stringValue()).isEqualTo(id(voided));
    }

    @Test
    void walletsMadeWithoutCodeOrNameInOneSecondGetDistinctCodes() {
        clock.set(java.time.Instant.parse("2026-03-02T09:00:00Z"));
        // 2026-03-02T09:00:00Z = 1772442000 seconds since the epoch
        assertThat(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\"}").get("code").stringValue()).isEqualTo("default");
        assertThat(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\"}").get("code").stringValue())
                .isEqualTo("default_1772442000");
        assertThat(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\"}").get("code").stringValue())
                .isEqualTo("default_1772442000_2");
    }

    @Test
    void yenAndDinarRoundToTheirOwnExponents() {
        String yen = id(wallet("{\"code\": \"jpy\", \"rate_amount\": \"1\", \"currency\": \"JPY\", \"granted_credits\": \"10.5\"}"));
        // 10.5 × 1 JPY = 10.5 → 11 yen (exponent 0); credits 11 / 1 = 11
        assertThat(api.get("/api/v1/wallets/" + yen).body().get("wallet").get("balance_cents").longValue()).isEqualTo(11);
        s.customer("kuwait", null);
        JsonNode dinar = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"kuwait\", \"rate_amount\": \"2\","
                + " \"currency\": \"KWD\", \"granted_credits\": \"1.2345\"}}").body().get("wallet");
        // 1.2345 × 2 = 2.469 KWD = 2469 fils (exponent 3)
        assertThat(dinar.get("balance_cents").longValue()).isEqualTo(2469);
        assertThat(dinar.get("credits_balance").stringValue()).isEqualTo("1.2345");
    }

    @Test
    void perGrantExpiryVoidsOnlyThatGrantsRemainder() {
        String walletId = id(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"10\"}"));
        JsonNode expiring = topUp(walletId, "\"granted_credits\": \"5\", \"expiration_at\": \"2026-03-20T00:00:00Z\"").get(0);
        topUp(walletId, "\"voided_credits\": \"3\"");
        // The void took 3 from the first grant (oldest first): the expiring grant still has 5.
        clock.set(Instant.parse("2026-03-20T00:00:30Z"));
        jobs.expireDue();
        jobs.expireDue();

        JsonNode wallet = api.get("/api/v1/wallets/" + walletId).body().get("wallet");
        // 10 + 5 − 3 voided − 5 expired = 7 credits
        assertThat(wallet.get("credits_balance").stringValue()).isEqualTo("7.0");
        assertThat(api.get("/api/v1/wallet_transactions/" + id(expiring)).body().get("wallet_transaction")
                .get("remaining_amount_cents").longValue()).isZero();
        JsonNode expiry = api.get("/api/v1/wallet_transactions/" + id(expiring) + "/consumptions").body()
                .get("wallet_transaction_consumptions").get(0).get("wallet_transaction");
        assertThat(expiry.get("source").stringValue()).isEqualTo("expiry");
        assertThat(expiry.get("amount").stringValue()).isEqualTo("5.0");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswer() {
        String walletId = id(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\"}"));
        String body = "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId + "\", \"granted_credits\": \"5\"}}";
        var first = api.send(api.request("/api/v1/wallet_transactions").header("Content-Type", "application/json")
                .header("Idempotency-Key", "grant-1").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        var again = api.send(api.request("/api/v1/wallet_transactions").header("Content-Type", "application/json")
                .header("Idempotency-Key", "grant-1").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("credits_balance").stringValue())
                .isEqualTo("5.0");
        var other = api.send(api.request("/api/v1/wallet_transactions").header("Content-Type", "application/json")
                .header("Idempotency-Key", "grant-1").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        body.replace("\"5\"", "\"6\""))));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().get("error_details").toString()).isEqualTo("{\"idempotency_key\":[\"used_with_another_request\"]}");
    }

    @Test
    void rejectsBadWalletsAndWritesNothing() {
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"acme\"}}"))
                .isEqualTo("{\"rate_amount\":[\"value_is_mandatory\"],\"currency\":[\"value_is_mandatory\"]}");
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"0\", \"currency\": \"EUR\","
                + " \"paid_credits\": 20, \"granted_credits\": \"-1\", \"priority\": 51, \"expiration_at\": \"2020-01-01T00:00:00Z\"}}"))
                .isEqualTo("{\"rate_amount\":[\"value_is_out_of_range\"],\"priority\":[\"value_is_out_of_range\"],"
                        + "\"expiration_at\":[\"invalid_date\"],\"paid_credits\":[\"invalid_paid_credits\",\"invalid_amount\"],"
                        + "\"granted_credits\":[\"invalid_granted_credits\",\"invalid_amount\"]}");
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"nobody\", \"rate_amount\": \"1\", \"currency\": \"EUR\"}}"))
                .isEqualTo("{\"customer\":[\"customer_not_found\"]}");
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\", \"currency\": \"EUR\","
                + " \"granted_credits\": \"0.001\"}}")).isEqualTo("{\"granted_credits\":[\"amount_rounds_to_zero\"]}");
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\", \"currency\": \"EUR\","
                + " \"transaction_metadata\": [{\"key\": \"" + "k".repeat(21) + "\", \"value\": \"v\"}]}}"))
                .isEqualTo("{\"metadata\":[\"key_too_long\"]}");
        assertThat(api.get("/api/v1/wallets").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void atMostSixActiveWalletsAndCodesUniqueAmongActiveOnes() {
        for (int i = 0; i < 6; i++) {
            wallet("{\"code\": \"w" + i + "\", \"rate_amount\": \"1\", \"currency\": \"EUR\"}");
        }
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\", \"currency\": \"EUR\"}}"))
                .isEqualTo("{\"customer\":[\"wallet_limit_reached\"]}");
        String w0 = id(api.get("/api/v1/customers/acme/wallets/w0").body().get("wallet"));
        JsonNode terminated = api.delete("/api/v1/wallets/" + w0).body().get("wallet");
        assertThat(terminated.get("status").stringValue()).isEqualTo("terminated");
        assertThat(terminated.get("terminated_at").stringValue()).isEqualTo("2026-03-15T12:00:00.000Z");
        assertThat(api.delete("/api/v1/wallets/" + w0).body().get("wallet").get("terminated_at").stringValue())
                .isEqualTo("2026-03-15T12:00:00.000Z");
        // The slot and the code are free again.
        assertThat(wallet("{\"code\": \"w0\", \"rate_amount\": \"1\", \"currency\": \"EUR\"}").get("code").stringValue()).isEqualTo("w0");
        assertThat(errors("{\"wallet\": {\"external_customer_id\": \"acme\", \"code\": \"w1\", \"rate_amount\": \"1\", \"currency\": \"EUR\"}}"))
                .isEqualTo("{\"customer\":[\"wallet_limit_reached\"]}");
        // A terminated wallet takes no more credits.
        var refused = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + w0
                + "\", \"granted_credits\": \"1\"}}");
        assertThat(refused.body().get("error_details").toString()).isEqualTo("{\"wallet_id\":[\"wallet_is_terminated\"]}");
        assertThat(api.get("/api/v1/wallets?external_customer_id=acme").body().get("meta").get("total_count").intValue()).isEqualTo(7);
    }

    @Test
    void voidsCannotExceedTheBalanceAndUnknownWalletsAreRefused() {
        String walletId = id(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"2\"}"));
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"voided_credits\": \"2.5\"}}").body().get("error_details").toString())
                .isEqualTo("{\"voided_credits\":[\"insufficient_credits\"]}");
        assertThat(api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": "
                + "\"00000000-0000-0000-0000-000000000000\", \"granted_credits\": \"1\"}}").body().get("error_details").toString())
                .isEqualTo("{\"wallet_id\":[\"wallet_not_found\"]}");
        assertThat(newOrganization("Globex").post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \""
                + walletId + "\", \"granted_credits\": \"1\"}}").body().get("error_details").toString())
                .isEqualTo("{\"wallet_id\":[\"wallet_not_found\"]}");
        assertThat(newOrganization("Initech").get("/api/v1/wallets/" + walletId).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/wallets/not-a-uuid").body().get("code").stringValue()).isEqualTo("wallet_not_found");
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("credits_balance").stringValue()).isEqualTo("2.0");
    }

    @Test
    void metadataIsReplacedMergedAndRemoved() {
        String walletId = id(wallet("{\"rate_amount\": \"1\", \"currency\": \"EUR\", \"metadata\": {\"team\": \"growth\"}}"));
        assertThat(api.get("/api/v1/wallets/" + walletId).body().get("wallet").get("metadata").toString())
                .isEqualTo("{\"team\":\"growth\"}");
        assertThat(api.put("/api/v1/wallets/" + walletId + "/metadata", "{\"metadata\": {\"region\": \"eu\"}}").body().toString())
                .isEqualTo("{\"metadata\":{\"team\":\"growth\",\"region\":\"eu\"}}");
        assertThat(api.post("/api/v1/wallets/" + walletId + "/metadata", "{\"metadata\": {\"tier\": null}}").body().toString())
                .isEqualTo("{\"metadata\":{\"tier\":null}}");
        assertThat(api.delete("/api/v1/wallets/" + walletId + "/metadata/nope").body().get("code").stringValue())
                .isEqualTo("metadata_not_found");
        assertThat(api.delete("/api/v1/wallets/" + walletId + "/metadata").body().toString()).isEqualTo("{\"metadata\":null}");
    }

    @Test
    void theOngoingBalanceFollowsUsageInRealTimeAndAuthorizesSpending() {
        String metric = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]");
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        String first = id(wallet("{\"code\": \"first\", \"priority\": 1, \"rate_amount\": \"1\", \"currency\": \"EUR\", \"granted_credits\": \"3\"}"));
        String second = id(wallet("{\"code\": \"second\", \"priority\": 2, \"rate_amount\": \"2\", \"currency\": \"EUR\", \"granted_credits\": \"1\"}"));
        for (int i = 0; i < 4; i++) {
            s.event("e" + i, "sub", "calls", Instant.parse("2026-03-10T00:00:00Z").getEpochSecond(), "{}");
        }
        // Usage 4 × 1.00 = 4.00 EUR. Priority 1 holds 3.00 and takes 3.00; the last wallet absorbs 1.00 of its 2.00.
        JsonNode w1 = api.get("/api/v1/wallets/" + first).body().get("wallet");
        assertThat(w1.get("ongoing_usage_balance_cents").longValue()).isEqualTo(300);
        assertThat(w1.get("ongoing_balance_cents").longValue()).isZero();
        JsonNode w2 = api.get("/api/v1/wallets/" + second).body().get("wallet");
        assertThat(w2.get("ongoing_usage_balance_cents").longValue()).isEqualTo(100);
        assertThat(w2.get("ongoing_balance_cents").longValue()).isEqualTo(100);
        // 100 cents left = 0.5 credits at rate 2
        assertThat(w2.get("credits_ongoing_balance").stringValue()).isEqualTo("0.5");

        JsonNode allowed = api.get("/api/v1/customers/acme/spend_authorization?amount_cents=100").body().get("spend_authorization");
        assertThat(allowed.get("allowed").booleanValue()).isTrue();
        assertThat(allowed.get("available_amount_cents").longValue()).isEqualTo(100);
        JsonNode refused = api.get("/api/v1/customers/acme/spend_authorization?credits=0.6&wallet_code=second").body()
                .get("spend_authorization");
        // 0.6 credits × 2.00 = 1.20 EUR > 1.00 left
        assertThat(refused.get("allowed").booleanValue()).isFalse();
        assertThat(refused.get("requested_amount_cents").longValue()).isEqualTo(120);

        // Three more calls: the last wallet goes negative (−2.00 EUR), Lago's overflow rule.
        for (int i = 4; i < 7; i++) {
            s.event("e" + i, "sub", "calls", Instant.parse("2026-03-10T00:00:00Z").getEpochSecond(), "{}");
        }
        assertThat(api.get("/api/v1/wallets/" + second).body().get("wallet").get("ongoing_balance_cents").longValue())
                .isEqualTo(-200);
        assertThat(api.get("/api/v1/customers/acme/spend_authorization?amount_cents=1").body().get("spend_authorization")
                .get("allowed").booleanValue()).isFalse();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private dev.fjord.wallet.internal.WalletJobs jobs;

    private JsonNode wallet(String fields) {
        String body = fields.replaceFirst("\\{", "{\"external_customer_id\": \"acme\", ");
        var response = api.post("/api/v1/wallets", "{\"wallet\": " + body + "}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet");
    }

    private JsonNode topUp(String walletId, String fields) {
        var response = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet_transactions");
    }

    private String errors(String body) {
        var response = api.post("/api/v1/wallets", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        return response.body().get("error_details").toString();
    }

    private static String id(JsonNode node) {
        return node.get("lago_id").stringValue();
    }
}

package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code wallet.depleted_ongoing_balance} (spec §4.5) and wallet alerts (spec §5.13), written to the webhook outbox
 * within moments of the event that caused them. Usage: 1.00 EUR per call; 1 credit = 1.00 EUR.
 */
class DepletionAndAlertScenarioTest extends ApiTest {
    private MeteredCustomer usage;

    @BeforeEach
    void subscribedCustomerWithAWebhookEndpoint() {
        clock.set(Instant.parse("2026-03-15T12:00:00Z"));
        usage = MeteredCustomer.subscribe(api);
        var endpoint = api.post("/api/v1/webhook_endpoints", "{\"webhook_endpoint\": {\"webhook_url\": \"http://127.0.0.1:9/hooks\"}}");
        assertThat(endpoint.status()).as(endpoint.raw()).isEqualTo(200);
    }

    @Test
    void depletionIsReportedOncePerDepletionWithinTwoSecondsAndReArmedWhenPositive() {
        String walletId = wallet("\"granted_credits\": \"5\"");
        usage.calls(4);
        pause(1000);
        assertThat(webhooks("wallet.depleted_ongoing_balance")).as("ongoing 1.00 EUR left").isEmpty();

        usage.calls(1);
        // 5 − 5 = 0: depleted
        awaitWebhooks("wallet.depleted_ongoing_balance", 1, 2);
        JsonNode payload = webhooks("wallet.depleted_ongoing_balance").get(0);
        assertThat(payload.get("object_type").stringValue()).isEqualTo("wallet");
        assertThat(payload.get("wallet").get("lago_id").stringValue()).isEqualTo(walletId);
        assertThat(payload.get("wallet").get("ongoing_balance_cents").longValue()).isZero();

        usage.calls(2);
        pause(1000);
        assertThat(webhooks("wallet.depleted_ongoing_balance")).as("still depleted: not again").hasSize(1);

        // +10 granted: 15 − 7 = 8 > 0, re-armed; 8 more calls → 0 again → a second webhook
        api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"granted_credits\": \"10\"}}");
        pause(1000);
        usage.calls(8);
        awaitWebhooks("wallet.depleted_ongoing_balance", 2, 2);
    }

    @Test
    void aBalanceDebitedToZeroIsDepletedWithoutPricingAndItsAlertStillFires() {
        // no usage: a wallet whose balance is zero is depleted whatever its usage (the check skips pricing it)
        String walletId = wallet("\"code\": \"main\", \"granted_credits\": \"5\"");
        var created = api.post("/api/v1/customers/acme/wallets/main/alerts", "{\"alerts\": [{\"alert_type\":"
                + " \"wallet_ongoing_balance_amount\", \"code\": \"low\", \"thresholds\": [{\"value\": 100}]}]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);

        // 5 − 5 voided = 0 credits: depleted, and the alert's 500 → 0 cents crosses 100
        void_(walletId, "5");
        awaitWebhooks("wallet.depleted_ongoing_balance", 1, 2);
        awaitWebhooks("alert.triggered", 1, 2);
        assertThat(webhooks("wallet.depleted_ongoing_balance").get(0).get("wallet").get("balance_cents").longValue())
                .isZero();
        assertThat(webhooks("alert.triggered").get(0).get("triggered_alert").get("current_value").toString())
                .isEqualTo("0.0");

        // +2 granted re-arms (200 > 0); voiding them empties the wallet again: a second depletion, once
        api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"granted_credits\": \"2\"}}");
        pause(1000);
        void_(walletId, "2");
        awaitWebhooks("wallet.depleted_ongoing_balance", 2, 2);
        pause(500);
        assertThat(webhooks("wallet.depleted_ongoing_balance")).hasSize(2);
    }

    private void void_(String walletId, String credits) {
        var voided = api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \""
                + walletId + "\", \"voided_credits\": \"" + credits + "\"}}");
        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);
    }

    @Test
    void alertsFireWhenTheirThresholdsAreCrossedInTheirDirection() {
        wallet("\"code\": \"main\", \"granted_credits\": \"10\"");
        var created = api.post("/api/v1/customers/acme/wallets/main/alerts", "{\"alerts\": ["
                + "{\"alert_type\": \"wallet_ongoing_balance_amount\", \"code\": \"low\", \"name\": \"Low balance\","
                + " \"thresholds\": [{\"code\": \"warn\", \"value\": 500}, {\"code\": \"critical\", \"value\": \"200\"}]},"
                + "{\"alert_type\": \"wallet_credits_balance\", \"code\": \"refilled\", \"direction\": \"increasing\","
                + " \"thresholds\": [{\"value\": \"15\"}]}]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        JsonNode low = created.body().get("alerts").get(0);
        assertThat(low.get("alert_type").stringValue()).isEqualTo("wallet_ongoing_balance_amount");
        assertThat(low.get("direction").stringValue()).isEqualTo("decreasing");
        assertThat(low.get("wallet_code").stringValue()).isEqualTo("main");
        assertThat(low.get("billable_metric").isNull()).isTrue();
        assertThat(low.get("external_subscription_id").isNull()).isTrue();
        // the alert starts from the value at its creation: 10 credits = 1000 cents
        assertThat(low.get("previous_value").toString()).isEqualTo("1000.0");
        assertThat(low.get("thresholds").toString())
                .isEqualTo("[{\"code\":\"warn\",\"value\":\"500.0\",\"recurring\":false},{\"code\":\"critical\",\"value\":\"200.0\",\"recurring\":false}]");

        usage.calls(4);
        pause(1000);
        assertThat(webhooks("alert.triggered")).as("1000 → 600 cents crosses nothing").isEmpty();
        usage.calls(2);
        // 600 → 400 crosses 500
        awaitWebhooks("alert.triggered", 1, 2);
        JsonNode triggered = webhooks("alert.triggered").get(0);
        assertThat(triggered.get("object_type").stringValue()).isEqualTo("triggered_alert");
        JsonNode alert = triggered.get("triggered_alert");
        assertThat(alert.get("alert_code").stringValue()).isEqualTo("low");
        assertThat(alert.get("alert_name").stringValue()).isEqualTo("Low balance");
        assertThat(alert.get("external_customer_id").stringValue()).isEqualTo("acme");
        assertThat(alert.get("current_value").toString()).isEqualTo("400.0");
        assertThat(alert.get("previous_value").toString()).isEqualTo("600.0");
        assertThat(alert.get("crossed_thresholds").toString()).isEqualTo("[{\"code\":\"warn\",\"value\":\"500.0\",\"recurring\":false}]");

        // 400 → 100 crosses 200
        usage.calls(3);
        awaitWebhooks("alert.triggered", 2, 2);
        // credits balance 10 → 20: the increasing alert crosses 15 (the ongoing alert goes up: nothing)
        String walletId = api.get("/api/v1/customers/acme/wallets/main").body().get("wallet").get("lago_id").stringValue();
        api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"granted_credits\": \"10\"}}");
        awaitWebhooks("alert.triggered", 3, 2);
        pause(500);
        assertThat(webhooks("alert.triggered")).hasSize(3);
        assertThat(webhooks("alert.triggered").get(0).get("triggered_alert").get("alert_code").stringValue())
                .isEqualTo("refilled");
    }

    @Test
    void aRecurringThresholdFiresAtEveryStepBeyondTheLastFixedOneOncePerEvaluation() {
        String walletId = wallet("\"code\": \"main\", \"granted_credits\": \"10\"");
        var created = api.post("/api/v1/customers/acme/wallets/main/alerts", "{\"alerts\": ["
                + "{\"alert_type\": \"wallet_ongoing_balance_amount\", \"code\": \"low\", \"thresholds\": ["
                + "{\"code\": \"warn\", \"value\": 800}, {\"code\": \"critical\", \"value\": 500},"
                + " {\"code\": \"every\", \"value\": 150, \"recurring\": true}]},"
                + "{\"alert_type\": \"wallet_credits_balance\", \"code\": \"refilled\", \"direction\": \"increasing\","
                + " \"thresholds\": [{\"code\": \"step\", \"value\": \"25\", \"recurring\": true}]}]}");
        assertThat(created.status()).as(created.raw()).isEqualTo(200);
        assertThat(created.body().get("alerts").get(0).get("thresholds").get(2).toString())
                .isEqualTo("{\"code\":\"every\",\"value\":\"150.0\",\"recurring\":true}");

        // ongoing 1000 → 700 cents: the fixed 800 only
        usage.calls(3);
        awaitWebhooks("alert.triggered", 1, 2);
        assertThat(crossed(0)).isEqualTo("[{\"code\":\"warn\",\"value\":\"800.0\",\"recurring\":false}]");

        // one batch, 700 → 200: the fixed 500, then the steps below it, 500 − 150 = 350 and 500 − 2·150 = 200
        // (200 is reached, so it counts), all in one webhook
        usage.calls(5);
        awaitWebhooks("alert.triggered", 2, 2);
        assertThat(crossed(0)).isEqualTo("[{\"code\":\"critical\",\"value\":\"500.0\",\"recurring\":false},"
                + "{\"code\":\"every\",\"value\":\"200.0\",\"recurring\":true},"
                + "{\"code\":\"every\",\"value\":\"350.0\",\"recurring\":true}]");
        assertThat(webhooks("alert.triggered").get(0).get("triggered_alert").get("previous_value").toString()).isEqualTo("700.0");

        // voiding 3 credits: 7 credits − 8.00 EUR usage = −100 cents; 200 is behind, so 500 − 3·150 = 50 and
        // 500 − 4·150 = −100. The credits balance 10 → 7 goes down: the increasing alert stays quiet
        void_(walletId, "3");
        awaitWebhooks("alert.triggered", 3, 2);
        assertThat(crossed(0)).isEqualTo("[{\"code\":\"every\",\"value\":\"-100.0\",\"recurring\":true},"
                + "{\"code\":\"every\",\"value\":\"50.0\",\"recurring\":true}]");

        // +60 granted: credits 7 → 67 pass 25 and 50 (no fixed thresholds: steps from 0); the ongoing alert goes up
        api.post("/api/v1/wallet_transactions", "{\"wallet_transaction\": {\"wallet_id\": \"" + walletId
                + "\", \"granted_credits\": \"60\"}}");
        awaitWebhooks("alert.triggered", 4, 2);
        JsonNode refilled = webhooks("alert.triggered").get(0).get("triggered_alert");
        assertThat(refilled.get("alert_code").stringValue()).isEqualTo("refilled");
        assertThat(refilled.get("previous_value").toString()).isEqualTo("7.0");
        assertThat(refilled.get("current_value").toString()).isEqualTo("67.0");
        assertThat(crossed(0)).isEqualTo("[{\"code\":\"step\",\"value\":\"25.0\",\"recurring\":true},"
                + "{\"code\":\"step\",\"value\":\"50.0\",\"recurring\":true}]");
        pause(500);
        assertThat(webhooks("alert.triggered")).hasSize(4);
    }

    /** The crossed thresholds of the {@code index}-th newest {@code alert.triggered}. */
    private String crossed(int index) {
        return webhooks("alert.triggered").get(index).get("triggered_alert").get("crossed_thresholds").toString();
    }

    @Test
    void alertEndpointsFollowLagoAndRefuseBadInput() {
        wallet("\"code\": \"main\"");
        String path = "/api/v1/customers/acme/wallets/main/alerts";
        var one = api.post(path, "{\"alert\": {\"alert_type\": \"wallet_balance_amount\", \"code\": \"a\", \"thresholds\": [{\"value\": 100}]}}");
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        assertThat(one.body().get("alert").get("code").stringValue()).isEqualTo("a");
        assertThat(api.post(path, "{\"alert\": {\"alert_type\": \"wallet_balance_amount\", \"code\": \"a\", \"thresholds\": [{\"value\": 1}]}}")
                .body().get("error_details").toString()).isEqualTo("{\"code\":[\"value_already_exist\"]}");
        assertThat(api.post(path, "{\"alert\": {\"alert_type\": \"usage\", \"thresholds\": [{\"value\": \"-1\"}]}}")
                .body().get("error_details").toString())
                .isEqualTo("{\"alert_type\":[\"value_is_invalid\"],\"thresholds\":[\"value_is_out_of_range\"],\"code\":[\"value_is_mandatory\"]}");
        assertThat(api.post(path, "{\"alert\": {\"alert_type\": \"wallet_balance_amount\", \"code\": \"r\", \"thresholds\":"
                + " [{\"value\": 5, \"recurring\": true}, {\"value\": 1, \"recurring\": true}]}}").body().get("error_details").toString())
                .isEqualTo("{\"thresholds\":[\"multiple_recurring_thresholds\"]}");
        assertThat(api.post(path, "{\"alert\": {\"alert_type\": \"wallet_balance_amount\", \"code\": \"r\","
                + " \"thresholds\": [{\"value\": 0, \"recurring\": true}]}}").body().get("error_details").toString())
                .isEqualTo("{\"thresholds\":[\"value_is_out_of_range\"]}");
        assertThat(api.post("/api/v1/customers/nobody/wallets/main/alerts", "{\"alert\": {\"alert_type\": \"wallet_balance_amount\","
                + " \"code\": \"b\", \"thresholds\": [{\"value\": 1}]}}").body().get("code").stringValue())
                .isEqualTo("customer_not_found");
        assertThat(api.get("/api/v1/customers/acme/wallets/other/alerts").body().get("code").stringValue())
                .isEqualTo("wallet_not_found");
        assertThat(api.get(path + "/nope").body().get("code").stringValue()).isEqualTo("alert_not_found");

        var updated = api.put(path + "/a", "{\"alert\": {\"name\": \"Renamed\", \"thresholds\": [{\"value\": \"50.5\"}]}}");
        assertThat(updated.body().get("alert").get("name").stringValue()).isEqualTo("Renamed");
        assertThat(updated.body().get("alert").get("thresholds").get(0).get("value").stringValue()).isEqualTo("50.5");
        assertThat(api.get(path).body().get("alerts")).hasSize(1);
        assertThat(api.delete(path + "/a").body().get("alert").get("code").stringValue()).isEqualTo("a");
        assertThat(api.get(path).body().get("alerts")).isEmpty();
    }

    private String wallet(String fields) {
        var response = api.post("/api/v1/wallets", "{\"wallet\": {\"external_customer_id\": \"acme\", \"rate_amount\": \"1\","
                + " \"currency\": \"EUR\", " + fields + "}}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("wallet").get("lago_id").stringValue();
    }


    /** This organization's outbox rows of a type, newest first, as the JSON they will be sent as. */
    private List<JsonNode> webhooks(String type) {
        return jdbc.sql("""
                SELECT h.payload FROM webhooks h JOIN api_keys k ON k.organization_id = h.organization_id
                WHERE k.value_prefix = ? AND h.webhook_type = ? ORDER BY h.created_at DESC, h.id DESC""")
                .params(api.apiKeyPrefix(), type).query(String.class).list().stream().map(ApiClient::parse).toList();
    }

    private void awaitWebhooks(String type, int count, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (webhooks(type).size() < count) {
            assertThat(Instant.now()).as("%d %s within %d s", count, type, seconds).isBefore(deadline);
            pause(25);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

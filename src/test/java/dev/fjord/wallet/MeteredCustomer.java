package dev.fjord.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.Scenario;
import java.time.Instant;

/**
 * The usage fixture of the automation tests: customer {@code acme}, subscribed since 1 March 2026 (subscription
 * {@code sub}) to plan {@code plan}, which bills 1.00 EUR per {@code calls} event; events are sent on 10 March.
 */
final class MeteredCustomer {
    static final long MARCH_10 = Instant.parse("2026-03-10T00:00:00Z").getEpochSecond();

    private final ApiClient api;
    private int sent;

    private MeteredCustomer(ApiClient api) {
        this.api = api;
    }

    static MeteredCustomer subscribe(ApiClient api) {
        Scenario s = new Scenario(api);
        String metric = s.metric("calls", "count_agg", null, null);
        s.plan("plan", "monthly", 0, "EUR", "[{\"billable_metric_id\": \"" + metric
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]");
        s.customer("acme", null);
        s.subscription("sub", "acme", "plan", "\"subscription_at\": \"2026-03-01T00:00:00Z\"");
        return new MeteredCustomer(api);
    }

    /** Sends {@code count} calls in one batch: {@code count} × 1.00 EUR of usage. */
    void calls(int count) {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ", ").append("{\"transaction_id\": \"e").append(sent++)
                    .append("\", \"external_subscription_id\": \"sub\", \"code\": \"calls\", \"timestamp\": ")
                    .append(MARCH_10).append("}");
        }
        var response = api.post("/api/v1/events/batch", "{\"events\": [" + batch + "]}");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }
}

package dev.fjord.support;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Short builders for catalog, customers, subscriptions and events through the public API, failing loudly. */
public final class Scenario {
    private final ApiClient api;

    public Scenario(ApiClient api) {
        this.api = api;
    }

    /** Creates a billable metric and returns its lago_id. */
    public String metric(String code, String aggregationType, String fieldName, String extraJson) {
        String field = fieldName == null ? "" : ", \"field_name\": \"" + fieldName + "\"";
        String extra = extraJson == null ? "" : ", " + extraJson;
        return ok(api.post("/api/v1/billable_metrics", "{\"billable_metric\": {\"name\": \"" + code + "\", \"code\": \""
                + code + "\", \"aggregation_type\": \"" + aggregationType + "\"" + field + extra + "}}"))
                .get("billable_metric").get("lago_id").stringValue();
    }

    /** Creates a plan; {@code chargesJson} is the JSON array of charges. */
    public JsonNode plan(String code, String interval, long amountCents, String currency, String chargesJson) {
        return ok(api.post("/api/v1/plans", "{\"plan\": {\"name\": \"" + code + "\", \"code\": \"" + code
                + "\", \"interval\": \"" + interval + "\", \"amount_cents\": " + amountCents + ", \"amount_currency\": \""
                + currency + "\", \"charges\": " + chargesJson + "}}")).get("plan");
    }

    public JsonNode customer(String externalId, String extraJson) {
        String extra = extraJson == null ? "" : ", " + extraJson;
        return ok(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"" + externalId + "\"" + extra + "}}"))
                .get("customer");
    }

    public JsonNode subscription(String externalId, String customer, String plan, String extraJson) {
        String extra = extraJson == null ? "" : ", " + extraJson;
        return ok(api.post("/api/v1/subscriptions", "{\"subscription\": {\"external_id\": \"" + externalId
                + "\", \"external_customer_id\": \"" + customer + "\", \"plan_code\": \"" + plan + "\"" + extra + "}}"))
                .get("subscription");
    }

    /** Sends one event at {@code unixSeconds} with the given properties JSON object. */
    public JsonNode event(String transactionId, String subscription, String code, long unixSeconds, String propertiesJson) {
        return ok(api.post("/api/v1/events", "{\"event\": {\"transaction_id\": \"" + transactionId
                + "\", \"external_subscription_id\": \"" + subscription + "\", \"code\": \"" + code
                + "\", \"timestamp\": " + unixSeconds + ", \"properties\": " + propertiesJson + "}}")).get("event");
    }

    public JsonNode usage(String customer, String subscription) {
        return ok(api.get("/api/v1/customers/" + customer + "/current_usage?external_subscription_id=" + subscription))
                .get("customer_usage");
    }

    private static JsonNode ok(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }
}

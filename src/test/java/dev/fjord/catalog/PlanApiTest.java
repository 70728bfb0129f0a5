package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/plans} (spec §5.4): plans, charges, filters and their validation. */
class PlanApiTest extends ApiTest {
    private Scenario s;
    private String calls;
    private String storage;

    @BeforeEach
    void metrics() {
        s = new Scenario(api);
        calls = s.metric("calls", "count_agg", null, "\"filters\": [{\"key\": \"region\", \"values\": [\"eu\", \"us\"]}]");
        storage = s.metric("storage", "sum_agg", "gb", null);
    }

    @Test
    void createsAPlanWithChargesAndFilters() {
        var response = api.post("/api/v1/plans", """
                {"plan": {"name": "Startup", "code": "startup", "interval": "monthly", "amount_cents": 4900,
                  "amount_currency": "EUR", "trial_period": 14.5, "pay_in_advance": true, "description": "For teams",
                  "invoice_display_name": "Startup plan", "minimum_commitment": {"amount_cents": 10000},
                  "charges": [
                    {"billable_metric_id": "%s", "charge_model": "standard", "invoice_display_name": "API calls",
                     "properties": {"amount": "0.01"},
                     "filters": [{"invoice_display_name": "EU calls", "properties": {"amount": "0.02"}, "values": {"region": ["eu"]}}]},
                    {"billable_metric_id": "%s", "charge_model": "standard", "min_amount_cents": 500,
                     "properties": {"amount": "0.10"}}]}}""".formatted(calls, storage));

        assertThat(response.status()).isEqualTo(200);
        JsonNode plan = response.body().get("plan");
        assertThat(plan.get("code").stringValue()).isEqualTo("startup");
        assertThat(plan.get("interval").stringValue()).isEqualTo("monthly");
        assertThat(plan.get("amount_cents").longValue()).isEqualTo(4900);
        assertThat(plan.get("amount_currency").stringValue()).isEqualTo("EUR");
        assertThat(plan.get("trial_period").decimalValue()).isEqualByComparingTo("14.5");
        assertThat(plan.get("pay_in_advance").booleanValue()).isTrue();
        assertThat(plan.get("bill_charges_monthly").booleanValue()).isFalse();
        assertThat(plan.get("minimum_commitment").get("amount_cents").longValue()).isEqualTo(10_000);
        assertThat(plan.get("active_subscriptions_count").intValue()).isZero();
        JsonNode charges = plan.get("charges");
        assertThat(charges).hasSize(2);
        assertThat(charges.get(0).get("lago_billable_metric_id").stringValue()).isEqualTo(calls);
        assertThat(charges.get(0).get("billable_metric_code").stringValue()).isEqualTo("calls");
        assertThat(charges.get(0).get("charge_model").stringValue()).isEqualTo("standard");
        assertThat(charges.get(0).get("invoiceable").booleanValue()).isTrue();
        assertThat(charges.get(0).get("properties").get("amount").stringValue()).isEqualTo("0.01");
        assertThat(charges.get(0).get("filters").get(0).get("values").toString()).isEqualTo("{\"region\":[\"eu\"]}");
        assertThat(charges.get(0).get("filters").get(0).get("invoice_display_name").stringValue()).isEqualTo("EU calls");
        assertThat(charges.get(1).get("min_amount_cents").longValue()).isEqualTo(500);
        assertThat(api.get("/api/v1/plans/startup").body()).isEqualTo(response.body());
        assertThat(s.metric("unused", "count_agg", null, null)).isNotNull();
        assertThat(api.get("/api/v1/billable_metrics/calls").body().get("billable_metric").get("plans_count").intValue())
                .isEqualTo(1);
    }

    @Test
    void updatingChargesKeepsTheOnesNamedByIdAndRemovesTheOthers() {
        JsonNode plan = s.plan("p", "monthly", 1000, "EUR", """
                [{"billable_metric_id": "%s", "charge_model": "standard", "properties": {"amount": "1"}},
                 {"billable_metric_id": "%s", "charge_model": "standard", "properties": {"amount": "2"}}]"""
                .formatted(calls, storage));
        String kept = plan.get("charges").get(0).get("lago_id").stringValue();

        JsonNode updated = api.put("/api/v1/plans/p", """
                {"plan": {"name": "Renamed", "charges": [
                  {"id": "%s", "billable_metric_id": "%s", "charge_model": "standard", "properties": {"amount": "3"}}]}}"""
                .formatted(kept, calls)).body().get("plan");

        assertThat(updated.get("name").stringValue()).isEqualTo("Renamed");
        assertThat(updated.get("amount_cents").longValue()).isEqualTo(1000);
        assertThat(updated.get("charges")).hasSize(1);
        assertThat(updated.get("charges").get(0).get("lago_id").stringValue()).isEqualTo(kept);
        assertThat(updated.get("charges").get(0).get("properties").get("amount").stringValue()).isEqualTo("3");
        JsonNode unchanged = api.put("/api/v1/plans/p", "{\"plan\": {\"description\": \"d\"}}").body().get("plan");
        assertThat(unchanged.get("charges")).hasSize(1);
    }

    @Test
    void rejectsInvalidPlansAndWritesNothing() {
        assertThat(errors("{\"plan\": {}}")).isEqualTo("{\"name\":[\"value_is_mandatory\"],\"code\":[\"value_is_mandatory\"],"
                + "\"interval\":[\"value_is_mandatory\"],\"amount_cents\":[\"value_is_mandatory\"],"
                + "\"amount_currency\":[\"value_is_mandatory\"]}");
        assertThat(errors("{\"plan\": {\"name\": \"P\", \"code\": \"p\", \"interval\": \"daily\", \"amount_cents\": -1,"
                + " \"amount_currency\": \"EURO\", \"trial_period\": -2}}"))
                .isEqualTo("{\"interval\":[\"value_is_invalid\"],\"amount_cents\":[\"value_is_out_of_range\"],"
                        + "\"amount_currency\":[\"value_is_invalid\"],\"trial_period\":[\"value_is_out_of_range\"]}");
        assertThat(errors("{\"plan\": {\"name\": \"P\", \"code\": \"p\", \"interval\": \"monthly\", \"amount_cents\": 1,"
                + " \"amount_currency\": \"EUR\", \"bill_charges_monthly\": true}}"))
                .isEqualTo("{\"bill_charges_monthly\":[\"not_compatible_with_interval\"]}");
        assertThat(errors(plan("[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\": \"dynamic\"}]")))
                .isEqualTo("{\"charge_model\":[\"invalid_aggregation_type_or_charge_model\"]}");
        assertThat(errors(plan("[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\": \"magic\"}]")))
                .isEqualTo("{\"charges\":[\"value_is_invalid\"]}");
        assertThat(errors(plan("[{\"billable_metric_id\": \"" + calls + "\", \"charge_model\": \"standard\","
                + " \"properties\": {\"amount\": \"1\"}, \"filters\": [{\"properties\": {\"amount\": \"1\"},"
                + " \"values\": {\"region\": [\"mars\"]}}]}]")))
                .isEqualTo("{\"filters\":[\"invalid_filter_values\"]}");
        assertThat(errors(plan("[{\"billable_metric_id\": \"" + storage + "\", \"charge_model\": \"standard\","
                + " \"pay_in_advance\": true, \"min_amount_cents\": 100, \"properties\": {\"amount\": \"1\"}}]")))
                .isEqualTo("{\"min_amount_cents\":[\"not_compatible_with_pay_in_advance\"]}");
        assertThat(errors(plan("[{\"billable_metric_id\": \"" + storage + "\", \"charge_model\": \"standard\","
                + " \"properties\": {\"amount\": 5}}]"))).isEqualTo("{\"properties\":[\"invalid_amount\"]}");
        assertThat(errors(plan("[{\"billable_metric_id\": \"" + storage + "\", \"charge_model\": \"graduated\","
                + " \"properties\": {\"graduated_ranges\": [{\"from_value\": 0, \"to_value\": 10, \"per_unit_amount\": \"1\","
                + " \"flat_amount\": \"0\"}, {\"from_value\": 20, \"to_value\": null, \"per_unit_amount\": \"1\","
                + " \"flat_amount\": \"0\"}]}}]"))).isEqualTo("{\"properties\":[\"invalid_graduated_ranges\"]}");
        var unknownMetric = api.post("/api/v1/plans", plan("[{\"billable_metric_id\": \"00000000-0000-0000-0000-000000000000\","
                + " \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]"));
        assertThat(unknownMetric.status()).isEqualTo(404);
        assertThat(unknownMetric.body().get("code").stringValue()).isEqualTo("billable_metric_not_found");
        assertThat(api.get("/api/v1/plans").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void aMetricOfAnotherOrganizationCannotBePriced() {
        var other = newOrganization("Globex");
        var response = other.post("/api/v1/plans", plan("[{\"billable_metric_id\": \"" + calls
                + "\", \"charge_model\": \"standard\", \"properties\": {\"amount\": \"1\"}}]"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(other.get("/api/v1/plans").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void codesAreUniqueAndDeletingAPlanTerminatesItsSubscriptions() {
        s.plan("p", "monthly", 1000, "EUR", "[]");
        assertThat(errors(plan("[]"))).isEqualTo("{\"code\":[\"value_already_exist\"]}");
        s.customer("acme", null);
        s.subscription("sub", "acme", "p", null);
        assertThat(api.get("/api/v1/plans/p").body().get("plan").get("active_subscriptions_count").intValue()).isEqualTo(1);
        // Subscribed terms cannot change under the subscriber.
        assertThat(api.put("/api/v1/plans/p", "{\"plan\": {\"interval\": \"yearly\"}}").body().get("error_details").toString())
                .isEqualTo("{\"interval\":[\"used_by_subscriptions\"]}");

        assertThat(api.delete("/api/v1/plans/p").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/plans/p").body().get("code").stringValue()).isEqualTo("plan_not_found");
        assertThat(api.get("/api/v1/subscriptions/sub?status=terminated").body().get("subscription").get("status")
                .stringValue()).isEqualTo("terminated");
    }

    private String plan(String charges) {
        return "{\"plan\": {\"name\": \"P\", \"code\": \"p\", \"interval\": \"monthly\", \"amount_cents\": 100,"
                + " \"amount_currency\": \"EUR\", \"charges\": " + charges + "}}";
    }

    private String errors(String body) {
        var response = api.post("/api/v1/plans", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        return response.body().get("error_details").toString();
    }
}

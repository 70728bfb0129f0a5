package dev.fjord.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/billable_metrics} (spec §5.3). */
class BillableMetricApiTest extends ApiTest {

    private static final String STORAGE = """
            {"billable_metric": {"name": "Storage", "code": "storage_gb", "aggregation_type": "sum_agg",
              "field_name": "gb", "recurring": true, "rounding_function": "ceil", "rounding_precision": 2,
              "description": "GB stored", "filters": [{"key": "region", "values": ["eu", "us", "eu"]}]}}""";

    @Test
    void createsAndShowsAMetricWithEveryField() {
        var response = api.post("/api/v1/billable_metrics", STORAGE);

        assertThat(response.status()).isEqualTo(200);
        JsonNode m = response.body().get("billable_metric");
        assertThat(m.get("name").stringValue()).isEqualTo("Storage");
        assertThat(m.get("code").stringValue()).isEqualTo("storage_gb");
        assertThat(m.get("aggregation_type").stringValue()).isEqualTo("sum_agg");
        assertThat(m.get("field_name").stringValue()).isEqualTo("gb");
        assertThat(m.get("recurring").booleanValue()).isTrue();
        assertThat(m.get("rounding_function").stringValue()).isEqualTo("ceil");
        assertThat(m.get("rounding_precision").intValue()).isEqualTo(2);
        assertThat(m.get("weighted_interval").isNull()).isTrue();
        assertThat(m.get("expression").isNull()).isTrue();
        // Duplicate values are dropped, order kept.
        assertThat(m.get("filters").toString()).isEqualTo("[{\"key\":\"region\",\"values\":[\"eu\",\"us\"]}]");
        assertThat(m.get("plans_count").intValue()).isZero();
        assertThat(api.get("/api/v1/billable_metrics/storage_gb").body()).isEqualTo(response.body());
    }

    @Test
    void weightedSumDefaultsToSecondsAndCountNeedsNoField() {
        JsonNode weighted = api.post("/api/v1/billable_metrics", """
                {"billable_metric": {"name": "Seats", "code": "seats", "aggregation_type": "weighted_sum_agg",
                  "field_name": "seats"}}""").body().get("billable_metric");
        assertThat(weighted.get("weighted_interval").stringValue()).isEqualTo("seconds");

        var count = api.post("/api/v1/billable_metrics",
                "{\"billable_metric\": {\"name\": \"Calls\", \"code\": \"calls\", \"aggregation_type\": \"count_agg\"}}");
        assertThat(count.status()).isEqualTo(200);
        assertThat(count.body().get("billable_metric").get("field_name").isNull()).isTrue();
    }

    @Test
    void rejectsInvalidMetricsAndWritesNothing() {
        assertThat(errors("{\"billable_metric\": {}}")).isEqualTo(
                "{\"name\":[\"value_is_mandatory\"],\"code\":[\"value_is_mandatory\"],\"aggregation_type\":[\"value_is_mandatory\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"median_agg\"}}"))
                .isEqualTo("{\"aggregation_type\":[\"value_is_invalid\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"custom_agg\"}}"))
                .isEqualTo("{\"aggregation_type\":[\"not_supported\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"sum_agg\"}}"))
                .isEqualTo("{\"field_name\":[\"value_is_mandatory\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"max_agg\","
                + " \"field_name\": \"v\", \"recurring\": true}}"))
                .isEqualTo("{\"recurring\":[\"not_compatible_with_aggregation_type\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"count_agg\","
                + " \"rounding_function\": \"banker\", \"rounding_precision\": 99, \"recurring\": \"yes\"}}"))
                .isEqualTo("{\"recurring\":[\"value_is_invalid\"],\"rounding_function\":[\"value_is_invalid\"],"
                        + "\"rounding_precision\":[\"value_is_out_of_range\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"count_agg\","
                + " \"filters\": [{\"key\": \"a\", \"values\": []}]}}"))
                .isEqualTo("{\"filters\":[\"value_is_mandatory\"]}");
        assertThat(errors("{\"billable_metric\": {\"name\": \"X\", \"code\": \"x\", \"aggregation_type\": \"count_agg\","
                + " \"filters\": [{\"key\": \"a\", \"values\": [\"1\"]}, {\"key\": \"a\", \"values\": [\"2\"]}]}}"))
                .isEqualTo("{\"filters\":[\"value_already_exist\"]}");
        assertThat(api.get("/api/v1/billable_metrics").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void codesAreUniquePerOrganization() {
        api.post("/api/v1/billable_metrics", STORAGE);
        assertThat(errors(STORAGE)).isEqualTo("{\"code\":[\"value_already_exist\"]}");

        var other = newOrganization("Globex");
        assertThat(other.post("/api/v1/billable_metrics", STORAGE).status()).isEqualTo(200);
        assertThat(other.get("/api/v1/billable_metrics").body().get("meta").get("total_count").intValue()).isEqualTo(1);
        other.delete("/api/v1/billable_metrics/storage_gb");
        assertThat(api.get("/api/v1/billable_metrics/storage_gb").status()).isEqualTo(200);
    }

    @Test
    void updatesOnlyTheSentFieldsAndDeleteFreesTheCode() {
        api.post("/api/v1/billable_metrics", STORAGE);

        JsonNode updated = api.put("/api/v1/billable_metrics/storage_gb",
                "{\"billable_metric\": {\"name\": \"Storage (GB)\", \"filters\": []}}").body().get("billable_metric");
        assertThat(updated.get("name").stringValue()).isEqualTo("Storage (GB)");
        assertThat(updated.get("field_name").stringValue()).isEqualTo("gb");
        assertThat(updated.get("filters").toString()).isEqualTo("[]");
        assertThat(api.put("/api/v1/billable_metrics/nope", "{\"billable_metric\": {\"name\": \"N\"}}").body()
                .get("code").stringValue()).isEqualTo("billable_metric_not_found");

        assertThat(api.delete("/api/v1/billable_metrics/storage_gb").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/billable_metrics/storage_gb").raw())
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"billable_metric_not_found\"}");
        assertThat(api.post("/api/v1/billable_metrics", STORAGE).status()).isEqualTo(200);
    }

    private String errors(String body) {
        var response = api.post("/api/v1/billable_metrics", body);
        assertThat(response.status()).as(body).isEqualTo(422);
        return response.body().get("error_details").toString();
    }
}

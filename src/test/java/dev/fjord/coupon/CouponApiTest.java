package dev.fjord.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/coupons} (spec §5.9) over HTTP. */
class CouponApiTest extends ApiTest {

    static final String FIXED = """
            {"coupon": {"name": "Startup Deal", "code": "startup_deal", "description": "I am a coupon description",
              "coupon_type": "fixed_amount", "amount_cents": 5000, "amount_currency": "USD", "frequency": "once",
              "reusable": false, "expiration": "no_expiration"}}""";

    /** 2099, far enough to stay in the future for the life of this code. */
    static final String FUTURE = "2099-08-08T23:59:59Z";

    static String percentage(String code) {
        return """
                {"coupon": {"name": "Ten off", "code": "%s", "coupon_type": "percentage", "percentage_rate": "12.5",
                  "frequency": "recurring", "frequency_duration": 6, "expiration": "time_limit",
                  "expiration_at": "%s", "applies_to": {"plan_codes": [], "billable_metric_codes": []}}}"""
                .formatted(code, FUTURE);
    }

    @Test
    void createsAFixedAmountCouponAndAnswersEveryField() {
        var response = api.post("/api/v1/coupons", FIXED);

        assertThat(response.status()).isEqualTo(200);
        JsonNode coupon = response.body().get("coupon");
        assertThat(coupon.get("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(coupon.toString()).isEqualTo(("{\"lago_id\":\"%s\",\"name\":\"Startup Deal\",\"code\":\"startup_deal\","
                + "\"description\":\"I am a coupon description\",\"coupon_type\":\"fixed_amount\",\"amount_cents\":5000,"
                + "\"amount_currency\":\"USD\",\"percentage_rate\":null,\"frequency\":\"once\",\"frequency_duration\":null,"
                + "\"reusable\":false,\"limited_plans\":false,\"limited_billable_metrics\":false,\"plan_codes\":[],"
                + "\"billable_metric_codes\":[],\"created_at\":\"%s\",\"expiration\":\"no_expiration\","
                + "\"expiration_at\":null,\"terminated_at\":null}")
                .formatted(coupon.get("lago_id").stringValue(), coupon.get("created_at").stringValue()));

        assertThat(api.get("/api/v1/coupons/startup_deal").body()).isEqualTo(response.body());
    }

    @Test
    void createsAPercentageCouponWithATimeLimit() {
        JsonNode coupon = api.post("/api/v1/coupons", percentage("ten_off")).body().get("coupon");

        assertThat(coupon.get("coupon_type").stringValue()).isEqualTo("percentage");
        // Decimals are strings, as Lago renders BigDecimal columns.
        assertThat(coupon.get("percentage_rate").toString()).isEqualTo("\"12.5\"");
        assertThat(coupon.get("amount_cents").isNull()).isTrue();
        assertThat(coupon.get("amount_currency").isNull()).isTrue();
        assertThat(coupon.get("frequency").stringValue()).isEqualTo("recurring");
        assertThat(coupon.get("frequency_duration").intValue()).isEqualTo(6);
        assertThat(coupon.get("expiration").stringValue()).isEqualTo("time_limit");
        assertThat(coupon.get("expiration_at").stringValue()).isEqualTo(FUTURE);
        // Not sent: reusable defaults to true.
        assertThat(coupon.get("reusable").booleanValue()).isTrue();
        assertThat(coupon.get("terminated_at").isNull()).isTrue();
    }

    @Test
    void ratesAndDatesAreReadInTheFormsClientsSend() {
        // The Python client sends the rate as a number; a bare date means its first second (UTC).
        JsonNode coupon = api.post("/api/v1/coupons", """
                {"coupon": {"name": "P", "code": "p", "coupon_type": "percentage", "percentage_rate": 7,
                  "frequency": "forever", "expiration": "time_limit", "expiration_at": "2099-01-31"}}""")
                .body().get("coupon");
        assertThat(coupon.get("percentage_rate").stringValue()).isEqualTo("7.0");
        assertThat(coupon.get("expiration_at").stringValue()).isEqualTo("2099-01-31T00:00:00Z");

        // An offset is converted to UTC; the Go client's fractional seconds are accepted.
        JsonNode offset = api.post("/api/v1/coupons", """
                {"coupon": {"name": "O", "code": "o", "coupon_type": "percentage", "percentage_rate": "0.5",
                  "frequency": "once", "expiration": "time_limit", "expiration_at": "2099-01-31T10:00:00.123+02:00"}}""")
                .body().get("coupon");
        assertThat(offset.get("expiration_at").stringValue()).isEqualTo("2099-01-31T08:00:00Z");
        assertThat(offset.get("percentage_rate").stringValue()).isEqualTo("0.5");

        // Without an offset the time is UTC; a space may separate date and time, as Rails' parser allows.
        JsonNode spaced = api.put("/api/v1/coupons/o", "{\"coupon\": {\"expiration_at\": \"2099-02-01 12:30:00\"}}")
                .body().get("coupon");
        assertThat(spaced.get("expiration_at").stringValue()).isEqualTo("2099-02-01T12:30:00Z");
    }

    @Test
    void mandatoryAndInvalidFieldsAreAllReportedAndNothingIsWritten() {
        long before = count("coupons");

        assertThat(errors("{\"coupon\": {\"description\": \"d\"}}")).isEqualTo("{\"name\":[\"value_is_mandatory\"],"
                + "\"code\":[\"value_is_mandatory\"],\"coupon_type\":[\"value_is_mandatory\"],"
                + "\"frequency\":[\"value_is_mandatory\"],\"expiration\":[\"value_is_mandatory\"]}");
        assertThat(errors("""
                {"coupon": {"name": "n", "code": "c", "coupon_type": "gift", "frequency": "daily",
                  "expiration": "never", "reusable": "no", "amount_cents": 0, "amount_currency": "EURO",
                  "percentage_rate": "abc", "frequency_duration": 0, "expiration_at": "soon",
                  "applies_to": {"plan_codes": "p1"}}}""")).isEqualTo("{\"coupon_type\":[\"value_is_invalid\"],"
                + "\"frequency\":[\"value_is_invalid\"],\"expiration\":[\"value_is_invalid\"],"
                + "\"reusable\":[\"value_is_invalid\"],\"amount_cents\":[\"value_is_out_of_range\"],"
                + "\"amount_currency\":[\"value_is_invalid\"],\"percentage_rate\":[\"value_is_invalid\"],"
                + "\"frequency_duration\":[\"value_is_out_of_range\"],\"expiration_at\":[\"invalid_date\"],"
                + "\"plan_codes\":[\"value_is_invalid\"]}");
        // A percentage off is more than 0 and at most 100.
        assertThat(errors(percentage("p").replace("\"12.5\"", "\"0\""))).isEqualTo("{\"percentage_rate\":[\"value_is_out_of_range\"]}");
        assertThat(errors(percentage("p").replace("\"12.5\"", "150"))).isEqualTo("{\"percentage_rate\":[\"value_is_out_of_range\"]}");
        // Lago: an expiration date must lie in the future.
        assertThat(errors(percentage("p").replace(FUTURE, "2020-01-01T00:00:00Z"))).isEqualTo("{\"expiration_at\":[\"invalid_date\"]}");
        assertThat(errors(FIXED.replace("\"reusable\": false", "\"reusable\": null"))).isEqualTo("{\"reusable\":[\"value_is_mandatory\"]}");

        assertThat(count("coupons")).isEqualTo(before);
    }

    @Test
    void eachTypeFrequencyAndExpirationNeedsItsFields() {
        assertThat(errors("""
                {"coupon": {"name": "n", "code": "c", "coupon_type": "fixed_amount", "frequency": "recurring",
                  "expiration": "time_limit"}}""")).isEqualTo("{\"amount_cents\":[\"value_is_mandatory\"],"
                + "\"amount_currency\":[\"value_is_mandatory\"],\"frequency_duration\":[\"value_is_mandatory\"],"
                + "\"expiration_at\":[\"value_is_mandatory\"]}");
        assertThat(errors("""
                {"coupon": {"name": "n", "code": "c", "coupon_type": "percentage", "frequency": "once",
                  "expiration": "no_expiration", "amount_cents": 100, "amount_currency": "USD"}}"""))
                .isEqualTo("{\"percentage_rate\":[\"value_is_mandatory\"]}");
        assertThat(api.get("/api/v1/coupons/c").status()).isEqualTo(404);
    }

    @Test
    void emptyLimitsAreNoLimit() {
        // Empty lists (what the Go client sends) are no limit; limits themselves are in CouponLimitsApiTest.
        JsonNode coupon = api.post("/api/v1/coupons", FIXED.replace("\"expiration\": \"no_expiration\"",
                "\"expiration\": \"no_expiration\", \"applies_to\": {\"plan_codes\": [], \"billable_metric_codes\": []}"))
                .body().get("coupon");
        assertThat(coupon.get("limited_plans").booleanValue()).isFalse();
        assertThat(coupon.get("limited_billable_metrics").booleanValue()).isFalse();
        assertThat(coupon.get("plan_codes").toString()).isEqualTo("[]");
        assertThat(coupon.get("billable_metric_codes").toString()).isEqualTo("[]");
    }

    @Test
    void aCodeIsUniqueAmongLiveCouponsOnly() {
        api.post("/api/v1/coupons", FIXED);

        var duplicate = api.post("/api/v1/coupons", FIXED);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.body().get("error_details").toString()).isEqualTo("{\"code\":[\"value_already_exist\"]}");

        // Renaming onto a live code is refused too, and changes nothing.
        api.post("/api/v1/coupons", percentage("ten_off"));
        assertThat(api.put("/api/v1/coupons/ten_off", "{\"coupon\": {\"code\": \"startup_deal\", \"name\": \"X\"}}")
                .body().get("error_details").toString()).isEqualTo("{\"code\":[\"value_already_exist\"]}");
        assertThat(api.get("/api/v1/coupons/ten_off").body().get("coupon").get("name").stringValue()).isEqualTo("Ten off");

        api.delete("/api/v1/coupons/startup_deal");
        assertThat(api.post("/api/v1/coupons", FIXED).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/coupons").body().get("meta").get("total_count").intValue()).isEqualTo(2);
    }

    @Test
    void updateChangesOnlyTheSentFieldsAndChecksTheResult() {
        JsonNode created = api.post("/api/v1/coupons", FIXED).body().get("coupon");

        JsonNode updated = api.put("/api/v1/coupons/startup_deal",
                "{\"coupon\": {\"amount_cents\": 7500, \"description\": null, \"reusable\": true}}").body().get("coupon");
        assertThat(updated.get("lago_id")).isEqualTo(created.get("lago_id"));
        assertThat(updated.get("name").stringValue()).isEqualTo("Startup Deal");
        assertThat(updated.get("amount_cents").longValue()).isEqualTo(7500);
        assertThat(updated.get("description").isNull()).isTrue();
        assertThat(updated.get("reusable").booleanValue()).isTrue();

        // The rules apply to the coupon as it would be stored: a percentage coupon needs its rate.
        var invalid = api.put("/api/v1/coupons/startup_deal", "{\"coupon\": {\"coupon_type\": \"percentage\"}}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("error_details").toString()).isEqualTo("{\"percentage_rate\":[\"value_is_mandatory\"]}");
        assertThat(api.put("/api/v1/coupons/startup_deal", "{\"coupon\": {\"expiration\": \"time_limit\"}}").body()
                .get("error_details").toString()).isEqualTo("{\"expiration_at\":[\"value_is_mandatory\"]}");

        JsonNode converted = api.put("/api/v1/coupons/startup_deal",
                "{\"coupon\": {\"coupon_type\": \"percentage\", \"percentage_rate\": \"15\", \"code\": \"fifteen\"}}")
                .body().get("coupon");
        assertThat(converted.get("coupon_type").stringValue()).isEqualTo("percentage");
        assertThat(converted.get("percentage_rate").stringValue()).isEqualTo("15.0");
        assertThat(api.get("/api/v1/coupons/startup_deal").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/coupons/fifteen").body().get("coupon")).isEqualTo(converted);
    }

    @Test
    void onceAppliedOnlyNameDescriptionAndExpirationChange() {
        api.post("/api/v1/coupons", FIXED);
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"cust\"}}");
        api.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"cust\", \"coupon_code\": \"startup_deal\"}}");

        JsonNode updated = api.put("/api/v1/coupons/startup_deal", """
                {"coupon": {"name": "Renamed", "description": "New", "expiration": "time_limit",
                  "expiration_at": "%s", "amount_cents": 1, "code": "other", "frequency": "forever"}}""".formatted(FUTURE))
                .body().get("coupon");

        // As in Lago, the rest of the request is ignored: the terms customers accepted stay.
        assertThat(updated.get("name").stringValue()).isEqualTo("Renamed");
        assertThat(updated.get("description").stringValue()).isEqualTo("New");
        assertThat(updated.get("expiration_at").stringValue()).isEqualTo(FUTURE);
        assertThat(updated.get("code").stringValue()).isEqualTo("startup_deal");
        assertThat(updated.get("amount_cents").longValue()).isEqualTo(5000);
        assertThat(updated.get("frequency").stringValue()).isEqualTo("once");
    }

    @Test
    void unknownCouponsAreNotFound() {
        String notFound = "{\"status\":404,\"error\":\"Not Found\",\"code\":\"coupon_not_found\"}";
        assertThat(api.get("/api/v1/coupons/nope").raw()).isEqualTo(notFound);
        assertThat(api.put("/api/v1/coupons/nope", "{\"coupon\": {\"name\": \"x\"}}").raw()).isEqualTo(notFound);
        assertThat(api.delete("/api/v1/coupons/nope").raw()).isEqualTo(notFound);
    }

    @Test
    void anExpiredCouponIsTerminatedAtItsExpiration() {
        String id = api.post("/api/v1/coupons", percentage("expired")).body().get("coupon").get("lago_id").stringValue();
        Instant past = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        expire(id, past);

        JsonNode coupon = api.get("/api/v1/coupons/expired").body().get("coupon");
        assertThat(coupon.get("terminated_at").stringValue()).isEqualTo(past.toString());

        // Moving the expiration does not bring it back: Lago's job would have terminated it already.
        JsonNode moved = api.put("/api/v1/coupons/expired", "{\"coupon\": {\"expiration_at\": \"" + FUTURE + "\"}}")
                .body().get("coupon");
        assertThat(moved.get("expiration_at").stringValue()).isEqualTo(FUTURE);
        assertThat(moved.get("terminated_at").stringValue()).isEqualTo(past.toString());
    }

    @Test
    void listsActiveFirstThenByExpirationWithLagoPaginationMeta() {
        api.post("/api/v1/coupons", percentage("later").replace(FUTURE, "2099-12-31T00:00:00Z"));
        api.post("/api/v1/coupons", FIXED);
        api.post("/api/v1/coupons", percentage("sooner").replace(FUTURE, "2098-01-01T00:00:00Z"));
        String expiredId = api.post("/api/v1/coupons", percentage("expired")).body().get("coupon").get("lago_id").stringValue();
        expire(expiredId, Instant.now().minus(1, ChronoUnit.DAYS));

        // Lago's order: active before terminated, no expiration before time limits, sooner expiration first.
        JsonNode first = api.get("/api/v1/coupons?per_page=3").body();
        assertThat(codes(first)).containsExactly("startup_deal", "sooner", "later");
        assertThat(first.get("meta").toString()).isEqualTo(
                "{\"current_page\":1,\"next_page\":2,\"prev_page\":null,\"total_pages\":2,\"total_count\":4}");
        JsonNode second = api.get("/api/v1/coupons?per_page=3&page=2").body();
        assertThat(codes(second)).containsExactly("expired");
        assertThat(second.get("meta").toString()).isEqualTo(
                "{\"current_page\":2,\"next_page\":null,\"prev_page\":1,\"total_pages\":2,\"total_count\":4}");
    }

    @Test
    void deleteIsSoftAndTerminatesTheCouponsApplications() {
        JsonNode created = api.post("/api/v1/coupons", FIXED.replace("\"reusable\": false", "\"reusable\": true")).body().get("coupon");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"cust\"}}");
        String applied = api.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"cust\", \"coupon_code\": \"startup_deal\"}}")
                .body().get("applied_coupon").get("lago_id").stringValue();

        var deleted = api.delete("/api/v1/coupons/startup_deal");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("coupon")).isEqualTo(created);
        assertThat(api.get("/api/v1/coupons/startup_deal").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/coupons").body().get("meta").get("total_count").intValue()).isZero();
        // The customer still sees the application, terminated, with its coupon marked deleted.
        JsonNode application = api.get("/api/v1/applied_coupons?external_customer_id=cust").body().get("applied_coupons").get(0);
        assertThat(application.get("lago_id").stringValue()).isEqualTo(applied);
        assertThat(application.get("status").stringValue()).isEqualTo("terminated");
        assertThat(application.get("terminated_at").isNull()).isFalse();
        assertThat(application.get("coupon_deleted_at").isNull()).isFalse();
        assertThat(application.get("coupon_code").stringValue()).isEqualTo("startup_deal");
    }

    @Test
    void anOrganizationNeverSeesAnotherOrganizationsCoupons() {
        api.post("/api/v1/coupons", FIXED);
        var other = newOrganization("Globex");

        assertThat(other.get("/api/v1/coupons/startup_deal").status()).isEqualTo(404);
        assertThat(other.put("/api/v1/coupons/startup_deal", "{\"coupon\": {\"name\": \"Mine\"}}").status()).isEqualTo(404);
        assertThat(other.delete("/api/v1/coupons/startup_deal").status()).isEqualTo(404);
        assertThat(other.get("/api/v1/coupons").body().get("meta").get("total_count").intValue()).isZero();
        other.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"theirs\"}}");
        assertThat(other.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"theirs\", \"coupon_code\": \"startup_deal\"}}")
                .body().get("code").stringValue()).isEqualTo("coupon_not_found");
        assertThat(other.post("/api/v1/coupons", FIXED).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/coupons/startup_deal").body().get("coupon").get("name").stringValue()).isEqualTo("Startup Deal");
    }

    /** Moves a coupon's expiration into the past, which the API refuses (Lago's invalid_date). */
    private void expire(String couponId, Instant at) {
        int updated = jdbc.sql("UPDATE coupons SET expiration_at = ? WHERE id = ?")
                .params(Timestamp.from(at), UUID.fromString(couponId)).update();
        assertThat(updated).isEqualTo(1);
    }

    private String errors(String body) {
        var response = api.post("/api/v1/coupons", body);
        assertThat(response.status()).as(body).isEqualTo(422);
        return response.body().get("error_details").toString();
    }

    private static List<String> codes(JsonNode list) {
        List<String> codes = new ArrayList<>();
        list.get("coupons").forEach(c -> codes.add(c.get("code").stringValue()));
        return codes;
    }
}

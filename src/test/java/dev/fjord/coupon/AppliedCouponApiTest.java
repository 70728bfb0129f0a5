package dev.fjord.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/applied_coupons} and {@code /customers/{id}/applied_coupons} (spec §5.9) over HTTP. */
class AppliedCouponApiTest extends ApiTest {

    @BeforeEach
    void couponsAndCustomers() {
        // startup_deal: 50.00 USD once, not reusable. ten_off: 12.5 % for 6 periods, reusable.
        api.post("/api/v1/coupons", CouponApiTest.FIXED);
        api.post("/api/v1/coupons", CouponApiTest.percentage("ten_off"));
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"no-currency\"}}");
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"in-euros\", \"currency\": \"EUR\"}}");
    }

    @Test
    void appliesAFixedAmountCouponAndTheCustomerTakesItsCurrency() {
        var response = apply("no-currency", "startup_deal", "");

        assertThat(response.status()).isEqualTo(200);
        JsonNode applied = response.body().get("applied_coupon");
        JsonNode coupon = api.get("/api/v1/coupons/startup_deal").body().get("coupon");
        JsonNode customer = api.get("/api/v1/customers/no-currency").body().get("customer");
        // Used once, nothing consumed yet: 5000 cents remain of 5000.
        assertThat(applied.toString()).isEqualTo(("{\"lago_id\":\"%s\",\"lago_coupon_id\":\"%s\","
                + "\"coupon_code\":\"startup_deal\",\"coupon_name\":\"Startup Deal\","
                + "\"coupon_description\":\"I am a coupon description\",\"coupon_status\":\"active\","
                + "\"coupon_deleted_at\":null,\"lago_customer_id\":\"%s\",\"external_customer_id\":\"no-currency\","
                + "\"status\":\"active\",\"amount_cents\":5000,\"amount_cents_remaining\":5000,"
                + "\"amount_currency\":\"USD\",\"percentage_rate\":null,\"frequency\":\"once\","
                + "\"frequency_duration\":null,\"frequency_duration_remaining\":null,\"expiration_at\":null,"
                + "\"created_at\":\"%s\",\"terminated_at\":null}").formatted(applied.get("lago_id").stringValue(),
                coupon.get("lago_id").stringValue(), customer.get("lago_id").stringValue(),
                applied.get("created_at").stringValue()));
        // A customer without currency takes the coupon's (Lago's rule for fixed amounts).
        assertThat(customer.get("currency").stringValue()).isEqualTo("USD");
    }

    @Test
    void sentValuesOverrideTheCouponsOnes() {
        JsonNode applied = apply("in-euros", "startup_deal",
                ", \"amount_cents\": 2000, \"amount_currency\": \"EUR\", \"frequency\": \"recurring\", \"frequency_duration\": 3")
                .body().get("applied_coupon");

        assertThat(applied.get("amount_cents").longValue()).isEqualTo(2000);
        assertThat(applied.get("amount_currency").stringValue()).isEqualTo("EUR");
        assertThat(applied.get("frequency").stringValue()).isEqualTo("recurring");
        assertThat(applied.get("frequency_duration").intValue()).isEqualTo(3);
        assertThat(applied.get("frequency_duration_remaining").intValue()).isEqualTo(3);
        // Lago reports a remaining amount only for fixed amounts used once.
        assertThat(applied.get("amount_cents_remaining").isNull()).isTrue();
    }

    @Test
    void appliesAPercentageCoupon() {
        JsonNode applied = apply("in-euros", "ten_off", "").body().get("applied_coupon");

        assertThat(applied.get("percentage_rate").stringValue()).isEqualTo("12.5");
        assertThat(applied.get("amount_cents").isNull()).isTrue();
        assertThat(applied.get("amount_cents_remaining").isNull()).isTrue();
        assertThat(applied.get("amount_currency").isNull()).isTrue();
        assertThat(applied.get("frequency_duration_remaining").intValue()).isEqualTo(6);
        assertThat(applied.get("expiration_at").stringValue()).isEqualTo(CouponApiTest.FUTURE);

        JsonNode overridden = apply("no-currency", "ten_off", ", \"percentage_rate\": 5").body().get("applied_coupon");
        assertThat(overridden.get("percentage_rate").stringValue()).isEqualTo("5.0");
        // A percentage does not set the customer's currency.
        assertThat(api.get("/api/v1/customers/no-currency").body().get("customer").get("currency").isNull()).isTrue();
    }

    @Test
    void aFixedAmountInAnotherCurrencyThanTheCustomersIsRefused() {
        long before = count("applied_coupons");

        var response = apply("in-euros", "startup_deal", "");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().get("error_details").toString()).isEqualTo("{\"currency\":[\"currencies_does_not_match\"]}");
        assertThat(count("applied_coupons")).isEqualTo(before);
        assertThat(api.get("/api/v1/customers/in-euros").body().get("customer").get("currency").stringValue()).isEqualTo("EUR");
    }

    @Test
    void anAppliedFixedAmountPinsTheCustomersCurrency() {
        apply("no-currency", "startup_deal", "");

        var change = api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"no-currency\", \"currency\": \"EUR\"}}");
        assertThat(change.status()).isEqualTo(422);
        assertThat(change.body().get("error_details").toString()).isEqualTo("{\"currency\":[\"currencies_does_not_match\"]}");
        assertThat(api.get("/api/v1/customers/no-currency").body().get("customer").get("currency").stringValue()).isEqualTo("USD");

        // Sending the same currency is no change.
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"no-currency\", \"currency\": \"USD\"}}")
                .status()).isEqualTo(200);
        // A percentage coupon does not pin it.
        apply("in-euros", "ten_off", "");
        assertThat(api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"in-euros\", \"currency\": \"GBP\"}}")
                .status()).isEqualTo(200);
    }

    @Test
    void aNonReusableCouponAppliesOncePerCustomerEvenAfterTermination() {
        String first = apply("no-currency", "startup_deal", "").body().get("applied_coupon").get("lago_id").stringValue();

        var again = apply("no-currency", "startup_deal", "");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.raw()).isEqualTo("{\"status\":422,\"error\":\"Unprocessable Entity\","
                + "\"code\":\"validation_errors\",\"error_details\":{\"coupon\":[\"coupon_is_not_reusable\"]}}");

        api.delete("/api/v1/customers/no-currency/applied_coupons/" + first);
        assertThat(apply("no-currency", "startup_deal", "").body().get("error_details").toString())
                .isEqualTo("{\"coupon\":[\"coupon_is_not_reusable\"]}");

        // Another customer can still use it; a reusable coupon applies twice to one customer.
        api.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"other\"}}");
        assertThat(apply("other", "startup_deal", "").status()).isEqualTo(200);
        assertThat(apply("in-euros", "ten_off", "").status()).isEqualTo(200);
        assertThat(apply("in-euros", "ten_off", "").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/applied_coupons?external_customer_id=in-euros").body().get("meta")
                .get("total_count").intValue()).isEqualTo(2);
    }

    @Test
    void concurrentApplicationsOfANonReusableCouponCreateOne() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> apply("no-currency", "startup_deal", "").status());
            }
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdown();
        }
        // Applications to one customer are serialized on the customer's row: one wins, 15 see it applied.
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 422).count()).isEqualTo(15);
        assertThat(api.get("/api/v1/applied_coupons").body().get("meta").get("total_count").intValue()).isEqualTo(1);
    }

    @Test
    void unknownCustomersAndUnavailableCouponsAreNotFound() {
        long before = count("applied_coupons");
        assertThat(apply("nobody", "startup_deal", "").raw())
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"customer_not_found\"}");
        String couponNotFound = "{\"status\":404,\"error\":\"Not Found\",\"code\":\"coupon_not_found\"}";
        assertThat(apply("no-currency", "nope", "").raw()).isEqualTo(couponNotFound);

        // A deleted coupon and an expired one cannot be applied any more.
        api.post("/api/v1/coupons", CouponApiTest.percentage("gone"));
        api.delete("/api/v1/coupons/gone");
        assertThat(apply("no-currency", "gone", "").raw()).isEqualTo(couponNotFound);
        String expiredId = api.post("/api/v1/coupons", CouponApiTest.percentage("expired")).body().get("coupon")
                .get("lago_id").stringValue();
        jdbc.sql("UPDATE coupons SET expiration_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)), UUID.fromString(expiredId)).update();
        assertThat(apply("no-currency", "expired", "").raw()).isEqualTo(couponNotFound);

        // A deleted customer is unknown.
        api.delete("/api/v1/customers/in-euros");
        assertThat(apply("in-euros", "ten_off", "").body().get("code").stringValue()).isEqualTo("customer_not_found");
        assertThat(count("applied_coupons")).isEqualTo(before);
    }

    @Test
    void invalidFieldsAreAllReportedAndNothingIsWritten() {
        long before = count("applied_coupons");

        var missing = api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {}}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body().get("error_details").toString())
                .isEqualTo("{\"external_customer_id\":[\"value_is_mandatory\"],\"coupon_code\":[\"value_is_mandatory\"]}");
        assertThat(apply("no-currency", "ten_off", """
                , "frequency": "weekly", "frequency_duration": 0, "amount_cents": -1, "amount_currency": "US",
                "percentage_rate": "101\"""").body().get("error_details").toString()).isEqualTo(
                "{\"frequency\":[\"value_is_invalid\"],\"frequency_duration\":[\"value_is_out_of_range\"],"
                        + "\"amount_cents\":[\"value_is_out_of_range\"],\"amount_currency\":[\"value_is_invalid\"],"
                        + "\"percentage_rate\":[\"value_is_out_of_range\"]}");
        // Recurring needs a number of periods: neither the request nor this once-coupon gives one.
        assertThat(apply("no-currency", "startup_deal", ", \"frequency\": \"recurring\"").body()
                .get("error_details").toString()).isEqualTo("{\"frequency_duration\":[\"value_is_mandatory\"]}");
        assertThat(api.post("/api/v1/applied_coupons", "{\"coupon_code\": \"x\"}").status()).isEqualTo(400);

        assertThat(count("applied_coupons")).isEqualTo(before);
        assertThat(api.get("/api/v1/customers/no-currency").body().get("customer").get("currency").isNull()).isTrue();
    }

    @Test
    void listsNewestFirstWithFiltersAndLagoPaginationMeta() {
        String a = id(apply("no-currency", "startup_deal", ""));
        String b = id(apply("in-euros", "ten_off", ""));
        String c = id(apply("no-currency", "ten_off", ""));
        api.delete("/api/v1/customers/in-euros/applied_coupons/" + b);

        JsonNode first = api.get("/api/v1/applied_coupons?per_page=2").body();
        assertThat(ids(first)).containsExactly(c, b);
        assertThat(first.get("meta").toString()).isEqualTo(
                "{\"current_page\":1,\"next_page\":2,\"prev_page\":null,\"total_pages\":2,\"total_count\":3}");
        // Lists carry the application's invoice credits: none before invoices exist.
        assertThat(first.get("applied_coupons").get(0).get("credits").toString()).isEqualTo("[]");
        JsonNode second = api.get("/api/v1/applied_coupons?per_page=2&page=2").body();
        assertThat(ids(second)).containsExactly(a);
        assertThat(second.get("meta").toString()).isEqualTo(
                "{\"current_page\":2,\"next_page\":null,\"prev_page\":1,\"total_pages\":2,\"total_count\":3}");

        assertThat(ids(api.get("/api/v1/applied_coupons?external_customer_id=no-currency").body())).containsExactly(c, a);
        assertThat(ids(api.get("/api/v1/applied_coupons?status=terminated").body())).containsExactly(b);
        assertThat(ids(api.get("/api/v1/applied_coupons?status=active&coupon_code[]=ten_off").body())).containsExactly(c);
        assertThat(ids(api.get("/api/v1/applied_coupons?coupon_code[]=ten_off&coupon_code[]=startup_deal&per_page=5").body()))
                .containsExactly(c, b, a);
        assertThat(api.get("/api/v1/applied_coupons?external_customer_id=nobody").body().get("meta").toString())
                .isEqualTo("{\"current_page\":0,\"next_page\":null,\"prev_page\":null,\"total_pages\":0,\"total_count\":0}");
        var badStatus = api.get("/api/v1/applied_coupons?status=expired");
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.body().get("error_details").toString()).isEqualTo("{\"status\":[\"value_is_invalid\"]}");
    }

    @Test
    void listsOneCustomersAppliedCoupons() {
        String a = id(apply("no-currency", "startup_deal", ""));
        apply("in-euros", "ten_off", "");

        JsonNode list = api.get("/api/v1/customers/no-currency/applied_coupons").body();
        assertThat(ids(list)).containsExactly(a);
        assertThat(list.get("meta").get("total_count").intValue()).isEqualTo(1);
        assertThat(api.get("/api/v1/customers/no-currency/applied_coupons?status=terminated").body()
                .get("applied_coupons").toString()).isEqualTo("[]");
        assertThat(api.get("/api/v1/customers/nobody/applied_coupons").raw())
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"customer_not_found\"}");
    }

    @Test
    void deleteTerminatesTheApplication() {
        JsonNode created = apply("no-currency", "startup_deal", "").body().get("applied_coupon");
        String path = "/api/v1/customers/no-currency/applied_coupons/" + created.get("lago_id").stringValue();

        var deleted = api.delete(path);

        assertThat(deleted.status()).isEqualTo(200);
        JsonNode terminated = deleted.body().get("applied_coupon");
        assertThat(terminated.get("lago_id")).isEqualTo(created.get("lago_id"));
        assertThat(terminated.get("status").stringValue()).isEqualTo("terminated");
        assertThat(terminated.get("terminated_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(terminated.has("credits")).isFalse();
        // Deleting again answers the same terminated application.
        assertThat(api.delete(path).body()).isEqualTo(deleted.body());
    }

    @Test
    void deleteNeedsTheCustomerAndOneOfItsApplications() {
        String id = id(apply("no-currency", "startup_deal", ""));
        String notFound = "{\"status\":404,\"error\":\"Not Found\",\"code\":\"applied_coupon_not_found\"}";

        assertThat(api.delete("/api/v1/customers/nobody/applied_coupons/" + id).raw())
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"code\":\"customer_not_found\"}");
        // Another customer's application, an unknown id and a malformed id.
        assertThat(api.delete("/api/v1/customers/in-euros/applied_coupons/" + id).raw()).isEqualTo(notFound);
        assertThat(api.delete("/api/v1/customers/no-currency/applied_coupons/" + UUID.randomUUID()).raw()).isEqualTo(notFound);
        assertThat(api.delete("/api/v1/customers/no-currency/applied_coupons/not-an-id").raw()).isEqualTo(notFound);
        assertThat(api.get("/api/v1/applied_coupons?status=active").body().get("meta").get("total_count").intValue())
                .isEqualTo(1);
    }

    @Test
    void deletingACustomerTerminatesItsApplications() {
        String id = id(apply("no-currency", "startup_deal", ""));
        long before = count("applied_coupons");

        api.delete("/api/v1/customers/no-currency");

        // Kept (Lago keeps them), terminated, and out of lists since the customer is gone.
        assertThat(count("applied_coupons")).isEqualTo(before);
        String status = jdbc.sql("SELECT status FROM applied_coupons WHERE id = ?").params(UUID.fromString(id))
                .query(String.class).single();
        assertThat(status).isEqualTo("terminated");
        assertThat(api.get("/api/v1/applied_coupons").body().get("meta").get("total_count").intValue()).isZero();
    }

    @Test
    void anOrganizationNeverSeesAnotherOrganizationsAppliedCoupons() {
        String id = id(apply("no-currency", "startup_deal", ""));
        var other = newOrganization("Globex");
        other.post("/api/v1/customers", "{\"customer\": {\"external_id\": \"no-currency\"}}");
        other.post("/api/v1/coupons", CouponApiTest.FIXED);

        assertThat(other.get("/api/v1/applied_coupons").body().get("meta").get("total_count").intValue()).isZero();
        assertThat(other.get("/api/v1/customers/no-currency/applied_coupons").body().get("applied_coupons").toString())
                .isEqualTo("[]");
        assertThat(other.delete("/api/v1/customers/no-currency/applied_coupons/" + id).status()).isEqualTo(404);
        // Their own coupon with the same code applies to their own customer; ours stays active.
        assertThat(other.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"no-currency\", \"coupon_code\": \"startup_deal\"}}")
                .status()).isEqualTo(200);
        assertThat(api.get("/api/v1/applied_coupons?status=active").body().get("meta").get("total_count").intValue())
                .isEqualTo(1);
    }

    /** Applies {@code coupon} to {@code customer}; {@code extra} adds fields to the payload. */
    private ApiClient.Response apply(String customer, String coupon, String extra) {
        return api.post("/api/v1/applied_coupons", "{\"applied_coupon\": {\"external_customer_id\": \""
                + customer + "\", \"coupon_code\": \"" + coupon + "\"" + extra + "}}");
    }

    private static String id(ApiClient.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().get("applied_coupon").get("lago_id").stringValue();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("applied_coupons").forEach(a -> ids.add(a.get("lago_id").stringValue()));
        return ids;
    }
}

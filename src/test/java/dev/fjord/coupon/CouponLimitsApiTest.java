package dev.fjord.coupon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fjord.support.ApiClient;
import dev.fjord.support.ApiTest;
import dev.fjord.support.Scenario;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Coupon limits ({@code applies_to}: plans or billable metrics, spec §5.9) over HTTP. */
class CouponLimitsApiTest extends ApiTest {
    static final String PLANS_NOT_FOUND = "{\"status\":404,\"error\":\"Not Found\",\"code\":\"plans_not_found\"}";
    static final String METRICS_NOT_FOUND =
            "{\"status\":404,\"error\":\"Not Found\",\"code\":\"billable_metrics_not_found\"}";
    static final String ONE_KIND_ONLY = "{\"status\":405,\"error\":\"Method Not Allowed\","
            + "\"code\":\"only_one_limitation_type_per_coupon_allowed\"}";

    private Scenario s;
    private String calls;

    @BeforeEach
    void catalog() {
        s = new Scenario(api);
        calls = s.metric("calls", "count_agg", null, null);
        s.metric("storage", "sum_agg", "gb", null);
        s.plan("premium", "monthly", 9900, "USD", charge(calls));
        s.plan("basic", "monthly", 1900, "USD", "[]");
    }

    /** A fixed-amount coupon {@code code} with this {@code applies_to} object (or none when null). */
    static String coupon(String code, String appliesTo) {
        String limits = appliesTo == null ? "" : ", \"applies_to\": " + appliesTo;
        return """
                {"coupon": {"name": "Startup Deal", "code": "%s", "coupon_type": "fixed_amount", "amount_cents": 5000,
                  "amount_currency": "USD", "frequency": "once", "reusable": true, "expiration": "no_expiration"%s}}"""
                .formatted(code, limits);
    }

    /** The whole coupon object {@link #coupon} answers, with these limits. */
    static String expected(JsonNode coupon, String code, boolean limitedPlans, boolean limitedMetrics,
            String planCodes, String metricCodes) {
        return ("{\"lago_id\":\"%s\",\"name\":\"Startup Deal\",\"code\":\"%s\",\"description\":null,"
                + "\"coupon_type\":\"fixed_amount\",\"amount_cents\":5000,\"amount_currency\":\"USD\","
                + "\"percentage_rate\":null,\"frequency\":\"once\",\"frequency_duration\":null,\"reusable\":true,"
                + "\"limited_plans\":%s,\"limited_billable_metrics\":%s,\"plan_codes\":%s,\"billable_metric_codes\":%s,"
                + "\"created_at\":\"%s\",\"expiration\":\"no_expiration\",\"expiration_at\":null,\"terminated_at\":null}")
                .formatted(coupon.get("lago_id").stringValue(), code, limitedPlans, limitedMetrics, planCodes,
                        metricCodes, coupon.get("created_at").stringValue());
    }

    @Test
    void aCouponLimitedToPlansAnswersTheirCodes() {
        var response = api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"premium\", \"basic\", \"premium\"]}"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode coupon = response.body().get("coupon");
        // Codes are listed once each, in alphabetical order.
        assertThat(coupon.toString()).isEqualTo(expected(coupon, "deal", true, false, "[\"basic\",\"premium\"]", "[]"));
        assertThat(api.get("/api/v1/coupons/deal").body()).isEqualTo(response.body());
        assertThat(api.get("/api/v1/coupons").body().get("coupons").get(0)).isEqualTo(coupon);
        assertThat(targets()).isEqualTo(2);
        // The answer to a deletion shows the coupon as it was, limits included.
        assertThat(api.delete("/api/v1/coupons/deal").body().get("coupon")).isEqualTo(coupon);
    }

    @Test
    void aCouponLimitedToBillableMetricsAnswersTheirCodes() {
        var response = api.post("/api/v1/coupons",
                coupon("deal", "{\"plan_codes\": [], \"billable_metric_codes\": [\"storage\", \"calls\"]}"));

        assertThat(response.status()).isEqualTo(200);
        JsonNode coupon = response.body().get("coupon");
        assertThat(coupon.toString())
                .isEqualTo(expected(coupon, "deal", false, true, "[]", "[\"calls\",\"storage\"]"));
        assertThat(api.get("/api/v1/coupons/deal").body()).isEqualTo(response.body());
    }

    @Test
    void plansAndMetricsAtOnceAreRefusedAndNothingIsWritten() {
        var both = api.post("/api/v1/coupons",
                coupon("deal", "{\"plan_codes\": [\"basic\"], \"billable_metric_codes\": [\"calls\"]}"));

        assertThat(both.status()).isEqualTo(405);
        assertThat(both.raw()).isEqualTo(ONE_KIND_ONLY);
        assertThat(api.get("/api/v1/coupons/deal").status()).isEqualTo(404);
        assertThat(targets()).isZero();

        // The same on update: the stored limit stays.
        api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\"]}"));
        assertThat(api.put("/api/v1/coupons/deal", """
                {"coupon": {"name": "Renamed", "applies_to": {"plan_codes": ["premium"], "billable_metric_codes": ["calls"]}}}""")
                .raw()).isEqualTo(ONE_KIND_ONLY);
        JsonNode stored = api.get("/api/v1/coupons/deal").body().get("coupon");
        assertThat(stored.toString()).isEqualTo(expected(stored, "deal", true, false, "[\"basic\"]", "[]"));
    }

    @Test
    void unknownCodesAreNotFoundAndNothingIsWritten() {
        long coupons = count("coupons");

        assertThat(api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\", \"gold\"]}")).raw())
                .isEqualTo(PLANS_NOT_FOUND);
        assertThat(api.post("/api/v1/coupons", coupon("deal", "{\"billable_metric_codes\": [\"calls\", \"seats\"]}"))
                .raw()).isEqualTo(METRICS_NOT_FOUND);
        // Lago looks plans up first, and answers not found before "one kind only".
        assertThat(api.post("/api/v1/coupons",
                coupon("deal", "{\"plan_codes\": [\"gold\"], \"billable_metric_codes\": [\"seats\"]}")).raw())
                .isEqualTo(PLANS_NOT_FOUND);
        assertThat(api.post("/api/v1/coupons",
                coupon("deal", "{\"plan_codes\": [\"basic\"], \"billable_metric_codes\": [\"seats\"]}")).raw())
                .isEqualTo(METRICS_NOT_FOUND);
        // A plan's code is not a metric's.
        assertThat(api.post("/api/v1/coupons", coupon("deal", "{\"billable_metric_codes\": [\"basic\"]}")).raw())
                .isEqualTo(METRICS_NOT_FOUND);

        assertThat(count("coupons")).isEqualTo(coupons);
        assertThat(targets()).isZero();
        assertThat(api.get("/api/v1/coupons/deal").status()).isEqualTo(404);
    }

    @Test
    void updateReplacesTheSentKindOfLimit() {
        api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\"]}"));

        // A sent list replaces the plans; the other fields change as usual.
        JsonNode replaced = api.put("/api/v1/coupons/deal",
                "{\"coupon\": {\"applies_to\": {\"plan_codes\": [\"premium\", \"basic\"]}}}").body().get("coupon");
        assertThat(replaced.toString()).isEqualTo(expected(replaced, "deal", true, false, "[\"basic\",\"premium\"]", "[]"));

        // Not sent (no applies_to, or applies_to without the list, or null): the limits stay.
        assertThat(api.put("/api/v1/coupons/deal", "{\"coupon\": {\"amount_cents\": 5000}}").body().get("coupon"))
                .isEqualTo(replaced);
        assertThat(api.put("/api/v1/coupons/deal", "{\"coupon\": {\"applies_to\": {}}}").body().get("coupon"))
                .isEqualTo(replaced);
        assertThat(api.put("/api/v1/coupons/deal", "{\"coupon\": {\"applies_to\": {\"plan_codes\": null}}}").body()
                .get("coupon")).isEqualTo(replaced);
        // Sending metrics only leaves the plans: an empty list of the other kind changes nothing.
        assertThat(api.put("/api/v1/coupons/deal", "{\"coupon\": {\"applies_to\": {\"billable_metric_codes\": []}}}")
                .body().get("coupon")).isEqualTo(replaced);

        // An unknown code changes nothing, not even the other fields sent.
        assertThat(api.put("/api/v1/coupons/deal",
                "{\"coupon\": {\"name\": \"Renamed\", \"applies_to\": {\"plan_codes\": [\"gold\"]}}}").raw())
                .isEqualTo(PLANS_NOT_FOUND);
        assertThat(api.get("/api/v1/coupons/deal").body().get("coupon")).isEqualTo(replaced);

        // Limiting to metrics removes the plans, as in Lago.
        JsonNode switched = api.put("/api/v1/coupons/deal",
                "{\"coupon\": {\"applies_to\": {\"billable_metric_codes\": [\"calls\"]}}}").body().get("coupon");
        assertThat(switched.toString()).isEqualTo(expected(switched, "deal", false, true, "[]", "[\"calls\"]"));
        assertThat(targets()).isEqualTo(1);

        // An empty list removes the limit.
        JsonNode unlimited = api.put("/api/v1/coupons/deal",
                "{\"coupon\": {\"applies_to\": {\"billable_metric_codes\": []}}}").body().get("coupon");
        assertThat(unlimited.toString()).isEqualTo(expected(unlimited, "deal", false, false, "[]", "[]"));
        assertThat(targets()).isZero();
    }

    @Test
    void onceAppliedTheLimitsNoLongerChange() {
        api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\"]}"));
        s.customer("cust", null);
        api.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"cust\", \"coupon_code\": \"deal\"}}");

        // As the other terms, the limits customers accepted stay; Lago ignores them, even unknown codes.
        JsonNode updated = api.put("/api/v1/coupons/deal", """
                {"coupon": {"name": "Renamed", "applies_to": {"plan_codes": ["premium", "gold"]}}}""").body().get("coupon");
        assertThat(updated.get("name").stringValue()).isEqualTo("Renamed");
        assertThat(updated.get("limited_plans").booleanValue()).isTrue();
        assertThat(updated.get("plan_codes").toString()).isEqualTo("[\"basic\"]");
        assertThat(api.put("/api/v1/coupons/deal", "{\"coupon\": {\"applies_to\": {\"plan_codes\": []}}}").body()
                .get("coupon").get("plan_codes").toString()).isEqualTo("[\"basic\"]");
    }

    @Test
    void plansAndMetricsOfAnotherOrganizationAreNotFound() {
        ApiClient other = newOrganization("Globex");
        Scenario theirs = new Scenario(other);
        theirs.plan("gold", "monthly", 100, "USD", "[]");
        theirs.metric("seats", "count_agg", null, null);

        assertThat(api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"gold\"]}")).raw())
                .isEqualTo(PLANS_NOT_FOUND);
        assertThat(api.post("/api/v1/coupons", coupon("deal", "{\"billable_metric_codes\": [\"seats\"]}")).raw())
                .isEqualTo(METRICS_NOT_FOUND);
        assertThat(api.get("/api/v1/coupons/deal").status()).isEqualTo(404);

        // Codes resolve in the caller's organization only: both have a "basic" plan, each coupon gets its own.
        theirs.plan("basic", "monthly", 100, "USD", "[]");
        api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\"]}"));
        other.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\", \"gold\"]}"));
        other.delete("/api/v1/plans/basic");
        assertThat(api.get("/api/v1/coupons/deal").body().get("coupon").get("plan_codes").toString())
                .isEqualTo("[\"basic\"]");
        assertThat(other.get("/api/v1/coupons/deal").body().get("coupon").get("plan_codes").toString())
                .isEqualTo("[\"gold\"]");
    }

    @Test
    void aDeletedPlanOrMetricDropsOutOfTheCodesAndTheCouponStaysLimited() {
        api.post("/api/v1/coupons", coupon("deal", "{\"plan_codes\": [\"basic\", \"premium\"]}"));
        api.post("/api/v1/coupons", coupon("metered", "{\"billable_metric_codes\": [\"storage\"]}"));

        api.delete("/api/v1/plans/premium");
        JsonNode deal = api.get("/api/v1/coupons/deal").body().get("coupon");
        assertThat(deal.toString()).isEqualTo(expected(deal, "deal", true, false, "[\"basic\"]", "[]"));

        // As in Lago, the coupon stays limited when none of its plans is left: it does not become a coupon for
        // every plan. A new plan taking the code is another plan.
        api.delete("/api/v1/plans/basic");
        s.plan("basic", "monthly", 2900, "USD", "[]");
        deal = api.get("/api/v1/coupons/deal").body().get("coupon");
        assertThat(deal.toString()).isEqualTo(expected(deal, "deal", true, false, "[]", "[]"));
        // A deleted plan cannot be named any more.
        assertThat(api.put("/api/v1/coupons/deal", "{\"coupon\": {\"applies_to\": {\"plan_codes\": [\"premium\"]}}}")
                .raw()).isEqualTo(PLANS_NOT_FOUND);

        api.delete("/api/v1/billable_metrics/storage");
        JsonNode metered = api.get("/api/v1/coupons/metered").body().get("coupon");
        assertThat(metered.toString()).isEqualTo(expected(metered, "metered", false, true, "[]", "[]"));
        assertThat(api.post("/api/v1/coupons", coupon("other", "{\"billable_metric_codes\": [\"storage\"]}")).raw())
                .isEqualTo(METRICS_NOT_FOUND);
    }

    @Test
    void aLimitedCouponCannotBeAppliedOverAnotherOnTheSamePlansOrMetrics() {
        String overlapping = "{\"status\":405,\"error\":\"Method Not Allowed\",\"code\":\"plan_overlapping\"}";
        api.post("/api/v1/coupons", coupon("on_premium", "{\"plan_codes\": [\"premium\"]}"));
        api.post("/api/v1/coupons", coupon("on_premium_too", "{\"plan_codes\": [\"premium\", \"basic\"]}"));
        api.post("/api/v1/coupons", coupon("on_calls", "{\"billable_metric_codes\": [\"calls\"]}"));
        api.post("/api/v1/coupons", coupon("on_basic", "{\"plan_codes\": [\"basic\"]}"));
        api.post("/api/v1/coupons", coupon("on_storage", "{\"billable_metric_codes\": [\"storage\"]}"));
        api.post("/api/v1/coupons", coupon("anything", null));
        s.customer("cust", null);
        String applied = apply("on_premium").body().get("applied_coupon").get("lago_id").stringValue();

        // The same plan, or a metric the plan charges: Lago's 405 plan_overlapping, nothing written.
        long applications = count("applied_coupons");
        assertThat(apply("on_premium_too").raw()).isEqualTo(overlapping);
        assertThat(apply("on_calls").raw()).isEqualTo(overlapping);
        assertThat(count("applied_coupons")).isEqualTo(applications);
        // Other plans and metrics, and coupons without limits, apply.
        assertThat(apply("on_basic").status()).isEqualTo(200);
        assertThat(apply("on_storage").status()).isEqualTo(200);
        assertThat(apply("anything").status()).isEqualTo(200);
        // A terminated application no longer covers its plans.
        api.delete("/api/v1/customers/cust/applied_coupons/" + applied);
        assertThat(apply("on_calls").status()).isEqualTo(200);
    }

    private ApiClient.Response apply(String couponCode) {
        return api.post("/api/v1/applied_coupons",
                "{\"applied_coupon\": {\"external_customer_id\": \"cust\", \"coupon_code\": \"" + couponCode + "\"}}");
    }

    private static String charge(String metricId) {
        return "[{\"billable_metric_id\": \"" + metricId + "\", \"charge_model\": \"standard\","
                + " \"properties\": {\"amount\": \"0.01\"}}]";
    }

    /** Coupon targets of this test's organization. */
    private long targets() {
        UUID organization = UUID.fromString(
                api.get("/api/v1/organizations").body().get("organization").get("lago_id").stringValue());
        return jdbc.sql("SELECT count(*) FROM coupon_targets WHERE organization_id = ?").params(organization)
                .query(Long.class).single();
    }
}

package dev.fjord.coupon.internal;

import static dev.fjord.shared.Limits.MAX_AMOUNT_CENTS;
import static dev.fjord.shared.Limits.MAX_CODES_PER_REQUEST;
import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.coupon.AppliedCoupon;
import dev.fjord.coupon.AppliedCouponPage;
import dev.fjord.coupon.AppliedCouponQuery;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.coupon.ApplyCoupon;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Lago's applied coupon endpoints: {@code POST|GET /api/v1/applied_coupons} and, per customer,
 * {@code GET /api/v1/customers/{external_customer_id}/applied_coupons} and {@code DELETE .../{applied_coupon_id}}.
 */
@RestController
class AppliedCouponController {
    static final List<String> STATUSES = List.of("active", "terminated");

    private final AppliedCoupons appliedCoupons;
    private final AppliedCouponRepository repository;

    AppliedCouponController(AppliedCoupons appliedCoupons, AppliedCouponRepository repository) {
        this.appliedCoupons = appliedCoupons;
        this.repository = repository;
    }

    @PostMapping("/api/v1/applied_coupons")
    Map<String, Object> apply(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        ApplyCoupon request = read(JsonInput.root(body, "applied_coupon"));
        return Map.of("applied_coupon", AppliedCouponJson.of(appliedCoupons.apply(organization, request)));
    }

    @GetMapping("/api/v1/applied_coupons")
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            HttpServletRequest request) {
        var query = query(request, request.getParameter("external_customer_id"));
        return render(organization, appliedCoupons.list(organization, query, page.perPage(), page.offset()), page);
    }

    @GetMapping("/api/v1/customers/{externalCustomerId}/applied_coupons")
    Map<String, Object> listOfCustomer(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, PageRequest page, HttpServletRequest request) {
        var query = query(request, externalCustomerId);
        return render(organization, appliedCoupons.listOfCustomer(organization, query, page.perPage(), page.offset()),
                page);
    }

    @DeleteMapping("/api/v1/customers/{externalCustomerId}/applied_coupons/{appliedCouponId}")
    Map<String, Object> terminate(@CurrentOrganization OrganizationId organization,
            @PathVariable String externalCustomerId, @PathVariable String appliedCouponId) {
        return Map.of("applied_coupon",
                AppliedCouponJson.of(appliedCoupons.terminate(organization, externalCustomerId, appliedCouponId)));
    }

    /** A page of applications, each with the credits it gave on invoices (one query for the page). */
    private Map<String, Object> render(OrganizationId organization, AppliedCouponPage result, PageRequest page) {
        Map<UUID, List<AppliedCouponCreditJson>> credits = repository.creditItemsOf(organization,
                result.appliedCoupons().stream().map(AppliedCoupon::id).toList());
        return ListResponse.of("applied_coupons", result.appliedCoupons().stream()
                        .map(a -> AppliedCouponJson.inList(a, credits.getOrDefault(a.id(), List.of()))).toList(),
                page, result.totalCount());
    }

    /** The applied coupon payload; customer and coupon are mandatory, the rest overrides the coupon's values. */
    static ApplyCoupon read(JsonInput in) {
        String externalCustomerId = in.string("external_customer_id", MAX_TEXT_LENGTH);
        String couponCode = in.string("coupon_code", MAX_TEXT_LENGTH);
        in.require("external_customer_id", externalCustomerId);
        in.require("coupon_code", couponCode);
        String frequency = in.oneOf("frequency", CouponInputReader.FREQUENCIES);
        Integer frequencyDuration =
                in.integer("frequency_duration", 1, CouponInputReader.MAX_FREQUENCY_DURATION);
        // Lago: an applied amount may be 0 (greater than or equal to 0), unlike a coupon's.
        Long amountCents = in.longInteger("amount_cents", 0, MAX_AMOUNT_CENTS);
        String currency = in.string("amount_currency", 3, Formats::isCurrency, "value_is_invalid");
        BigDecimal percentageRate = in.decimal("percentage_rate", BigDecimal.ZERO, true,
                CouponInputReader.MAX_PERCENTAGE, CouponInputReader.PERCENTAGE_SCALE);
        in.validate();
        return new ApplyCoupon(externalCustomerId, couponCode, frequency, frequencyDuration, amountCents, currency,
                percentageRate);
    }

    /** {@code status} (active|terminated) and {@code coupon_code[]}; unknown values are a 422, not an empty page. */
    private static AppliedCouponQuery query(HttpServletRequest request, String externalCustomerId) {
        String status = request.getParameter("status");
        if (status != null && status.isBlank()) {
            status = null;
        }
        if (status != null && !STATUSES.contains(status)) {
            throw BillingError.validation("status", "value_is_invalid");
        }
        List<String> codes = new ArrayList<>();
        for (String parameter : List.of("coupon_code[]", "coupon_code")) {
            String[] sent = request.getParameterValues(parameter);
            if (sent != null) {
                codes.addAll(List.of(sent));
            }
        }
        if (codes.size() > MAX_CODES_PER_REQUEST) {
            throw BillingError.validation("coupon_code", "too_many_items");
        }
        String customer = externalCustomerId == null || externalCustomerId.isBlank() ? null : externalCustomerId;
        return new AppliedCouponQuery(customer, status, codes);
    }
}

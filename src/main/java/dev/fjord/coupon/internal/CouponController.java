package dev.fjord.coupon.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.coupon.CouponPage;
import dev.fjord.coupon.CouponPayload;
import dev.fjord.coupon.Coupons;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/coupons} endpoints. */
@RestController
@RequestMapping("/api/v1/coupons")
class CouponController {
    private final Coupons coupons;
    private final Clock clock;

    CouponController(Coupons coupons, Clock clock) {
        this.coupons = coupons;
        this.clock = clock;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        var input = CouponPayload.read(body, true, clock.instant());
        return Map.of("coupon", CouponJson.of(coupons.create(organization, input)));
    }

    @PutMapping("/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String code,
            @RequestBody(required = false) JsonNode body) {
        var input = CouponPayload.read(body, false, clock.instant());
        return Map.of("coupon", CouponJson.of(coupons.update(organization, code, input)));
    }

    @GetMapping("/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("coupon", CouponJson.of(coupons.get(organization, code)));
    }

    @DeleteMapping("/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("coupon", CouponJson.of(coupons.delete(organization, code)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        CouponPage result = coupons.list(organization, page.perPage(), page.offset());
        return ListResponse.of("coupons", result.coupons().stream().map(CouponJson::of).toList(), page,
                result.totalCount());
    }
}

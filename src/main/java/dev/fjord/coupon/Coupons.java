package dev.fjord.coupon;

import dev.fjord.coupon.internal.AppliedCouponRepository;
import dev.fjord.coupon.internal.CouponRepository;
import dev.fjord.coupon.internal.CouponRules;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Coupons of an organization ({@code /api/v1/coupons}). */
@Service
public class Coupons {
    /** Once a coupon has been applied, only these can change (Lago ignores the rest silently). */
    static final Set<String> EDITABLE_WHEN_APPLIED = Set.of("name", "description", "expiration", "expiration_at");

    private final CouponRepository repository;
    private final AppliedCouponRepository applied;
    private final Clock clock;

    Coupons(CouponRepository repository, AppliedCouponRepository applied, Clock clock) {
        this.repository = repository;
        this.applied = applied;
        this.clock = clock;
    }

    /** Creates a coupon; its fields were checked by the reader, limits to plans or metrics are checked here. */
    @Transactional
    public Coupon create(OrganizationId organization, CouponInput input) {
        checkLimits(input);
        Instant now = clock.instant();
        UUID id = repository.insert(organization, input.changes(), now);
        return repository.findById(organization, id).orElseThrow().asOf(now);
    }

    /**
     * Changes the sent fields of the live coupon {@code code}. Once applied to a customer, only its name,
     * description and expiration change; the rest of the request is ignored, as in Lago.
     */
    @Transactional
    public Coupon update(OrganizationId organization, String code, CouponInput input) {
        Instant now = clock.instant();
        Coupon stored = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("coupon"));
        Changes changes = input.changes();
        if (applied.appliedToAnyone(organization, stored.id())) {
            changes = only(changes, EDITABLE_WHEN_APPLIED);
        } else {
            checkLimits(input);
        }
        // An expired coupon stays terminated even if its expiration moves: Lago's job would have terminated it.
        Coupon effective = stored.asOf(now);
        if (stored.terminatedAt() == null && effective.terminatedAt() != null) {
            changes.set("terminated_at", Timestamp.from(effective.terminatedAt()));
        }
        Map<String, Object> state = state(stored);
        state.putAll(changes.values());
        Map<String, List<String>> errors = CouponRules.check(state);
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
        repository.update(organization, stored.id(), changes, now);
        return repository.findById(organization, stored.id()).orElseThrow().asOf(now);
    }

    public Coupon get(OrganizationId organization, String code) {
        return repository.findLive(organization, code).map(c -> c.asOf(clock.instant()))
                .orElseThrow(() -> BillingError.notFound("coupon"));
    }

    public CouponPage list(OrganizationId organization, int limit, long offset) {
        Instant now = clock.instant();
        List<Coupon> page = repository.list(organization, now, limit, offset).stream().map(c -> c.asOf(now)).toList();
        return new CouponPage(page, repository.count(organization));
    }

    /**
     * Lago's coupon deletion: the coupon is soft-deleted (its code becomes free, customers keep seeing it on their
     * applied coupons with {@code coupon_deleted_at}) and its active applications are terminated.
     */
    @Transactional
    public Coupon delete(OrganizationId organization, String code) {
        Instant now = clock.instant();
        Coupon stored = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("coupon"));
        repository.markDeleted(organization, stored.id(), now);
        applied.terminateAllOfCoupon(organization, stored.id(), now);
        return repository.findById(organization, stored.id()).orElseThrow().asOf(now);
    }

    /**
     * Plans and billable metrics do not exist yet, so any code in {@code applies_to} names an unknown one: Lago's
     * {@code 404 plans_not_found} / {@code billable_metrics_not_found}. Empty lists are no limit.
     */
    private static void checkLimits(CouponInput input) {
        if (input.planCodes() != null && !input.planCodes().isEmpty()) {
            throw BillingError.notFound("plans");
        }
        if (input.billableMetricCodes() != null && !input.billableMetricCodes().isEmpty()) {
            throw BillingError.notFound("billable_metrics");
        }
    }

    private static Changes only(Changes changes, Set<String> columns) {
        Changes kept = new Changes();
        changes.values().forEach((column, value) -> {
            if (columns.contains(column)) {
                kept.set(column, value);
            }
        });
        return kept;
    }

    /** The stored coupon as the columns {@link CouponRules} checks. */
    private static Map<String, Object> state(Coupon c) {
        Map<String, Object> state = new HashMap<>();
        state.put("coupon_type", c.couponType());
        state.put("amount_cents", c.amountCents());
        state.put("amount_currency", c.amountCurrency());
        state.put("percentage_rate", c.percentageRate());
        state.put("frequency", c.frequency());
        state.put("frequency_duration", c.frequencyDuration());
        state.put("expiration", c.expiration());
        state.put("expiration_at", c.expirationAt());
        return state;
    }
}

package dev.fjord.coupon;

import dev.fjord.catalog.BillableMetrics;
import dev.fjord.catalog.Plans;
import dev.fjord.coupon.internal.AppliedCouponRepository;
import dev.fjord.coupon.internal.CouponRepository;
import dev.fjord.coupon.internal.CouponRules;
import dev.fjord.coupon.internal.CouponTargetRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Coupons of an organization ({@code /api/v1/coupons}). */
@Service
public class Coupons {
    /** Once a coupon has been applied, only these can change (Lago ignores the rest silently). */
    static final Set<String> EDITABLE_WHEN_APPLIED = Set.of("name", "description", "expiration", "expiration_at");

    private final CouponRepository repository;
    private final AppliedCouponRepository applied;
    private final CouponTargetRepository targets;
    private final Plans plans;
    private final BillableMetrics billableMetrics;
    private final Clock clock;

    Coupons(CouponRepository repository, AppliedCouponRepository applied, CouponTargetRepository targets, Plans plans,
            BillableMetrics billableMetrics, Clock clock) {
        this.repository = repository;
        this.applied = applied;
        this.targets = targets;
        this.plans = plans;
        this.billableMetrics = billableMetrics;
        this.clock = clock;
    }

    /**
     * Creates a coupon; its fields were checked by the reader, its limits to plans or billable metrics are checked
     * here (unknown codes are a 404, both kinds at once a 405) before anything is written.
     */
    @Transactional
    public Coupon create(OrganizationId organization, CouponInput input) {
        Limits limits = limits(organization, input).orNone();
        Instant now = clock.instant();
        Changes changes = input.changes();
        changes.set("limited_plans", !limits.planIds().isEmpty());
        changes.set("limited_billable_metrics", !limits.metricIds().isEmpty());
        UUID id = repository.insert(organization, changes, now);
        targets.replacePlans(organization, id, limits.planIds(), now);
        targets.replaceBillableMetrics(organization, id, limits.metricIds(), now);
        return repository.findById(organization, id).orElseThrow().asOf(now);
    }

    /**
     * Changes the sent fields of the live coupon {@code code}. Once applied to a customer, only its name,
     * description and expiration change; the rest of the request, limits included, is ignored, as in Lago.
     * A sent list of plan or billable metric codes replaces that kind of limit ({@code []} removes it, absent or
     * {@code null} keeps it); limiting to one kind removes the other, as in Lago.
     */
    @Transactional
    public Coupon update(OrganizationId organization, String code, CouponInput input) {
        Instant now = clock.instant();
        Coupon stored = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("coupon"));
        Changes changes = input.changes();
        Limits limits = Limits.UNCHANGED;
        if (applied.appliedToAnyone(organization, stored.id())) {
            changes = only(changes, EDITABLE_WHEN_APPLIED);
        } else {
            limits = limits(organization, input);
            if (limits.planIds() != null) {
                changes.set("limited_plans", !limits.planIds().isEmpty());
            }
            if (limits.metricIds() != null) {
                changes.set("limited_billable_metrics", !limits.metricIds().isEmpty());
            }
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
        if (limits.planIds() != null) {
            targets.replacePlans(organization, stored.id(), limits.planIds(), now);
        }
        if (limits.metricIds() != null) {
            targets.replaceBillableMetrics(organization, stored.id(), limits.metricIds(), now);
        }
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
     * The limits a request sets, by id: {@code null} leaves that kind as stored. Lago's checks, in Lago's order: a
     * code naming no live plan of the organization is {@code 404 plans_not_found}, then the same for billable
     * metrics ({@code billable_metrics_not_found}); plans and metrics both non-empty is
     * {@code 405 only_one_limitation_type_per_coupon_allowed}. Limiting to one kind empties the other kind when it
     * was not sent. On create, what is not sent is no limit.
     */
    private Limits limits(OrganizationId organization, CouponInput input) {
        List<UUID> planIds = input.planCodes() == null ? null
                : ids(organization, input.planCodes(), "plan", "plans", (o, c) -> plans.get(o, c).id());
        List<UUID> metricIds = input.billableMetricCodes() == null ? null
                : ids(organization, input.billableMetricCodes(), "billable_metric", "billable_metrics",
                        (o, c) -> billableMetrics.get(o, c).id());
        boolean toPlans = planIds != null && !planIds.isEmpty();
        boolean toMetrics = metricIds != null && !metricIds.isEmpty();
        if (toPlans && toMetrics) {
            throw BillingError.notAllowed("only_one_limitation_type_per_coupon_allowed");
        }
        if (planIds == null && toMetrics) {
            planIds = List.of();
        }
        if (metricIds == null && toPlans) {
            metricIds = List.of();
        }
        return new Limits(planIds, metricIds);
    }

    /** The ids of the live objects {@code codes} name; one unknown code is {@code 404 <plural>_not_found}. */
    private static List<UUID> ids(OrganizationId organization, List<String> codes, String resource, String plural,
            BiFunction<OrganizationId, String, UUID> byCode) {
        List<UUID> ids = new ArrayList<>();
        for (String code : codes) {
            try {
                ids.add(byCode.apply(organization, code));
            } catch (BillingError error) {
                if ((resource + "_not_found").equals(error.code())) {
                    throw BillingError.notFound(plural);
                }
                throw error;
            }
        }
        return ids;
    }

    /** Plan ids and billable metric ids a coupon is limited to; null means "as stored" (all empty on create). */
    private record Limits(List<UUID> planIds, List<UUID> metricIds) {
        static final Limits UNCHANGED = new Limits(null, null);

        /** Kinds not sent as no limit, for a new coupon. */
        Limits orNone() {
            return new Limits(planIds == null ? List.of() : planIds, metricIds == null ? List.of() : metricIds);
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

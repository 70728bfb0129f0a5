package dev.fjord.coupon;

import dev.fjord.coupon.internal.AppliedCouponRepository;
import dev.fjord.coupon.internal.CouponRepository;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Coupons applied to customers ({@code /api/v1/applied_coupons}, {@code /customers/{id}/applied_coupons}). */
@Service
public class AppliedCoupons {
    private final AppliedCouponRepository repository;
    private final CouponRepository coupons;
    private final Customers customers;
    private final Clock clock;

    AppliedCoupons(AppliedCouponRepository repository, CouponRepository coupons, Customers customers, Clock clock) {
        this.repository = repository;
        this.coupons = coupons;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Lago's application of a coupon, under the customer's lock: unknown customer → {@code 404 customer_not_found};
     * unknown, deleted, terminated or expired coupon → {@code 404 coupon_not_found}; a coupon limited to plans or
     * billable metrics that an active application of the customer is limited to as well (directly, or through the
     * plans' charges) → {@code 405 plan_overlapping}; a non-reusable coupon applied to
     * this customer before (even since terminated) → {@code 422 coupon: coupon_is_not_reusable}; a fixed amount in a
     * currency the customer cannot take → {@code 422 currency: currencies_does_not_match} (a customer without
     * currency takes the coupon's). Values not sent are the coupon's.
     */
    @Transactional
    public AppliedCoupon apply(OrganizationId organization, ApplyCoupon request) {
        Instant now = clock.instant();
        Customer customer = customers.lock(organization, request.externalCustomerId())
                .orElseThrow(() -> BillingError.notFound("customer"));
        Coupon coupon = coupons.findLive(organization, request.couponCode()).map(c -> c.asOf(now))
                .filter(Coupon::isActive)
                .orElseThrow(() -> BillingError.notFound("coupon"));
        if ((coupon.limitedPlans() || coupon.limitedBillableMetrics())
                && repository.overlapsLimits(organization, customer.id(), coupon.id())) {
            throw BillingError.notAllowed("plan_overlapping");
        }
        if (!coupon.reusable() && repository.appliedBefore(organization, customer.id(), coupon.id())) {
            throw BillingError.validation("coupon", "coupon_is_not_reusable");
        }
        var values = new AppliedCouponRepository.Values(
                request.amountCents() != null ? request.amountCents() : coupon.amountCents(),
                request.amountCurrency() != null ? request.amountCurrency() : coupon.amountCurrency(),
                request.percentageRate() != null ? request.percentageRate() : coupon.percentageRate(),
                request.frequency() != null ? request.frequency() : coupon.frequency(),
                request.frequencyDuration() != null ? request.frequencyDuration() : coupon.frequencyDuration());
        if ("recurring".equals(values.frequency()) && values.frequencyDuration() == null) {
            throw BillingError.validation("frequency_duration", "value_is_mandatory");
        }
        if (coupon.isFixedAmount()) {
            customers.adoptCurrency(organization, customer.id(), values.amountCurrency());
        }
        UUID id = repository.insert(organization, coupon.id(), customer.id(), values, now);
        return load(organization, id, now);
    }

    /** Applied coupons of live customers, newest first. A named customer that does not exist is a 404. */
    public AppliedCouponPage list(OrganizationId organization, AppliedCouponQuery query, int limit, long offset) {
        Instant now = clock.instant();
        return new AppliedCouponPage(
                repository.list(organization, query, limit, offset).stream().map(a -> asOf(a, now)).toList(),
                repository.count(organization, query));
    }

    /** Applied coupons of the live customer {@code externalCustomerId}; an unknown customer is a 404. */
    public AppliedCouponPage listOfCustomer(OrganizationId organization, AppliedCouponQuery query, int limit,
            long offset) {
        customers.get(organization, query.externalCustomerId());
        return list(organization, query, limit, offset);
    }

    /**
     * Removes a coupon from a customer: the application is terminated (kept, with {@code terminated_at}). Unknown
     * customer → {@code 404 customer_not_found}; an id that is not one of its applied coupons →
     * {@code 404 applied_coupon_not_found}. Terminating a terminated application answers it unchanged.
     */
    @Transactional
    public AppliedCoupon terminate(OrganizationId organization, String externalCustomerId, String appliedCouponId) {
        Instant now = clock.instant();
        Customer customer = customers.find(organization, externalCustomerId)
                .orElseThrow(() -> BillingError.notFound("customer"));
        UUID id = parseId(appliedCouponId);
        repository.lockOfCustomer(organization, customer.id(), id)
                .orElseThrow(() -> BillingError.notFound("applied_coupon"));
        repository.terminate(organization, id, now);
        return load(organization, id, now);
    }

    /** Ends the active applications of a deleted customer (Lago terminates them with the customer). */
    @Transactional
    public void terminateAllOfCustomer(OrganizationId organization, UUID customerId) {
        repository.terminateAllOfCustomer(organization, customerId, clock.instant());
    }

    /** The coupon credits of these invoices (what each coupon took off), oldest first. */
    public List<CouponCredit> creditsOf(OrganizationId organization, java.util.Collection<UUID> invoiceIds) {
        return repository.creditsOf(organization, invoiceIds);
    }

    /** Whether the customer holds an application carrying a currency (which pins the customer's currency). */
    public boolean pinCurrency(OrganizationId organization, UUID customerId) {
        return repository.withCurrency(organization, customerId);
    }

    private AppliedCoupon load(OrganizationId organization, UUID id, Instant now) {
        return asOf(repository.find(organization, id).orElseThrow(), now);
    }

    private static AppliedCoupon asOf(AppliedCoupon a, Instant now) {
        return new AppliedCoupon(a.id(), a.coupon().asOf(now), a.customerId(), a.externalCustomerId(), a.status(),
                a.amountCents(), a.amountCentsRemaining(), a.amountCurrency(), a.percentageRate(), a.frequency(),
                a.frequencyDuration(), a.frequencyDurationRemaining(), a.createdAt(), a.terminatedAt());
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            throw BillingError.notFound("applied_coupon");
        }
    }

    /** The customer's active applied coupons, oldest first: what the next invoice may deduct. */
    public List<AppliedCoupon> activeOf(OrganizationId organization, UUID customerId) {
        return repository.activeOfCustomer(organization, customerId);
    }

    /**
     * A voided invoice gives back what it used of each applied coupon (Lago's {@code AppliedCoupons::RecreditService}),
     * in the void's transaction: a fixed amount's remainder no longer counts it, a recurring application gets its
     * period back, and an application that this use (or a later one) ended is active again — unless its coupon has
     * since been deleted, terminated or has expired. Applications ended by hand stay ended.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recreditVoidedInvoice(OrganizationId organization, UUID invoiceId) {
        Instant now = clock.instant();
        for (Map.Entry<UUID, Boolean> used : repository.lockUsedBy(organization, invoiceId)) {
            UUID id = used.getKey();
            repository.restoreRemainingPeriod(organization, id, now);
            AppliedCoupon applied = repository.find(organization, id).orElseThrow();
            boolean couponLive = applied.coupon().deletedAt() == null && applied.coupon().asOf(now).isActive();
            if (used.getValue() && couponLive && !"forever".equals(applied.frequency())) {
                repository.reactivate(organization, id, now);
            }
        }
    }

    /**
     * An invoice used {@code cents} of the application: recorded, and its frequency moves on — a once application
     * ends (a fixed amount only when fully used), a recurring one counts a period and ends after its last, a
     * forever one stays.
     */
    @Transactional
    public void recordUse(OrganizationId organization, UUID appliedCouponId, UUID invoiceId, long cents) {
        Instant now = clock.instant();
        AppliedCoupon applied = repository.find(organization, appliedCouponId).orElseThrow();
        repository.recordCredit(organization, appliedCouponId, invoiceId, cents, now);
        boolean ends = switch (applied.frequency()) {
            case "once" -> !applied.coupon().isFixedAmount() || applied.amountCentsRemaining() == null
                    || applied.amountCentsRemaining() - cents <= 0;
            case "recurring" -> applied.frequencyDurationRemaining() != null && applied.frequencyDurationRemaining() <= 1;
            default -> false;
        };
        if ("recurring".equals(applied.frequency())) {
            repository.decrementRemainingPeriods(organization, appliedCouponId, now);
        }
        if (ends) {
            repository.terminate(organization, appliedCouponId, now);
        }
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.coupon.AppliedCoupon;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.coupon.CouponCredit;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.CouponLine;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceComputation;
import dev.fjord.invoicing.InvoicePreview;
import dev.fjord.invoicing.InvoicePreviewRequest;
import dev.fjord.organization.Organization;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Ids;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.BillingTime;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Lago's invoice preview, computed by the same code as billing ({@link BillSubscriptionPeriod#compute}) and written
 * nowhere: the plan fee of the period (prorated as its invoice would be), its usage so far, the customer's applied
 * coupons and the request's, taxes, and the prepaid credits the customer's wallets would give. The invoice is issued
 * (in arrears) the day after the period ends.
 */
@Component
public class PreviewInvoice {
    private final BillSubscriptionPeriod billing;
    private final Customers customers;
    private final Plans plans;
    private final Subscriptions subscriptions;
    private final AppliedCoupons appliedCoupons;
    private final Clock clock;

    PreviewInvoice(BillSubscriptionPeriod billing, Customers customers, Plans plans, Subscriptions subscriptions,
            AppliedCoupons appliedCoupons, Clock clock) {
        this.billing = billing;
        this.customers = customers;
        this.plans = plans;
        this.subscriptions = subscriptions;
        this.appliedCoupons = appliedCoupons;
        this.clock = clock;
    }

    /**
     * Unknown customer → {@code 404 customer_not_found}; unknown plan → {@code 404 plan_not_found}; a subscription
     * that is not an active one of the customer → {@code 404 subscription_not_found}; a plan in another currency than
     * the customer's → {@code 422 currency: currencies_does_not_match}.
     */
    public InvoicePreview execute(OrganizationId organization, InvoicePreviewRequest request) {
        Customer customer = customers.getRow(organization, request.externalCustomerId());
        BillingCatalog catalog = billing.catalog(organization);
        Organization owner = catalog.owner();
        ZoneId zone = ZoneId.of(customer.timezone() != null ? customer.timezone() : owner.timezone());
        Instant now = clock.instant();
        List<BillSubscriptionPeriod.BilledPeriod> periods = request.externalSubscriptionIds().isEmpty()
                ? List.of(newSubscriptionPeriod(organization, customer, zone, request, now))
                : currentPeriods(organization, catalog, customer, request.externalSubscriptionIds(), now);
        String currency = catalog.plan(periods.get(0).subscription().planId()).amountCurrency();
        if (periods.stream().anyMatch(p -> !catalog.plan(p.subscription().planId()).amountCurrency().equals(currency))
                || (customer.currency() != null && !customer.currency().equals(currency))) {
            throw BillingError.validation("currency", "currencies_does_not_match");
        }
        Map<UUID, CouponLabel> labels = new HashMap<>();
        for (AppliedCoupon applied : appliedCoupons.activeOf(organization, customer.id())) {
            labels.put(applied.id(), new CouponLabel(applied.coupon().id(), applied.coupon().code(),
                    applied.coupon().name(), applied.coupon().description()));
        }
        List<CouponLine> tried = new ArrayList<>();
        for (InvoicePreviewRequest.Coupon coupon : request.coupons()) {
            UUID key = Ids.newId();
            labels.put(key, new CouponLabel(null, coupon.code(), coupon.name(), null));
            tried.add(new CouponLine(key, coupon.couponType(), coupon.amountCents(), coupon.percentageRate(),
                    coupon.amountCurrency(), Set.of(), Set.of(), now));
        }

        BillSubscriptionPeriod.Computed computed = billing.compute(catalog, customer, null, periods, tried, true, now);
        InvoiceComputation amounts = computed.amounts();
        LocalDate issuingDate = periods.stream().map(p -> p.period().endExclusive().atZone(zone).toLocalDate())
                .max(LocalDate::compareTo).orElseThrow();
        int netPaymentTerm = InvoiceTerms.netPaymentTerm(customer, owner);
        Invoice invoice = new Invoice(null, customer.id(), "subscription", "draft", "pending",
                InvoiceNumbering.draft(owner.documentNumberPrefix()), null, null, currency, issuingDate,
                issuingDate.plusDays(netPaymentTerm), netPaymentTerm, zone.getId(), null, false, 4,
                amounts.toAmounts(), null, null, null, now, now, computed.fees(), List.of());
        List<CouponCredit> credits = new ArrayList<>();
        amounts.couponAmounts().forEach((key, cents) -> {
            CouponLabel label = labels.get(key);
            credits.add(new CouponCredit(null, null, cents, now, label.couponId(), label.code(), label.name(),
                    label.description()));
        });
        return new InvoicePreview(invoice, credits);
    }

    private record CouponLabel(UUID couponId, String code, String name, String description) {}

    /** The first period of a subscription that does not exist, starting at the request's date. */
    private BillSubscriptionPeriod.BilledPeriod newSubscriptionPeriod(OrganizationId organization, Customer customer,
            ZoneId zone, InvoicePreviewRequest request, Instant now) {
        if (request.planCode() == null) {
            throw BillingError.validation("plan_code", "value_is_mandatory");
        }
        Plan plan = plans.get(organization, request.planCode());
        Instant at = request.subscriptionAt() != null ? request.subscriptionAt() : now;
        BillingTime billingTime = request.billingTime() == null ? BillingTime.CALENDAR
                : BillingTime.fromCode(request.billingTime()).orElseThrow();
        Subscription subscription = new Subscription(Ids.newId(), null, customer.id(), customer.externalId(),
                plan.id(), plan.code(), null, SubscriptionStatus.ACTIVE, billingTime, at, at, null, null, null, null,
                "generate", now, zone, null, null, null);
        BillingPeriod period = BillingPeriods.containing(plan.interval(), billingTime, subscription.anchorDate(), zone, at);
        return new BillSubscriptionPeriod.BilledPeriod(subscription, period, null);
    }

    /** The current periods of the customer's active subscriptions named. */
    private List<BillSubscriptionPeriod.BilledPeriod> currentPeriods(OrganizationId organization,
            BillingCatalog catalog, Customer customer, List<String> externalIds, Instant now) {
        List<BillSubscriptionPeriod.BilledPeriod> periods = new ArrayList<>();
        for (String externalId : externalIds) {
            Subscription subscription = subscriptions.get(organization, externalId, SubscriptionStatus.ACTIVE);
            if (!subscription.customerId().equals(customer.id())) {
                throw BillingError.notFound("subscription");
            }
            Plan plan = catalog.plan(subscription.planId());
            periods.add(new BillSubscriptionPeriod.BilledPeriod(subscription, BillingPeriods.containing(plan.interval(),
                    subscription.billingTime(), subscription.anchorDate(), subscription.zone(), now), null));
        }
        return periods;
    }
}

package dev.fjord.coupon.internal;

import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.CurrencyBoundObjects;
import dev.fjord.customer.CustomerDeleted;
import dev.fjord.shared.OrganizationId;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What customers' life means for their coupons: a fixed-amount application pins the customer's currency, and a
 * deleted customer's active applications end with it (inside the deleting transaction).
 */
@Component
class CustomerCouponHooks implements CurrencyBoundObjects {
    private final AppliedCoupons appliedCoupons;

    CustomerCouponHooks(AppliedCoupons appliedCoupons) {
        this.appliedCoupons = appliedCoupons;
    }

    @Override
    public boolean existFor(OrganizationId organization, UUID customerId) {
        return appliedCoupons.pinCurrency(organization, customerId);
    }

    @EventListener
    void customerDeleted(CustomerDeleted event) {
        appliedCoupons.terminateAllOfCustomer(event.organization(), event.customerId());
    }
}

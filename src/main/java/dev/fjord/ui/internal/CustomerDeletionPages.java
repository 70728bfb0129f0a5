package dev.fjord.ui.internal;

import dev.fjord.coupon.AppliedCoupon;
import dev.fjord.coupon.AppliedCouponQuery;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Deleting a customer and removing a coupon applied to one, each after its confirmation page, through the facades
 * behind {@code DELETE /customers/{id}} and {@code DELETE /customers/{id}/applied_coupons/{id}}.
 */
@Controller
class CustomerDeletionPages {
    /** More active coupons than this on one customer is not a case the confirmation page needs to find. */
    private static final int COUPONS_SEARCHED = 100;

    private final Customers customers;
    private final AppliedCoupons appliedCoupons;

    CustomerDeletionPages(Customers customers, AppliedCoupons appliedCoupons) {
        this.customers = customers;
        this.appliedCoupons = appliedCoupons;
    }

    @GetMapping("/customers/{externalId}/delete")
    String confirmDeletion(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        Customer customer = customers.get(user.organization(), externalId);
        return new Confirmation("Delete the customer " + (customer.name() == null ? externalId : customer.name()) + "?",
                List.of("Its active subscriptions end now and those not started yet are canceled; its wallets are"
                                + " terminated (credits left in them are never used) and its applied coupons end.",
                        "Invoices already issued stay. The id " + externalId + " becomes free for a new customer."
                                + " This cannot be undone."),
                "/customers/" + Paths.segment(externalId) + "/delete", "Yes, delete the customer",
                "/customers/" + Paths.segment(externalId)).show(model);
    }

    @PostMapping("/customers/{externalId}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, RedirectAttributes redirect) {
        customers.delete(user.organization(), externalId);
        redirect.addFlashAttribute("notice", "Customer " + externalId + " deleted.");
        return "redirect:/customers";
    }

    @GetMapping("/customers/{externalId}/applied-coupons/{id}/remove")
    String confirmCouponRemoval(@AuthenticationPrincipal WebUser user, @PathVariable String externalId,
            @PathVariable UUID id, Model model) {
        AppliedCoupon applied = active(user.organization(), externalId, id);
        String coupon = applied.coupon().name() == null ? applied.coupon().code() : applied.coupon().name();
        return new Confirmation("Remove the coupon " + coupon + "?", List.of(
                "Its discount no longer applies to the next invoices of " + externalId + ".",
                "Invoices already issued keep their discount. The coupon itself stays in the catalog and can be"
                        + " applied again."),
                "/customers/" + Paths.segment(externalId) + "/applied-coupons/" + id + "/remove",
                "Yes, remove the coupon", "/customers/" + Paths.segment(externalId)).show(model);
    }

    @PostMapping("/customers/{externalId}/applied-coupons/{id}/remove")
    String removeCoupon(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, @PathVariable UUID id,
            RedirectAttributes redirect) {
        AppliedCoupon removed = appliedCoupons.terminate(user.organization(), externalId, id.toString());
        redirect.addFlashAttribute("notice", "Coupon " + removed.coupon().code() + " removed from " + externalId + ".");
        return "redirect:/customers/" + Paths.segment(externalId);
    }

    private AppliedCoupon active(OrganizationId organization, String externalId, UUID id) {
        return appliedCoupons.listOfCustomer(organization, new AppliedCouponQuery(externalId, "active", null),
                        COUPONS_SEARCHED, 0).appliedCoupons().stream()
                .filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> BillingError.notFound("applied_coupon"));
    }
}

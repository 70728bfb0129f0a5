package dev.fjord.ui.internal;

import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.metering.CurrentUsage;
import dev.fjord.metering.Events;
import dev.fjord.metering.UsageReport;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import java.time.ZoneId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A subscription's current period: the usage per charge as {@code GET /customers/{id}/current_usage} computes it
 * (taxes included), and its events per day as a bar chart.
 */
@Controller
class SubscriptionUsagePages {
    private final Subscriptions subscriptions;
    private final Customers customers;
    private final CurrentUsage usage;
    private final Events events;

    SubscriptionUsagePages(Subscriptions subscriptions, Customers customers, CurrentUsage usage, Events events) {
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.usage = usage;
        this.events = events;
    }

    @GetMapping("/subscriptions/{externalId}/usage")
    String usage(@AuthenticationPrincipal WebUser user, @PathVariable String externalId, Model model) {
        OrganizationId organization = user.organization();
        Subscription subscription = subscriptions.get(organization, externalId, SubscriptionStatus.ACTIVE);
        Customer customer = customers.get(organization, subscription.externalCustomerId());
        UsageReport report = usage.of(organization, customer.externalId(), externalId, true);
        // days of the customer's timezone: the one its billing periods are cut in
        ZoneId zone = ZoneId.of(customer.applicableTimezone());
        model.addAttribute("subscription", subscription);
        model.addAttribute("customer", customer);
        model.addAttribute("usage", report);
        model.addAttribute("chart", UsageChart.of(events.perDay(organization, subscription.id(),
                report.fromDatetime(), report.toDatetime(), zone)));
        model.addAttribute("zone", zone.getId());
        return "subscriptions/usage";
    }
}

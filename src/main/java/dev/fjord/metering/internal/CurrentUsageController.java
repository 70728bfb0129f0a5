package dev.fjord.metering.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.metering.CurrentUsage;
import dev.fjord.metering.CustomerUsageJson;
import dev.fjord.shared.OrganizationId;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/customers/{external_customer_id}/current_usage?external_subscription_id=}. */
@RestController
class CurrentUsageController {
    private final CurrentUsage currentUsage;

    CurrentUsageController(CurrentUsage currentUsage) {
        this.currentUsage = currentUsage;
    }

    @GetMapping("/api/v1/customers/{externalCustomerId}/current_usage")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @RequestParam(name = "external_subscription_id") String externalSubscriptionId,
            @RequestParam(name = "apply_taxes", defaultValue = "true") boolean applyTaxes) {
        return Map.of("customer_usage",
                CustomerUsageJson.of(currentUsage.of(organization, externalCustomerId, externalSubscriptionId, applyTaxes),
                        null));
    }
}

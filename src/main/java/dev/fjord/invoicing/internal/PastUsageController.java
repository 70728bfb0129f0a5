package dev.fjord.invoicing.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.invoicing.PastUsage;
import dev.fjord.metering.CustomerUsageJson;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/customers/{external_customer_id}/past_usage?external_subscription_id=&billable_metric_code=
 * &periods_count=} with Lago's pagination: {@code {"usage_periods": [customer_usage...], "meta": {...}}}.
 */
@RestController
class PastUsageController {
    private final PastUsage pastUsage;

    PastUsageController(PastUsage pastUsage) {
        this.pastUsage = pastUsage;
    }

    @GetMapping("/api/v1/customers/{externalCustomerId}/past_usage")
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @RequestParam(name = "external_subscription_id", required = false) String externalSubscriptionId,
            @RequestParam(name = "billable_metric_code", required = false) String billableMetricCode,
            @RequestParam(name = "periods_count", required = false) String periodsCount, PageRequest page) {
        if (externalSubscriptionId == null || externalSubscriptionId.isBlank()) {
            throw BillingError.validation("external_subscription_id", "value_is_mandatory");
        }
        PastUsage.Page found = pastUsage.of(organization, externalCustomerId, externalSubscriptionId,
                billableMetricCode == null || billableMetricCode.isBlank() ? null : billableMetricCode,
                count(periodsCount), page.perPage(), page.offset());
        return ListResponse.of("usage_periods",
                found.periods().stream().map(p -> CustomerUsageJson.of(p.usage(), p.invoiceId())).toList(),
                page, found.totalCount());
    }

    /** A positive whole number of periods, else {@code 422 periods_count: value_is_invalid}. */
    private static Integer count(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int count = Integer.parseInt(value.strip());
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the validation error
        }
        throw BillingError.validation("periods_count", "value_is_invalid");
    }
}

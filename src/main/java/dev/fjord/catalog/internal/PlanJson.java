package dev.fjord.catalog.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.TaxJson;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/** Lago's {@code plan} object with its charges. */
public record PlanJson(
        String lagoId,
        String name,
        String invoiceDisplayName,
        String createdAt,
        String code,
        String interval,
        String description,
        long amountCents,
        String amountCurrency,
        BigDecimal trialPeriod,
        boolean payInAdvance,
        boolean billChargesMonthly,
        long customersCount,
        long activeSubscriptionsCount,
        long draftInvoicesCount,
        String parentId,
        boolean pendingDeletion,
        MinimumCommitment minimumCommitment,
        List<ChargeJson> charges,
        List<Object> fixedCharges,
        List<Object> usageThresholds,
        List<TaxJson> taxes,
        List<Object> entitlements) {

    record MinimumCommitment(long amountCents, String invoiceDisplayName, String interval, List<Object> taxes) {}

    record ChargeJson(String lagoId, String lagoBillableMetricId, String billableMetricCode, String code,
            String invoiceDisplayName, String createdAt, String chargeModel, boolean invoiceable, String regroupPaidFees,
            boolean payInAdvance, boolean prorated, long minAmountCents, ObjectNode properties, List<FilterJson> filters,
            List<TaxJson> taxes, Object appliedPricingUnit, String lagoParentId) {}

    record FilterJson(String invoiceDisplayName, ObjectNode properties, Map<String, List<String>> values) {}

    /** The plan as the plan endpoints answer it, with its metrics, subscription counts and taxes. */
    public static PlanJson of(Plans plans, dev.fjord.shared.OrganizationId organization, Plan plan) {
        return of(plan, plans.metricsOf(organization, plan), plans.subscriptionCounts(organization, plan.id()),
                plans.taxesOf(organization, plan));
    }

    static PlanJson of(Plan p, Map<UUID, BillableMetric> metrics, long[] subscriptionCounts, Plans.PlanTaxes taxes) {
        MinimumCommitment commitment = p.minimumCommitmentAmountCents() == null ? null
                : new MinimumCommitment(p.minimumCommitmentAmountCents(), p.minimumCommitmentInvoiceDisplayName(),
                        p.interval().code(), List.of());
        return new PlanJson(p.id().toString(), p.name(), p.invoiceDisplayName(), JsonFormats.timestamp(p.createdAt()),
                p.code(), p.interval().code(), p.description(), p.amountCents(), p.amountCurrency(),
                p.trialPeriod().stripTrailingZeros(), p.payInAdvance(), p.billChargesMonthly(), subscriptionCounts[1],
                subscriptionCounts[0], 0, null, p.deletedAt() != null, commitment,
                p.charges().stream().map(c -> charge(c, metrics.get(c.billableMetricId()),
                        taxes.charges().getOrDefault(c.id(), List.of()))).toList(),
                List.of(), List.of(), taxes.plan().stream().map(TaxJson::of).toList(), List.of());
    }

    private static ChargeJson charge(Charge c, BillableMetric metric, List<Tax> taxes) {
        return new ChargeJson(c.id().toString(), c.billableMetricId().toString(), metric == null ? null : metric.code(),
                c.code(), c.invoiceDisplayName(), JsonFormats.timestamp(c.createdAt()), c.chargeModel().code(),
                c.invoiceable(), c.regroupPaidFees(), c.payInAdvance(), c.prorated(), c.minAmountCents(), c.properties(),
                c.filters().stream().map(f -> new FilterJson(f.invoiceDisplayName(), f.properties(), f.values())).toList(),
                taxes.stream().map(TaxJson::of).toList(), null, null);
    }
}

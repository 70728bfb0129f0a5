package dev.fjord.invoicing;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetrics;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.customer.Customer;
import dev.fjord.customer.Customers;
import dev.fjord.invoicing.internal.InvoiceRepository;
import dev.fjord.invoicing.internal.PastUsagePeriods;
import dev.fjord.metering.UsageReport;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Lago's past usage ({@code GET /customers/{id}/past_usage}): the usage of a subscription's invoiced periods, newest
 * first, read from the charge fees of its invoices (draft or finalized; voided ones billed nothing). Every subscription
 * that carried the external id counts, so a plan change keeps its history.
 */
@Service
public class PastUsage {
    private final PastUsagePeriods periods;
    private final InvoiceRepository invoices;
    private final Customers customers;
    private final Plans plans;
    private final BillableMetrics metrics;

    PastUsage(PastUsagePeriods periods, InvoiceRepository invoices, Customers customers, Plans plans,
            BillableMetrics metrics) {
        this.periods = periods;
        this.invoices = invoices;
        this.customers = customers;
        this.plans = plans;
        this.metrics = metrics;
    }

    /** One past period: its usage and the invoice that billed it. */
    public record Period(UsageReport usage, UUID invoiceId) {}

    public record Page(List<Period> periods, long totalCount) {}

    /**
     * Unknown customer → {@code 404 customer_not_found}; unknown {@code billableMetricCode} →
     * {@code 404 billable_metric_not_found}. {@code periodsCount} (null = all) bounds the periods before paging.
     */
    public Page of(OrganizationId organization, String externalCustomerId, String externalSubscriptionId,
            String billableMetricCode, Integer periodsCount, int limit, long offset) {
        Customer customer = customers.get(organization, externalCustomerId);
        UUID metricId = billableMetricCode == null ? null : metrics.get(organization, billableMetricCode).id();
        long total = periods.count(organization, customer.id(), externalSubscriptionId);
        if (periodsCount != null) {
            total = Math.min(total, periodsCount);
        }
        int pageSize = (int) Math.max(0, Math.min(limit, total - offset));
        List<PastUsagePeriods.Row> rows = pageSize == 0 ? List.of()
                : periods.page(organization, customer.id(), externalSubscriptionId, pageSize, offset);
        Map<UUID, List<Fee>> fees = invoices.fees(organization, rows.stream().map(PastUsagePeriods.Row::invoiceId).toList());
        Map<UUID, Plan> plansById = new HashMap<>();
        List<Period> result = new ArrayList<>();
        for (PastUsagePeriods.Row row : rows) {
            Plan plan = plansById.computeIfAbsent(row.planId(), id -> plans.getById(organization, id));
            List<Fee> charged = fees.getOrDefault(row.invoiceId(), List.of()).stream()
                    .filter(f -> "charge".equals(f.feeType()) && row.subscriptionId().equals(f.subscriptionId()))
                    .toList();
            result.add(new Period(report(organization, row, plan, charged, metricId), row.invoiceId()));
        }
        return new Page(result, total);
    }

    /** The period's charge fees, grouped back into charges and buckets (filter, group) as current usage shows them. */
    private UsageReport report(OrganizationId organization, PastUsagePeriods.Row row, Plan plan, List<Fee> fees,
            UUID metricId) {
        Map<UUID, BillableMetric> planMetrics = plans.metricsOf(organization, plan);
        Map<UUID, List<Fee>> byCharge = new LinkedHashMap<>();
        fees.forEach(f -> byCharge.computeIfAbsent(f.chargeId(), id -> new ArrayList<>()).add(f));
        List<UsageReport.ChargeUsage> charges = new ArrayList<>();
        long amount = 0;
        long taxes = 0;
        long inAdvanceTaxes = 0;
        for (Charge charge : plan.charges()) {
            List<Fee> chargeFees = byCharge.get(charge.id());
            BillableMetric metric = planMetrics.get(charge.billableMetricId());
            if (chargeFees == null || metric == null || (metricId != null && !metricId.equals(metric.id()))) {
                continue;
            }
            List<UsageReport.Bucket> buckets = chargeFees.stream().map(f -> new UsageReport.Bucket(
                    charge.filters().stream().filter(filter -> filter.id().equals(f.chargeFilterId())).findFirst()
                            .orElse(null),
                    groupedBy(f), f.units(), f.eventsCount() == null ? 0 : f.eventsCount(), f.amountCents())).toList();
            long chargeAmount = chargeFees.stream().mapToLong(Fee::amountCents).sum();
            charges.add(new UsageReport.ChargeUsage(charge, metric,
                    buckets.stream().map(UsageReport.Bucket::units).reduce(BigDecimal.ZERO, BigDecimal::add),
                    buckets.stream().mapToLong(UsageReport.Bucket::eventsCount).sum(), chargeAmount, buckets));
            amount += chargeAmount;
            long chargeTaxes = chargeFees.stream().mapToLong(Fee::taxesAmountCents).sum();
            taxes += chargeTaxes;
            inAdvanceTaxes += charge.payInAdvance() ? chargeTaxes : 0;
        }
        // Lago shows a period's last second, not the next period's first.
        return new UsageReport(row.from(), row.to().minusSeconds(1), row.issuingDate(), row.currency(), amount, taxes,
                charges, inAdvanceTaxes);
    }

    private static Map<String, String> groupedBy(Fee fee) {
        Map<String, String> values = new LinkedHashMap<>();
        fee.groupedBy().forEach((key, value) -> values.put(key, Objects.toString(value, null)));
        return values;
    }
}

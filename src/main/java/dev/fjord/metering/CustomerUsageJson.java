package dev.fjord.metering;

import dev.fjord.api.JsonFormats;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lago's {@code customer_usage} object, also each item of a customer's {@code usage_periods} (past usage, which the
 * invoicing module renders from invoiced fees).
 */
public record CustomerUsageJson(
        String fromDatetime,
        String toDatetime,
        String issuingDate,
        String currency,
        long amountCents,
        long totalAmountCents,
        long taxesAmountCents,
        String lagoInvoiceId,
        List<ChargeUsageJson> chargesUsage) {

    public record ChargeUsageJson(String units, String totalAggregatedUnits, long eventsCount, long amountCents,
            String amountCurrency, Object pricingUnitDetails, ChargeRef charge, MetricRef billableMetric,
            List<FilterJson> filters, List<GroupJson> groupedUsage) {}

    public record ChargeRef(String lagoId, String chargeModel, String invoiceDisplayName) {}

    public record MetricRef(String lagoId, String name, String code, String aggregationType) {}

    public record FilterJson(String units, long amountCents, long eventsCount, String invoiceDisplayName,
            Map<String, List<String>> values) {}

    public record GroupJson(long amountCents, long eventsCount, String units, Map<String, String> groupedBy,
            List<FilterJson> filters) {}

    /** {@code lagoInvoiceId}: the invoice that billed this usage (past usage), null for current usage. */
    public static CustomerUsageJson of(UsageReport report, UUID lagoInvoiceId) {
        return new CustomerUsageJson(JsonFormats.timestamp(report.fromDatetime()), JsonFormats.timestamp(report.toDatetime()),
                JsonFormats.date(report.issuingDate()), report.currency(), report.amountCents(),
                report.totalAmountCents(), report.taxesAmountCents(),
                lagoInvoiceId == null ? null : lagoInvoiceId.toString(),
                report.charges().stream().map(c -> charge(c, report.currency())).toList());
    }

    private static ChargeUsageJson charge(UsageReport.ChargeUsage c, String currency) {
        boolean filtered = !c.charge().filters().isEmpty();
        List<FilterJson> filters = !filtered ? List.of() : c.buckets().stream().map(CustomerUsageJson::filter).toList();
        List<GroupJson> groups = c.buckets().stream().filter(b -> !b.groupedBy().isEmpty())
                .map(b -> new GroupJson(b.amountCents(), b.eventsCount(), JsonFormats.decimal(b.units()), b.groupedBy(),
                        filtered ? List.of(filter(b)) : List.of()))
                .toList();
        return new ChargeUsageJson(JsonFormats.decimal(c.units()), JsonFormats.decimal(c.units()), c.eventsCount(),
                c.amountCents(), currency, null,
                new ChargeRef(c.charge().id().toString(), c.charge().chargeModel().code(), c.charge().invoiceDisplayName()),
                new MetricRef(c.metric().id().toString(), c.metric().name(), c.metric().code(),
                        c.metric().aggregationType().code()),
                filters, groups);
    }

    private static FilterJson filter(UsageReport.Bucket b) {
        return new FilterJson(JsonFormats.decimal(b.units()), b.amountCents(), b.eventsCount(),
                b.filter() == null ? null : b.filter().invoiceDisplayName(),
                b.filter() == null ? null : b.filter().values());
    }
}

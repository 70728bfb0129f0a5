package dev.fjord.metering.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.metering.UsageReport;
import java.util.List;
import java.util.Map;

/** Lago's {@code customer_usage} object. */
record UsageJson(
        String fromDatetime,
        String toDatetime,
        String issuingDate,
        String currency,
        long amountCents,
        long totalAmountCents,
        long taxesAmountCents,
        String lagoInvoiceId,
        List<ChargeUsageJson> chargesUsage) {

    record ChargeUsageJson(String units, String totalAggregatedUnits, long eventsCount, long amountCents,
            String amountCurrency, Object pricingUnitDetails, ChargeRef charge, MetricRef billableMetric,
            List<FilterJson> filters, List<GroupJson> groupedUsage) {}

    record ChargeRef(String lagoId, String chargeModel, String invoiceDisplayName) {}

    record MetricRef(String lagoId, String name, String code, String aggregationType) {}

    record FilterJson(String units, long amountCents, long eventsCount, String invoiceDisplayName,
            Map<String, List<String>> values) {}

    record GroupJson(long amountCents, long eventsCount, String units, Map<String, String> groupedBy,
            List<FilterJson> filters) {}

    static UsageJson of(UsageReport report) {
        return new UsageJson(JsonFormats.timestamp(report.fromDatetime()), JsonFormats.timestamp(report.toDatetime()),
                JsonFormats.date(report.issuingDate()), report.currency(), report.amountCents(),
                report.totalAmountCents(), report.taxesAmountCents(), null,
                report.charges().stream().map(c -> charge(c, report.currency())).toList());
    }

    private static ChargeUsageJson charge(UsageReport.ChargeUsage c, String currency) {
        boolean filtered = !c.charge().filters().isEmpty();
        List<FilterJson> filters = !filtered ? List.of() : c.buckets().stream().map(UsageJson::filter).toList();
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

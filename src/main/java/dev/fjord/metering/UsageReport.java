package dev.fjord.metering;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A subscription's usage in its current charge period, priced to the cent. */
public record UsageReport(
        Instant fromDatetime,
        Instant toDatetime,
        LocalDate issuingDate,
        String currency,
        long amountCents,
        long taxesAmountCents,
        List<ChargeUsage> charges,
        // of taxesAmountCents, the taxes of pay-in-advance charges: those were invoiced with each event
        long inAdvanceTaxesAmountCents) {

    public long totalAmountCents() {
        return amountCents + taxesAmountCents;
    }

    /** One charge: the sum of its buckets, each bucket priced (and rounded) on its own, as one fee each. */
    public record ChargeUsage(Charge charge, BillableMetric metric, BigDecimal units, long eventsCount, long amountCents,
            List<Bucket> buckets) {}

    /** Usage under one filter ({@code filter} null = the charge's default price) and one group. */
    public record Bucket(Charge.Filter filter, Map<String, String> groupedBy, BigDecimal units, long eventsCount,
            long amountCents) {}
}

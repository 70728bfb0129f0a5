package dev.fjord.invoicing;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.invoicing.internal.InvoiceRepository;
import dev.fjord.invoicing.internal.amounts.PayableBuckets;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscriptions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * What a customer's draft invoices (grace period) still owe, for the wallets' ongoing balance (spec §4.5): per draft,
 * its fees netted per {@code (fee type, billable metric)} — amount, minus the fee's precise coupon share, plus its
 * precise taxes — as whole minor units adding up to the draft's total, the same buckets prepaid credits will be
 * allocated from when the draft is finalized ({@link InvoiceCalculator}). Drafts consume nothing, so no credit note or
 * prepaid credit is deducted.
 */
@Service
public class DraftFees {
    private final InvoiceRepository invoices;
    private final Subscriptions subscriptions;
    private final Plans plans;

    DraftFees(InvoiceRepository invoices, Subscriptions subscriptions, Plans plans) {
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.plans = plans;
    }

    /**
     * Money a draft owes under one key.
     *
     * @param billableMetricCode the charge's metric, null for other fee types (or a charge since removed from its plan)
     */
    public record Owed(UUID invoiceId, String currency, String feeType, String billableMetricCode, long amountCents) {}

    /** One indexed lookup for a customer without drafts. */
    public List<Owed> ofCustomer(OrganizationId organization, UUID customerId) {
        List<InvoiceRepository.OwingDraft> drafts = invoices.owingDrafts(organization, customerId);
        if (drafts.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Fee>> fees = invoices.fees(organization, drafts.stream().map(InvoiceRepository.OwingDraft::id).toList());
        Map<UUID, Plan> planBySubscription = new HashMap<>();
        Map<UUID, Map<UUID, String>> metricCodesByPlan = new HashMap<>();
        List<Owed> owed = new ArrayList<>();
        for (InvoiceRepository.OwingDraft draft : drafts) {
            List<FeeLine> lines = new ArrayList<>();
            Map<UUID, BigDecimal> coupons = new HashMap<>();
            Map<UUID, BigDecimal> taxes = new HashMap<>();
            Map<UUID, String> metricCodes = new HashMap<>();
            for (Fee fee : fees.getOrDefault(draft.id(), List.of())) {
                UUID metricId = null;
                if ("charge".equals(fee.feeType()) && fee.chargeId() != null && fee.subscriptionId() != null) {
                    Plan plan = planBySubscription.computeIfAbsent(fee.subscriptionId(), id -> plans.getById(organization,
                            subscriptions.findById(organization, id).orElseThrow().planId()));
                    metricId = plan.charges().stream().filter(c -> c.id().equals(fee.chargeId()))
                            .map(Charge::billableMetricId).findFirst().orElse(null);
                    metricCodes.putAll(metricCodesByPlan.computeIfAbsent(plan.id(), id -> codes(organization, plan)));
                }
                lines.add(new FeeLine(fee.id(), fee.feeType(), null, metricId, fee.amountCents(), BigDecimal.ZERO));
                coupons.put(fee.id(), fee.preciseCouponsAmountCents());
                taxes.put(fee.id(), fee.taxesPreciseAmountCents());
            }
            Map<UUID, BigDecimal> noCreditNotes = new HashMap<>();
            lines.forEach(line -> noCreditNotes.put(line.key(), BigDecimal.ZERO));
            for (PayableBuckets.Bucket bucket : PayableBuckets.of(lines, coupons, taxes, noCreditNotes,
                    draft.totalAmountCents())) {
                String code = bucket.billableMetricId() == null ? null : metricCodes.get(bucket.billableMetricId());
                owed.add(new Owed(draft.id(), draft.currency(), bucket.feeType(), code, bucket.amountCents()));
            }
        }
        return owed;
    }

    private Map<UUID, String> codes(OrganizationId organization, Plan plan) {
        Map<UUID, String> codes = new HashMap<>();
        for (BillableMetric metric : plans.metricsOf(organization, plan).values()) {
            codes.put(metric.id(), metric.code());
        }
        return codes;
    }
}

package dev.fjord.invoicing.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Tax;
import dev.fjord.coupon.AppliedCoupons;
import dev.fjord.customer.BalanceVersions;
import dev.fjord.customer.Customer;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.CouponLine;
import dev.fjord.invoicing.CreditNoteCredits;
import dev.fjord.invoicing.DraftInvoiceChanged;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.FeeLine;
import dev.fjord.invoicing.FeeResult;
import dev.fjord.invoicing.Invoice;
import dev.fjord.invoicing.InvoiceCalculator;
import dev.fjord.invoicing.InvoiceComputation;
import dev.fjord.invoicing.PrepaidCredits;
import dev.fjord.invoicing.internal.amounts.AppliedTaxSplit;
import dev.fjord.organization.Organization;
import dev.fjord.shared.Ids;
import dev.fjord.shared.Money;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Issues a {@code subscription} invoice from its fees, in the caller's transaction, in spec §4.2's order: coupons,
 * taxes, prepaid credits last; numbered when finalized, and wallets debited. Periodic, termination, starting and
 * pay-in-advance charge invoices all end here; all but the pay-in-advance ones wait as drafts during the customer's
 * grace period, and are finalized later through the same write path.
 */
@Component
class SubscriptionInvoices {
    private final InvoiceRepository invoices;
    private final InvoiceNumbering numbering;
    private final PrepaidCredits prepaidCredits;
    private final CreditNoteCredits creditNotes;
    private final AppliedCoupons appliedCoupons;
    private final InvoiceWebhooks webhooks;
    private final BalanceVersions balanceVersions;
    private final ApplicationEventPublisher events;

    SubscriptionInvoices(InvoiceRepository invoices, InvoiceNumbering numbering, PrepaidCredits prepaidCredits,
            CreditNoteCredits creditNotes, AppliedCoupons appliedCoupons, InvoiceWebhooks webhooks,
            BalanceVersions balanceVersions, ApplicationEventPublisher events) {
        this.balanceVersions = balanceVersions;
        this.events = events;
        this.invoices = invoices;
        this.numbering = numbering;
        this.prepaidCredits = prepaidCredits;
        this.creditNotes = creditNotes;
        this.appliedCoupons = appliedCoupons;
        this.webhooks = webhooks;
    }

    /** The fees of one invoice being assembled, with their lines for the calculator. */
    static final class Draft {
        final UUID invoiceId;
        final String currency;
        final Instant now;
        final List<Fee> fees = new ArrayList<>();
        final List<FeeLine> lines = new ArrayList<>();
        /** Per fee, the taxes resolved for it, in the order of {@link #fees}. */
        final List<List<Tax>> taxes = new ArrayList<>();
        final Map<UUID, Plan> plans = new LinkedHashMap<>();
        final Map<UUID, BillableMetric> metrics = new LinkedHashMap<>();

        Draft(String currency, Instant now) {
            this(Ids.newId(), currency, now);
        }

        /** {@code invoiceId} null: fees computed for no invoice (a preview). */
        Draft(UUID invoiceId, String currency, Instant now) {
            this.invoiceId = invoiceId;
            this.currency = currency;
            this.now = now;
        }

        /** A fee of a subscription to {@code planId} ({@code billableMetricId} for a charge), taxed by {@code taxes}. */
        void add(Fee fee, UUID planId, UUID billableMetricId, List<Tax> taxes) {
            fees.add(fee);
            lines.add(new FeeLine(fee.id(), fee.feeType(), planId, billableMetricId, fee.amountCents(),
                    BillingCatalog.rate(taxes)));
            this.taxes.add(List.copyOf(taxes));
        }
    }

    /**
     * Subscription billing (period ends, terminations, starts): while the customer has a grace period the invoice is
     * written as a {@code draft} (fees, coupons shown, taxes; no credits consumed, nothing recorded as used, webhook
     * {@code invoice.drafted}); otherwise it is {@link #issue issued} at once. Answers its id.
     */
    UUID issueOrDraft(BillingCatalog catalog, Customer customer, Draft draft) {
        if (InvoiceTerms.gracePeriodDays(customer, catalog.owner()) == 0) {
            return issue(catalog, customer, draft);
        }
        OrganizationId organization = catalog.organization();
        InvoiceComputation amounts = amounts(catalog, customer, draft, List.of(), false);
        invoices.insert(organization, invoice(catalog.owner(), customer, draft, amounts, "draft", null));
        insertFees(organization, draft, amounts);
        webhooks.record(organization, "invoice.drafted", draft.invoiceId);
        draftChanged(organization, customer, draft);
        return draft.invoiceId;
    }

    /** Computes, writes and (unless Lago would close it) finalizes the invoice; answers its id. */
    UUID issue(BillingCatalog catalog, Customer customer, Draft draft) {
        OrganizationId organization = catalog.organization();
        InvoiceComputation amounts = amounts(catalog, customer, draft, List.of(), true);
        boolean finalized = InvoiceTerms.finalizes(amounts.feesAmountCents(), customer, catalog.owner());
        InvoiceNumbering.Assigned number = finalized
                ? numbering.assign(organization, catalog.owner(), customer, draft.now) : null;
        invoices.insert(organization, invoice(catalog.owner(), customer, draft, amounts,
                finalized ? "finalized" : "closed", number));
        insertFees(organization, draft, amounts);
        consume(organization, draft.invoiceId, amounts, finalized);
        return draft.invoiceId;
    }

    /**
     * Refreshes a draft (row-locked by the caller) from {@code draft}, its fees computed again: no credits consumed.
     */
    void refreshDraft(BillingCatalog catalog, Customer customer, Draft draft) {
        replaceFees(catalog.organization(), draft, amounts(catalog, customer, draft, List.of(), false));
        draftChanged(catalog.organization(), customer, draft);
    }

    /**
     * Finalizes a draft (row-locked by the caller) at {@code draft.now}: its fees computed again with credits on, then
     * as {@link #issue}: numbered (or closed at zero), issued and due from today, coupons, credit notes and wallets
     * consumed, {@code invoice.created}.
     */
    void finalizeDraft(BillingCatalog catalog, Customer customer, Draft draft) {
        OrganizationId organization = catalog.organization();
        Organization owner = catalog.owner();
        Instant now = draft.now;
        InvoiceComputation amounts = amounts(catalog, customer, draft, List.of(), true);
        replaceFees(organization, draft, amounts);
        boolean finalized = InvoiceTerms.finalizes(amounts.feesAmountCents(), customer, owner);
        if (finalized) {
            LocalDate issuingDate = LocalDate.ofInstant(now, ZoneId.of(InvoiceTerms.timezone(customer, owner)));
            invoices.finalize(organization, draft.invoiceId, numbering.assign(organization, owner, customer, now),
                    issuingDate, issuingDate.plusDays(InvoiceTerms.netPaymentTerm(customer, owner)), now);
            if (amounts.totalAmountCents() == 0) {
                invoices.updatePaymentStatus(organization, draft.invoiceId, "succeeded", now);
            }
        } else {
            invoices.close(organization, draft.invoiceId, now);
        }
        consume(organization, draft.invoiceId, amounts, finalized);
        draftChanged(organization, customer, draft);
    }

    /**
     * The wallets' ongoing balance counts what drafts owe ({@link dev.fjord.invoicing.DraftFees}): remembered
     * balances are read again, and the wallets re-check depletion and threshold rules, once this transaction commits.
     */
    private void draftChanged(OrganizationId organization, Customer customer, Draft draft) {
        balanceVersions.changed(customer.id());
        events.publishEvent(new DraftInvoiceChanged(organization, customer.id(), draft.invoiceId));
    }

    /**
     * The amounts of the draft's fees: the customer's active coupons and {@code extraCoupons} before tax, the
     * customer's credit notes (row-locked) and then wallets last when {@code consumesCredits}. Nothing is written.
     */
    InvoiceComputation amounts(BillingCatalog catalog, Customer customer, Draft draft, List<CouponLine> extraCoupons,
            boolean consumesCredits) {
        OrganizationId organization = catalog.organization();
        List<CouponLine> couponLines = new ArrayList<>(InvoiceCoupons.lines(
                appliedCoupons.activeOf(organization, customer.id()), List.copyOf(draft.plans.values()), draft.metrics,
                draft.currency));
        couponLines.addAll(extraCoupons);
        return InvoiceCalculator.compute(draft.currency, draft.lines, couponLines,
                consumesCredits ? creditNotes.lockAvailable(organization, customer.id(), draft.currency) : List.of(),
                consumesCredits ? prepaidCredits.wallets(organization, customer.id(), draft.currency) : List.of(),
                consumesCredits);
    }

    /** The draft's fees with their coupon shares and taxes. */
    static List<Fee> taxedFees(Draft draft, InvoiceComputation amounts) {
        List<Fee> taxed = new ArrayList<>();
        for (int i = 0; i < draft.fees.size(); i++) {
            Fee fee = draft.fees.get(i);
            taxed.add(taxed(fee, amounts.fees().get(fee.id()), draft.lines.get(i).taxRatePercent()));
        }
        return taxed;
    }

    /** The invoice row of {@code draft}: numbered when {@code number} is given, issued today. */
    private static Invoice invoice(Organization owner, Customer customer, Draft draft, InvoiceComputation amounts,
            String status, InvoiceNumbering.Assigned number) {
        Instant now = draft.now;
        String timezone = InvoiceTerms.timezone(customer, owner);
        LocalDate issuingDate = LocalDate.ofInstant(now, ZoneId.of(timezone));
        int netPaymentTerm = InvoiceTerms.netPaymentTerm(customer, owner);
        boolean numbered = number != null;
        // a draft's total can still change: it is paid (total zero) only once finalized
        boolean paid = !"draft".equals(status) && amounts.totalAmountCents() == 0;
        return new Invoice(draft.invoiceId, customer.id(), "subscription", status, paid ? "succeeded" : "pending",
                numbered ? number.number() : InvoiceNumbering.draft(owner.documentNumberPrefix()),
                numbered ? number.sequentialId() : null, numbered ? number.organizationSequentialId() : null,
                draft.currency, issuingDate, issuingDate.plusDays(netPaymentTerm), netPaymentTerm,
                timezone, null, false, 4, amounts.toAmounts(), null, numbered ? now : null,
                null, now, now, List.of(), List.of());
    }

    /** The fees, then their applied taxes and the invoice's (in one batch each), in the caller's transaction. */
    private void insertFees(OrganizationId organization, Draft draft, InvoiceComputation amounts) {
        for (Fee fee : taxedFees(draft, amounts)) {
            invoices.insertFee(organization, fee);
            invoices.recordCreditNotesShare(organization, fee.id(),
                    amounts.fees().get(fee.id()).preciseCreditNotesAmountCents());
        }
        invoices.insertAppliedTaxes(organization, appliedTaxes(draft, amounts));
    }

    /** The taxes of the draft's fees and of its invoice, split per tax (see {@link AppliedTaxSplit}). */
    static AppliedTaxes appliedTaxes(Draft draft, InvoiceComputation amounts) {
        List<AppliedTaxSplit.TaxedFee> taxed = new ArrayList<>();
        for (int i = 0; i < draft.fees.size(); i++) {
            Fee fee = draft.fees.get(i);
            FeeResult result = amounts.fees().get(fee.id());
            taxed.add(new AppliedTaxSplit.TaxedFee(fee.id(),
                    BigDecimal.valueOf(fee.amountCents()).subtract(result.preciseCouponsAmountCents()),
                    draft.taxes.get(i), result.taxesPreciseAmountCents(), result.taxesAmountCents()));
        }
        return AppliedTaxSplit.split(draft.invoiceId, draft.currency, taxed, amounts.taxesAmountCents(), draft.now);
    }

    /**
     * A draft's fees and amounts replaced by those computed again (the old fees are soft-deleted, their applied taxes
     * and the invoice's deleted: they are written again with the new fees).
     */
    private void replaceFees(OrganizationId organization, Draft draft, InvoiceComputation amounts) {
        invoices.deleteAppliedTaxes(organization, draft.invoiceId);
        invoices.deleteFees(organization, draft.invoiceId, draft.now);
        insertFees(organization, draft, amounts);
        invoices.updateAmounts(organization, draft.invoiceId, amounts.toAmounts(), draft.now);
    }

    /**
     * What issuing takes, once per invoice, whether issued at once or finalized from a draft: coupon uses, credit
     * notes consumed, one {@code invoiced} ledger entry per wallet debited (and the granted / purchased split of the
     * prepaid credits), and {@code invoice.created} when the
     * invoice is finalized (a closed one is hidden and sends nothing).
     */
    private void consume(OrganizationId organization, UUID invoiceId, InvoiceComputation amounts, boolean finalized) {
        amounts.couponAmounts().forEach((appliedCouponId, cents) -> {
            if (cents > 0) {
                appliedCoupons.recordUse(organization, appliedCouponId, invoiceId, cents);
            }
        });
        amounts.creditNoteAmounts().forEach((creditNoteId, cents) ->
                creditNotes.consume(organization, creditNoteId, cents, invoiceId));
        if (!amounts.walletDebits().isEmpty()) {
            long granted = 0;
            for (Map.Entry<UUID, Long> debit : amounts.walletDebits().entrySet()) {
                granted += prepaidCredits.debit(organization, debit.getKey(), debit.getValue(), invoiceId);
            }
            // spec §4.3 step 5: every Fjord wallet is traceable, so the split is known
            invoices.setPrepaidCreditSplit(organization, invoiceId, granted, amounts.prepaidCreditAmountCents() - granted);
        }
        if (finalized) {
            webhooks.record(organization, "invoice.created", invoiceId);
        }
    }

    /** A fee billing a subscription (plan, charge or commitment), before coupons and taxes. */
    static Fee fee(UUID invoiceId, String type, UUID subscriptionId, UUID chargeId, UUID filterId, String name,
            long amountCents, String currency, BigDecimal units, BigDecimal unitAmountCents, Integer eventsCount,
            Map<String, Object> groupedBy, Instant from, Instant to, Instant now) {
        return fee(invoiceId, type, subscriptionId, chargeId, filterId, name, amountCents, currency, units,
                unitAmountCents, eventsCount, groupedBy, from, to, now, null, true);
    }

    /**
     * A fee as {@link #fee(UUID, String, UUID, UUID, UUID, String, long, String, BigDecimal, BigDecimal, Integer, Map,
     * Instant, Instant, Instant)}; {@code eventTransactionId} set makes it a pay-in-advance charge fee of that event.
     */
    static Fee fee(UUID invoiceId, String type, UUID subscriptionId, UUID chargeId, UUID filterId, String name,
            long amountCents, String currency, BigDecimal units, BigDecimal unitAmountCents, Integer eventsCount,
            Map<String, Object> groupedBy, Instant from, Instant to, Instant now, String eventTransactionId,
            boolean invoiceable) {
        return new Fee(Ids.newId(), invoiceId, type, subscriptionId, chargeId, filterId, null, null, null, null, null,
                name, null, amountCents, BigDecimal.valueOf(amountCents), currency, units.max(BigDecimal.ZERO), units,
                eventsCount, unitAmountCents, unitAmountCents.movePointLeft(Money.exponent(currency)), BigDecimal.ZERO,
                0, BigDecimal.ZERO, BigDecimal.ZERO, eventTransactionId != null, invoiceable, eventTransactionId,
                groupedBy, Map.of(), from, to, "pending", null, null, null, now, now);
    }

    /** A charge fee's name: its filter's display name, else the charge's, else the metric's name. */
    static String chargeFeeName(Charge charge, Charge.Filter filter, BillableMetric metric) {
        return filter != null && filter.invoiceDisplayName() != null ? filter.invoiceDisplayName()
                : charge.invoiceDisplayName() != null ? charge.invoiceDisplayName() : metric.name();
    }

    /** The fee with its share of coupons and its taxes, as the calculator gave them. */
    static Fee taxed(Fee fee, FeeResult result, BigDecimal rate) {
        return new Fee(fee.id(), fee.invoiceId(), fee.feeType(), fee.subscriptionId(), fee.chargeId(),
                fee.chargeFilterId(), null, null, null, null, null, fee.invoiceDisplayName(), null, fee.amountCents(),
                fee.preciseAmountCents(), fee.amountCurrency(), fee.units(), fee.totalAggregatedUnits(),
                fee.eventsCount(), fee.unitAmountCents(), fee.preciseUnitAmount(), result.preciseCouponsAmountCents(),
                result.taxesAmountCents(), result.taxesPreciseAmountCents(), rate, fee.payInAdvance(),
                fee.invoiceable(), fee.payInAdvanceEventTransactionId(), fee.groupedBy(), fee.amountDetails(),
                fee.fromDatetime(), fee.toDatetime(), "pending", null, null, null, fee.createdAt(), fee.updatedAt());
    }
}

package dev.fjord.invoicing.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fjord.api.JsonFormats;
import dev.fjord.catalog.AddOn;
import dev.fjord.coupon.CouponCredit;
import dev.fjord.customer.Customer;
import dev.fjord.customer.CustomerJson;
import dev.fjord.invoicing.AppliedTaxes;
import dev.fjord.invoicing.CreditNoteCredits;
import dev.fjord.invoicing.Fee;
import dev.fjord.invoicing.Invoice;
import dev.fjord.shared.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lago's {@code invoice} object (lago-api {@code V1::InvoiceSerializer}), every documented field present, null when
 * empty. A single invoice carries the extended object ({@code fees}, {@code credits}, {@code subscriptions},
 * {@code billing_periods}, {@code error_details}); list items leave those out, as Lago's list does.
 */
record InvoiceJson(
        String lagoId,
        String billingEntityCode,
        Long sequentialId,
        String number,
        String purchaseOrderNumber,
        String issuingDate,
        String paymentDueDate,
        int netPaymentTerm,
        String invoiceType,
        String status,
        String paymentStatus,
        String paymentDisputeLostAt,
        boolean paymentOverdue,
        String currency,
        long feesAmountCents,
        long taxesAmountCents,
        long progressiveBillingCreditAmountCents,
        long couponsAmountCents,
        long creditNotesAmountCents,
        long subTotalExcludingTaxesAmountCents,
        long subTotalIncludingTaxesAmountCents,
        long totalAmountCents,
        long totalDueAmountCents,
        long totalPaidAmountCents,
        long totalOffsettedCreditNoteAmountCents,
        long prepaidCreditAmountCents,
        Long prepaidGrantedCreditAmountCents,
        Long prepaidPurchasedCreditAmountCents,
        String fileUrl,
        String xmlUrl,
        String webUrl,
        int versionNumber,
        boolean selfBilled,
        String createdAt,
        String updatedAt,
        String voidedAt,
        CustomerJson customer,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> subscriptions,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> billingPeriods,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<FeeJson> fees,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<CreditJson> credits,
        List<MetadataJson> metadata,
        List<AppliedTaxJson> appliedTaxes,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Object> errorDetails,
        List<Object> appliedUsageThresholds,
        List<Object> appliedInvoiceCustomSections) {

    /** Fjord has one billing entity per organization for now; Lago names the default one {@code default}. */
    static final String DEFAULT_BILLING_ENTITY = CustomerJson.DEFAULT_BILLING_ENTITY;

    record MetadataJson(String lagoId, String key, String value, String createdAt) {}

    /** Lago's {@code V1::CreditSerializer}: coupon items (before taxes) and credit-note items (after taxes). */
    record CreditJson(String lagoId, long amountCents, String amountCurrency, boolean beforeTaxes, CreditItem item,
            CreditInvoice invoice) {}

    record CreditItem(String lagoItemId, String type, String code, String name, String description) {}

    record CreditInvoice(String lagoId, String paymentStatus) {}

    /** Lago's {@code V1::Invoices::AppliedTaxSerializer}. */
    record AppliedTaxJson(String lagoId, String lagoInvoiceId, String lagoTaxId, String taxName, String taxCode,
            BigDecimal taxRate, String taxDescription, long amountCents, String amountCurrency, long feesAmountCents,
            String createdAt) {}

    /** Lago's {@code V1::Fees::AppliedTaxSerializer}. */
    record FeeAppliedTaxJson(String lagoId, String lagoFeeId, String lagoTaxId, String taxName, String taxCode,
            BigDecimal taxRate, String taxDescription, long amountCents, String amountCurrency, String createdAt) {}

    /** Lago's {@code fee} object (lago-api {@code V1::FeeSerializer}). */
    record FeeJson(
            String lagoId,
            String lagoChargeId,
            String lagoChargeFilterId,
            String lagoFixedChargeId,
            String lagoInvoiceId,
            String lagoTrueUpFeeId,
            String lagoTrueUpParentFeeId,
            String lagoOriginalFeeId,
            String lagoSubscriptionId,
            String externalSubscriptionId,
            String lagoCustomerId,
            String externalCustomerId,
            Item item,
            boolean payInAdvance,
            boolean invoiceable,
            long amountCents,
            String amountCurrency,
            String preciseAmount,
            String preciseTotalAmount,
            long taxesAmountCents,
            String taxesPreciseAmount,
            BigDecimal taxesRate,
            String totalAggregatedUnits,
            long totalAmountCents,
            String totalAmountCurrency,
            String units,
            String description,
            String preciseUnitAmount,
            String preciseCouponsAmountCents,
            long subTotalExcludingTaxesAmountCents,
            String subTotalExcludingTaxesPreciseAmountCents,
            Integer eventsCount,
            String paymentStatus,
            String createdAt,
            String succeededAt,
            String failedAt,
            String refundedAt,
            Map<String, Object> amountDetails,
            boolean selfBilled,
            Object pricingUnitDetails,
            List<Object> presentationBreakdowns,
            String fromDate,
            String toDate,
            String eventTransactionId,
            List<FeeAppliedTaxJson> appliedTaxes) {}

    record Item(
            String type,
            String code,
            String name,
            String description,
            String invoiceDisplayName,
            Map<String, List<String>> filters,
            String filterInvoiceDisplayName,
            String lagoItemId,
            String itemType,
            Map<String, Object> groupedBy) {}

    /**
     * The single-invoice shape (GET one, PUT, POST): {@code addOns} are the add-ons its add-on fees bill (by id,
     * deleted ones included), {@code taxes} its applied taxes.
     */
    static InvoiceJson detailed(Invoice invoice, Customer customer, boolean paymentOverdue, Map<UUID, AddOn> addOns,
            AppliedTaxes taxes, List<CouponCredit> couponCredits,
            List<CreditNoteCredits.CreditNoteCredit> creditNoteCredits, String fileUrl) {
        List<CreditJson> credits = new java.util.ArrayList<>();
        couponCredits.forEach(c -> credits.add(credit(c, invoice)));
        creditNoteCredits.forEach(c -> credits.add(new CreditJson(c.id().toString(), c.amountCents(), c.currency(),
                false, new CreditItem(c.creditNoteId().toString(), "credit_note", c.creditNoteNumber(),
                        c.creditedInvoiceNumber(), c.description()),
                new CreditInvoice(invoice.id().toString(), invoice.paymentStatus()))));
        return of(invoice, customer, paymentOverdue, true, addOns, taxes, credits, fileUrl);
    }

    /** A list item: the documented {@code InvoiceObject}, without fees, credits and the other extended fields. */
    static InvoiceJson listed(Invoice invoice, Customer customer, boolean paymentOverdue, AppliedTaxes taxes,
            String fileUrl) {
        return of(invoice, customer, paymentOverdue, false, Map.of(), taxes, null, fileUrl);
    }

    /** {@code fileUrl}: the invoice's PDF, null until generated. */
    private static InvoiceJson of(Invoice i, Customer customer, boolean paymentOverdue, boolean detailed,
            Map<UUID, AddOn> addOns, AppliedTaxes taxes, List<CreditJson> credits, String fileUrl) {
        Invoice.Amounts a = i.amounts();
        return new InvoiceJson(
                // a preview has no id: it was written nowhere
                string(i.id()),
                DEFAULT_BILLING_ENTITY,
                i.sequentialId(),
                i.number(),
                i.purchaseOrderNumber(),
                JsonFormats.date(i.issuingDate()),
                JsonFormats.date(i.paymentDueDate()),
                i.netPaymentTerm(),
                i.invoiceType(),
                i.status(),
                i.paymentStatus(),
                // rendered by Rails' default, with milliseconds (spec §0.2)
                JsonFormats.timestampMillis(i.paymentDisputeLostAt()),
                paymentOverdue,
                i.currency(),
                a.feesAmountCents(),
                a.taxesAmountCents(),
                a.progressiveBillingCreditAmountCents(),
                a.couponsAmountCents(),
                a.creditNotesAmountCents(),
                a.subTotalExcludingTaxesAmountCents(),
                a.subTotalIncludingTaxesAmountCents(),
                a.totalAmountCents(),
                i.totalDueAmountCents(),
                a.totalPaidAmountCents(),
                a.totalOffsettedCreditNoteAmountCents(),
                a.prepaidCreditAmountCents(),
                a.prepaidGrantedCreditAmountCents(),
                a.prepaidPurchasedCreditAmountCents(),
                fileUrl,
                null,
                null,
                i.versionNumber(),
                i.selfBilled(),
                JsonFormats.timestamp(i.createdAt()),
                JsonFormats.timestamp(i.updatedAt()),
                JsonFormats.timestamp(i.voidedAt()),
                CustomerJson.of(customer),
                detailed ? List.of() : null,
                detailed ? List.of() : null,
                detailed ? i.fees().stream().map(fee -> fee(fee, i,
                        fee.addOnId() == null ? null : addOns.get(fee.addOnId()), taxes.ofFee(fee.id())))
                        .toList() : null,
                credits,
                i.metadata().stream()
                        .map(m -> new MetadataJson(m.id().toString(), m.key(), m.value(),
                                JsonFormats.timestamp(m.createdAt())))
                        .toList(),
                taxes.invoice().stream()
                        .map(t -> new AppliedTaxJson(t.id().toString(), t.invoiceId().toString(),
                                t.taxId().toString(), t.taxName(), t.taxCode(), JsonFormats.number(t.taxRate()),
                                t.taxDescription(), t.amountCents(), t.currency(), t.feesAmountCents(),
                                JsonFormats.timestamp(t.createdAt())))
                        .toList(),
                detailed ? List.of() : null,
                List.of(),
                List.of());
    }

    private static CreditJson credit(CouponCredit c, Invoice invoice) {
        return new CreditJson(string(c.id()), c.amountCents(), invoice.currency(), true,
                new CreditItem(string(c.couponId()), "coupon", c.couponCode(), c.couponName(), c.couponDescription()),
                new CreditInvoice(string(invoice.id()), invoice.paymentStatus()));
    }

    /** A fee on no invoice (a pay-in-advance charge that is not {@code invoiceable}), for its webhook. */
    static FeeJson feeWithoutInvoice(Fee f, List<AppliedTaxes.OnFee> taxes) {
        return fee(f, null, null, taxes);
    }

    private static FeeJson fee(Fee f, Invoice invoice, AddOn addOn, List<AppliedTaxes.OnFee> taxes) {
        int exponent = Money.exponent(f.amountCurrency());
        BigDecimal preciseAmount = f.preciseAmountCents().movePointLeft(exponent);
        BigDecimal taxesPreciseAmount = f.taxesPreciseAmountCents().movePointLeft(exponent);
        BigDecimal subTotalPrecise = f.preciseAmountCents().subtract(f.preciseCouponsAmountCents());
        String trueUpFeeId = invoice == null ? null : invoice.fees().stream()
                .filter(other -> f.id().equals(other.trueUpParentFeeId()))
                .map(other -> other.id().toString())
                .findFirst().orElse(null);
        return new FeeJson(
                f.id().toString(),
                string(f.chargeId()),
                string(f.chargeFilterId()),
                string(f.fixedChargeId()),
                string(f.invoiceId()),
                trueUpFeeId,
                string(f.trueUpParentFeeId()),
                string(f.originalFeeId()),
                string(f.subscriptionId()),
                // Lago reaches the customer through the subscription: credit and add-on fees show none
                null,
                null,
                null,
                item(f, addOn),
                f.payInAdvance(),
                f.invoiceable(),
                f.amountCents(),
                f.amountCurrency(),
                JsonFormats.decimal(preciseAmount),
                JsonFormats.decimal(preciseAmount.add(taxesPreciseAmount)),
                f.taxesAmountCents(),
                JsonFormats.decimal(taxesPreciseAmount),
                JsonFormats.number(f.taxesRate()),
                JsonFormats.decimal(f.totalAggregatedUnits()),
                f.totalAmountCents(),
                f.amountCurrency(),
                JsonFormats.decimal(f.units()),
                f.description(),
                JsonFormats.decimal(f.preciseUnitAmount()),
                JsonFormats.decimal(f.preciseCouponsAmountCents()),
                subTotalPrecise.setScale(0, RoundingMode.HALF_UP).longValueExact(),
                JsonFormats.decimal(subTotalPrecise),
                f.eventsCount(),
                f.paymentStatus(),
                JsonFormats.timestamp(f.createdAt()),
                JsonFormats.timestamp(f.succeededAt()),
                JsonFormats.timestamp(f.failedAt()),
                JsonFormats.timestamp(f.refundedAt()),
                f.amountDetails(),
                invoice != null && invoice.selfBilled(),
                null,
                List.of(),
                JsonFormats.timestamp(f.fromDatetime()),
                JsonFormats.timestamp(f.toDatetime()),
                f.payInAdvanceEventTransactionId(),
                taxes.stream()
                        .map(t -> new FeeAppliedTaxJson(t.id().toString(), t.feeId().toString(),
                                t.taxId().toString(), t.taxName(), t.taxCode(), JsonFormats.number(t.taxRate()),
                                t.taxDescription(), t.amountCents(), t.currency(), JsonFormats.timestamp(t.createdAt())))
                        .toList());
    }

    /**
     * The fee's item. A credit fee's item is Lago's: type and code {@code credit}, description {@code credit}, the
     * wallet transaction as {@code lago_item_id}; its name is the label the wallet module gave the top-up. An add-on
     * fee's item is its add-on (Lago's {@code Fee#item_*}): code, name and description of the add-on, the display
     * name of the fee, else of the add-on, else the add-on's name.
     */
    private static Item item(Fee f, AddOn addOn) {
        if ("credit".equals(f.feeType())) {
            return new Item("credit", "credit", f.invoiceDisplayName(), "credit", f.invoiceDisplayName(), null, null,
                    f.walletTransactionId().toString(), "WalletTransaction", f.groupedBy());
        }
        if ("add_on".equals(f.feeType()) && addOn != null) {
            String displayName = f.invoiceDisplayName() != null ? f.invoiceDisplayName()
                    : addOn.invoiceDisplayName() != null ? addOn.invoiceDisplayName() : addOn.name();
            return new Item("add_on", addOn.code(), addOn.name(), addOn.description(), displayName, null, null,
                    addOn.id().toString(), "AddOn", f.groupedBy());
        }
        // Other fee types are created by the billing engine, which names their items from the catalog.
        UUID itemId = switch (f.feeType()) {
            case "charge" -> f.chargeId();
            case "add_on" -> f.addOnId();
            case "fixed_charge" -> f.fixedChargeId();
            default -> f.subscriptionId();
        };
        String itemType = switch (f.feeType()) {
            case "charge" -> "BillableMetric";
            case "add_on", "fixed_charge" -> "AddOn";
            default -> "Subscription";
        };
        return new Item(f.feeType(), f.feeType(), f.invoiceDisplayName(), f.description(), f.invoiceDisplayName(),
                null, null, string(itemId), itemType, f.groupedBy());
    }

    private static String string(UUID id) {
        return id == null ? null : id.toString();
    }
}

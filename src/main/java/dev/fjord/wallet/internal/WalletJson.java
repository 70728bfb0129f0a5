package dev.fjord.wallet.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fjord.api.JsonFormats;
import dev.fjord.wallet.OngoingBalance;
import dev.fjord.wallet.Wallet;
import java.util.List;
import java.util.Map;

/** Lago's {@code wallet} object (spec §1.2); {@code metadata} only when the wallet has some, as Lago renders it. */
record WalletJson(
        String lagoId,
        String lagoCustomerId,
        String externalCustomerId,
        String billingEntityCode,
        String status,
        String currency,
        String name,
        String code,
        String purchaseOrderNumber,
        String rateAmount,
        String creditsBalance,
        String creditsOngoingBalance,
        String creditsOngoingUsageBalance,
        long balanceCents,
        long ongoingBalanceCents,
        long ongoingUsageBalanceCents,
        String consumedCredits,
        String createdAt,
        String expirationAt,
        String lastBalanceSyncAt,
        String lastConsumedCreditAt,
        String terminatedAt,
        boolean invoiceRequiresSuccessfulPayment,
        Long paidTopUpMinAmountCents,
        Long paidTopUpMaxAmountCents,
        int priority,
        List<RecurringRuleJson> recurringTransactionRules,
        AppliesTo appliesTo,
        List<Object> appliedInvoiceCustomSections,
        PaymentMethod paymentMethod,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> metadata) {

    record AppliesTo(List<String> feeTypes, List<String> billableMetricCodes) {}

    record PaymentMethod(String paymentMethodId, String paymentMethodType) {}

    static WalletJson of(Wallet w, OngoingBalance ongoing, List<RecurringRuleJson> rules) {
        return new WalletJson(w.id().toString(), w.customerId().toString(), w.externalCustomerId(), "default",
                w.status().code(), w.currency(), w.name(), w.code(), w.purchaseOrderNumber(),
                JsonFormats.decimal(w.rateAmount()), JsonFormats.decimal(w.creditsBalance()),
                JsonFormats.decimal(ongoing.creditsOngoingBalance()), JsonFormats.decimal(ongoing.creditsOngoingUsageBalance()),
                w.balanceCents(), ongoing.ongoingBalanceCents(), ongoing.ongoingUsageBalanceCents(),
                JsonFormats.decimal(w.consumedCredits()), JsonFormats.timestamp(w.createdAt()),
                JsonFormats.timestamp(w.expirationAt()), JsonFormats.timestamp(w.lastBalanceSyncAt()),
                JsonFormats.timestamp(w.lastConsumedCreditAt()), JsonFormats.timestampMillis(w.terminatedAt()),
                w.invoiceRequiresSuccessfulPayment(), w.paidTopUpMinAmountCents(), w.paidTopUpMaxAmountCents(),
                w.priority(), rules, new AppliesTo(w.appliesToFeeTypes(), w.appliesToBillableMetricCodes()),
                List.of(), new PaymentMethod(null, "provider"), w.metadata());
    }
}

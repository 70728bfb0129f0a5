package dev.fjord.wallet.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.wallet.WalletTransaction;
import java.util.List;

/** Lago's recurring transaction rule object, inside the wallet (spec §3.1). */
record RecurringRuleJson(
        String lagoId,
        String trigger,
        String method,
        String interval,
        String status,
        String paidCredits,
        String grantedCredits,
        String thresholdCredits,
        String targetOngoingBalance,
        Boolean grantsTargetTopUp,
        String startedAt,
        String expirationAt,
        String createdAt,
        boolean invoiceRequiresSuccessfulPayment,
        List<WalletTransaction.MetadataPair> transactionMetadata,
        String transactionName,
        String purchaseOrderNumber,
        boolean ignorePaidTopUpLimits,
        List<Object> appliedInvoiceCustomSections,
        WalletJson.PaymentMethod paymentMethod) {

    static RecurringRuleJson of(RecurringRule r) {
        return new RecurringRuleJson(r.id().toString(), r.trigger(), r.method(), r.interval(), r.status(),
                JsonFormats.decimal(r.paidCredits()), JsonFormats.decimal(r.grantedCredits()),
                JsonFormats.decimal(r.thresholdCredits()),
                JsonFormats.decimal(r.targetOngoingBalance()),
                r.grantsTargetTopUp(), JsonFormats.timestamp(r.startedAt()), JsonFormats.timestamp(r.expirationAt()),
                JsonFormats.timestamp(r.createdAt()), r.invoiceRequiresSuccessfulPayment(), r.transactionMetadata(),
                r.transactionName(), r.purchaseOrderNumber(), r.ignorePaidTopUpLimits(), List.of(),
                new WalletJson.PaymentMethod(null, "provider"));
    }
}

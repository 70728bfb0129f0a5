package dev.fjord.wallet.internal;

import dev.fjord.api.JsonFormats;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lago's wallet alert object ({@code WalletAlertObject}). */
record WalletAlertJson(
        String lagoId,
        String lagoOrganizationId,
        String externalSubscriptionId,
        String lagoWalletId,
        String walletCode,
        Object billableMetric,
        String alertType,
        String code,
        String name,
        String direction,
        BigDecimal previousValue,
        String lastProcessedAt,
        List<Map<String, Object>> thresholds,
        String createdAt) {

    static WalletAlertJson of(OrganizationId organization, WalletAlert a) {
        return new WalletAlertJson(a.id().toString(), organization.toString(), null, a.walletId().toString(),
                a.walletCode(), null, a.alertType(), a.code(), a.name(), a.direction(),
                JsonFormats.number(a.previousValue()), JsonFormats.timestamp(a.lastProcessedAt()),
                thresholds(a.thresholds()), JsonFormats.timestamp(a.createdAt()));
    }

    /** {@code [{"code", "value": "99.0", "recurring"}]}. */
    static List<Map<String, Object>> thresholds(List<WalletAlert.Threshold> thresholds) {
        return thresholds.stream().map(t -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", t.code());
            item.put("value", JsonFormats.decimal(t.value()));
            item.put("recurring", t.recurring());
            return item;
        }).toList();
    }
}

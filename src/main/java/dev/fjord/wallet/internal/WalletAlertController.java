package dev.fjord.wallet.internal;

import static dev.fjord.shared.Limits.MAX_TEXT_LENGTH;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's wallet alerts: {@code /customers/{external_customer_id}/wallets/{wallet_code}/alerts[/{code}]}. */
@RestController
class WalletAlertController {
    private static final String PATH = "/api/v1/customers/{externalCustomerId}/wallets/{walletCode}/alerts";
    /** Thresholds per alert. */
    private static final int MAX_THRESHOLDS = 20;

    private final WalletAlerts alerts;

    WalletAlertController(WalletAlerts alerts) {
        this.alerts = alerts;
    }

    /** One alert under {@code alert}, or several, made atomically, under {@code alerts}. */
    @PostMapping(PATH)
    Map<String, Object> create(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String walletCode, @RequestBody(required = false) JsonNode body) {
        if (body != null && body.isObject() && body.has("alerts")) {
            JsonNode items = body.get("alerts");
            if (!items.isArray() || items.isEmpty() || items.size() > WalletAlerts.MAX_ALERTS_PER_WALLET) {
                throw BillingError.validation("alerts", "invalid_alerts");
            }
            List<WalletAlert> inputs = new ArrayList<>();
            Map<String, Object> errors = new LinkedHashMap<>();
            for (int i = 0; i < items.size(); i++) {
                JsonInput in = JsonInput.item(items.get(i));
                if (in == null) {
                    errors.put(Integer.toString(i), Map.of("alert", List.of("invalid_value")));
                    continue;
                }
                inputs.add(read(in, true));
                if (!in.errors().isEmpty()) {
                    errors.put(Integer.toString(i), in.errors());
                }
            }
            if (!errors.isEmpty()) {
                throw BillingError.validation(errors);
            }
            return Map.of("alerts", json(organization, alerts.create(organization, externalCustomerId, walletCode, inputs)));
        }
        JsonInput in = JsonInput.root(body, "alert");
        WalletAlert input = read(in, true);
        in.validate();
        return Map.of("alert", WalletAlertJson.of(organization,
                alerts.create(organization, externalCustomerId, walletCode, List.of(input)).get(0)));
    }

    @GetMapping(PATH)
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String walletCode) {
        return Map.of("alerts", json(organization, alerts.list(organization, externalCustomerId, walletCode)));
    }

    @DeleteMapping(PATH)
    Map<String, Object> deleteAll(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String walletCode) {
        return Map.of("alerts", json(organization, alerts.deleteAll(organization, externalCustomerId, walletCode)));
    }

    @GetMapping(PATH + "/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String walletCode, @PathVariable String code) {
        return Map.of("alert", WalletAlertJson.of(organization, alerts.get(organization, externalCustomerId, walletCode, code)));
    }

    @PutMapping(PATH + "/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String walletCode, @PathVariable String code, @RequestBody(required = false) JsonNode body) {
        JsonInput in = JsonInput.root(body, "alert");
        WalletAlert changes = read(in, false);
        in.validate();
        return Map.of("alert", WalletAlertJson.of(organization,
                alerts.update(organization, externalCustomerId, walletCode, code, changes)));
    }

    @DeleteMapping(PATH + "/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String externalCustomerId,
            @PathVariable String walletCode, @PathVariable String code) {
        return Map.of("alert", WalletAlertJson.of(organization, alerts.delete(organization, externalCustomerId, walletCode, code)));
    }

    /** An alert as sent; on update ({@code create} false) absent fields are null and the type cannot change. */
    private static WalletAlert read(JsonInput in, boolean create) {
        String code = in.string("code", MAX_TEXT_LENGTH);
        String name = in.string("name", MAX_TEXT_LENGTH);
        String type = create ? in.oneOf("alert_type", WalletAlert.TYPES) : null;
        String direction = in.oneOf("direction", WalletAlert.DIRECTIONS);
        List<WalletAlert.Threshold> thresholds = thresholds(in);
        if (create) {
            in.require("code", code);
            in.require("alert_type", type);
            in.require("thresholds", thresholds);
        }
        return new WalletAlert(null, null, null, code, name, type,
                direction != null ? direction : create ? "decreasing" : null, thresholds, BigDecimal.ZERO, null, null);
    }

    private static List<WalletAlert.Threshold> thresholds(JsonInput in) {
        List<JsonInput> items = in.objects("thresholds", MAX_THRESHOLDS);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            in.error("thresholds", "value_is_mandatory");
            return null;
        }
        List<WalletAlert.Threshold> thresholds = new ArrayList<>();
        for (JsonInput item : items) {
            BigDecimal value = item.decimal("value", BigDecimal.ZERO, false, new BigDecimal("1e15"), 5);
            item.require("value", value);
            boolean recurring = Boolean.TRUE.equals(item.bool("recurring"));
            if (recurring && value != null && value.signum() == 0) {
                // a recurring value is a step: 0 would repeat forever
                item.error("value", "value_is_out_of_range");
            }
            thresholds.add(new WalletAlert.Threshold(item.string("code", MAX_TEXT_LENGTH), value, recurring));
        }
        if (thresholds.stream().filter(WalletAlert.Threshold::recurring).count() > 1) {
            // Lago keeps one recurring threshold per alert (a unique index); its error code for plan thresholds
            in.error("thresholds", "multiple_recurring_thresholds");
        }
        return thresholds;
    }

    private static List<WalletAlertJson> json(OrganizationId organization, List<WalletAlert> list) {
        return list.stream().map(a -> WalletAlertJson.of(organization, a)).toList();
    }
}

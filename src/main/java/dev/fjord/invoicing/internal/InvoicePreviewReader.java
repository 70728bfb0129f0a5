package dev.fjord.invoicing.internal;

import dev.fjord.api.JsonInput;
import dev.fjord.invoicing.InvoicePreviewRequest;
import dev.fjord.shared.Formats;
import dev.fjord.shared.Limits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads Lago's {@code InvoicePreviewInput}: {@code customer} (mandatory, a 400 without it; its {@code external_id}
 * names the customer), {@code plan_code}, {@code subscription_at}, {@code billing_time}, {@code coupons[]},
 * {@code subscriptions.external_ids[]}. Every field error comes back in one 422.
 */
final class InvoicePreviewReader {
    /** Coupons and subscriptions tried in one preview: more is a mistake, not a preview. */
    static final int MAX_ITEMS = 20;
    private static final List<String> BILLING_TIMES = List.of("calendar", "anniversary");
    private static final List<String> COUPON_TYPES = List.of("fixed_amount", "percentage");

    private InvoicePreviewReader() {}

    static InvoicePreviewRequest read(JsonNode body) {
        JsonInput customer = JsonInput.root(body, "customer");
        String externalCustomerId = customer.string("external_id", Limits.MAX_TEXT_LENGTH);
        customer.require("external_id", externalCustomerId);
        customer.validate();
        JsonInput in = JsonInput.item(body);
        String planCode = in.string("plan_code", Limits.MAX_TEXT_LENGTH);
        Instant subscriptionAt = in.timestamp("subscription_at", "invalid_date");
        String billingTime = in.oneOf("billing_time", BILLING_TIMES);
        List<InvoicePreviewRequest.Coupon> coupons = new ArrayList<>();
        List<JsonInput> couponInputs = in.objects("coupons", MAX_ITEMS);
        for (JsonInput coupon : couponInputs == null ? List.<JsonInput>of() : couponInputs) {
            coupons.add(coupon(coupon));
        }
        List<String> externalIds = List.of();
        JsonInput subscriptions = in.object("subscriptions");
        if (subscriptions != null) {
            List<String> ids = subscriptions.stringList("external_ids", MAX_ITEMS, Limits.MAX_TEXT_LENGTH);
            externalIds = ids == null ? List.of() : ids;
        }
        if (planCode == null && externalIds.isEmpty() && !in.hasError("plan_code")) {
            in.error("plan_code", "value_is_mandatory");
        }
        in.validate();
        return new InvoicePreviewRequest(externalCustomerId, planCode, subscriptionAt, billingTime, coupons, externalIds);
    }

    /** A fixed coupon needs its amount and currency, a percentage coupon its rate (errors under {@code coupons}). */
    private static InvoicePreviewRequest.Coupon coupon(JsonInput in) {
        String code = in.string("code", Limits.MAX_TEXT_LENGTH);
        in.require("code", code);
        String type = in.oneOf("coupon_type", COUPON_TYPES);
        in.require("coupon_type", type);
        Long amountCents = in.longInteger("amount_cents", 0, Long.MAX_VALUE / 2);
        String currency = in.string("amount_currency", 3, Formats::isCurrency, "value_is_invalid");
        BigDecimal rate = in.decimal("percentage_rate", BigDecimal.ZERO, false, BigDecimal.valueOf(1_000_000), 5);
        if ("fixed_amount".equals(type) && (amountCents == null || currency == null)) {
            in.error("amount_cents", "value_is_mandatory");
        }
        if ("percentage".equals(type) && rate == null) {
            in.error("percentage_rate", "value_is_mandatory");
        }
        return new InvoicePreviewRequest.Coupon(code, in.string("name", Limits.MAX_TEXT_LENGTH), type, amountCents,
                currency, rate);
    }
}

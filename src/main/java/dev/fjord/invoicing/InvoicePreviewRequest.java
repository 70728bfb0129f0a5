package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Lago's {@code POST /invoices/preview}: the invoice of the customer's current period for {@code externalSubscriptionIds},
 * or, without them, the first invoice of a new subscription to {@code planCode} from {@code subscriptionAt} (null =
 * now) billed on {@code billingTime} ({@code calendar} or {@code anniversary}, null = calendar). {@code coupons} are
 * hypothetical coupons taken off with the customer's applied ones.
 */
public record InvoicePreviewRequest(String externalCustomerId, String planCode, Instant subscriptionAt,
        String billingTime, List<Coupon> coupons, List<String> externalSubscriptionIds) {

    /** A coupon to try: {@code fixed_amount} (amount and currency) or {@code percentage} (rate in percent). */
    public record Coupon(String code, String name, String couponType, Long amountCents, String amountCurrency,
            BigDecimal percentageRate) {}
}

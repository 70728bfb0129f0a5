package dev.fjord.invoicing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fee of an invoice. Which of the item ids is set depends on {@code feeType}: {@code credit} fees name the wallet
 * transaction they bill, charge fees their charge (and filter), subscription and commitment fees their subscription,
 * add-on fees their add-on. Amounts are in minor units; {@code unitAmountCents} and the precise amounts keep
 * fractions of a minor unit.
 */
public record Fee(
        UUID id,
        UUID invoiceId,
        String feeType,
        UUID subscriptionId,
        UUID chargeId,
        UUID chargeFilterId,
        UUID fixedChargeId,
        UUID addOnId,
        UUID walletTransactionId,
        UUID trueUpParentFeeId,
        UUID originalFeeId,
        String invoiceDisplayName,
        String description,
        long amountCents,
        BigDecimal preciseAmountCents,
        String amountCurrency,
        BigDecimal units,
        BigDecimal totalAggregatedUnits,
        Integer eventsCount,
        BigDecimal unitAmountCents,
        BigDecimal preciseUnitAmount,
        BigDecimal preciseCouponsAmountCents,
        long taxesAmountCents,
        BigDecimal taxesPreciseAmountCents,
        BigDecimal taxesRate,
        boolean payInAdvance,
        boolean invoiceable,
        String payInAdvanceEventTransactionId,
        Map<String, Object> groupedBy,
        Map<String, Object> amountDetails,
        Instant fromDatetime,
        Instant toDatetime,
        String paymentStatus,
        Instant succeededAt,
        Instant failedAt,
        Instant refundedAt,
        Instant createdAt,
        Instant updatedAt) {

    public static final List<String> TYPES =
            List.of("charge", "add_on", "subscription", "credit", "commitment", "fixed_charge");

    /** The amount with taxes, in minor units. */
    public long totalAmountCents() {
        return amountCents + taxesAmountCents;
    }
}

package dev.fjord.wallet;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * {@code POST /wallet_transactions}: credits to buy, to grant and to void (each may be null or zero), in that order.
 * {@code invoiceRequiresSuccessfulPayment} null means "the wallet's default".
 */
public record TopUpRequest(UUID walletId, BigDecimal paidCredits, BigDecimal grantedCredits, BigDecimal voidedCredits,
        UUID voidedTransactionId, Boolean invoiceRequiresSuccessfulPayment, boolean ignorePaidTopUpLimits,
        TopUpAttributes attributes) {}

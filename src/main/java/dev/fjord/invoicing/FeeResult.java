package dev.fjord.invoicing;

import java.math.BigDecimal;

public record FeeResult(BigDecimal preciseCouponsAmountCents, BigDecimal taxesPreciseAmountCents, long taxesAmountCents) {}

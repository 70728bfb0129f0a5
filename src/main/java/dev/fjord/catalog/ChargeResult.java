package dev.fjord.catalog;

import java.math.BigDecimal;

/**
 * What a charge model makes of a period's usage.
 *
 * @param amount in currency units (e.g. 12.3456 EUR), full precision, never rounded: the caller rounds once, HALF_UP to
 *     the currency exponent, as Lago does when it turns the amount into cents
 * @param units the units shown on the fee: the usage's units for every model (Lago's dynamic model also reports the
 *     summed units, not the amount)
 */
public record ChargeResult(BigDecimal amount, BigDecimal units) {}

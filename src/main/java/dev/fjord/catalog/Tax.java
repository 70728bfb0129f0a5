package dev.fjord.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A tax of an organization: a percentage added to fees. The counts say how many live objects use it now
 * ({@code customersCount} counts, as Lago defines it, the customers whose invoices it applies to: those it is
 * attached to, plus, when it is applied to the organization, those that have no taxes of their own).
 */
public record Tax(
        UUID id,
        String name,
        String code,
        BigDecimal rate,
        String description,
        boolean appliedToOrganization,
        long addOnsCount,
        long customersCount,
        long plansCount,
        long chargesCount,
        Instant createdAt) {}

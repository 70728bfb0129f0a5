package dev.fjord.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A price list: a recurring subscription fee and the usage charges billed with it. */
public record Plan(
        UUID id,
        String name,
        String invoiceDisplayName,
        String code,
        PlanInterval interval,
        String description,
        long amountCents,
        String amountCurrency,
        BigDecimal trialPeriod,
        boolean payInAdvance,
        boolean billChargesMonthly,
        Long minimumCommitmentAmountCents,
        String minimumCommitmentInvoiceDisplayName,
        List<Charge> charges,
        Instant createdAt,
        Instant deletedAt) {}

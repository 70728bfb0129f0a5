package dev.fjord.organization;

import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.util.List;

/** An organization (tenant) with its invoicing identity and defaults. */
public record Organization(
        OrganizationId id,
        String name,
        String defaultCurrency,
        String timezone,
        String country,
        String addressLine1,
        String addressLine2,
        String state,
        String zipcode,
        String city,
        String email,
        String legalName,
        String legalNumber,
        String taxIdentificationNumber,
        String webhookUrl,
        String documentNumbering,
        String documentNumberPrefix,
        int netPaymentTerm,
        boolean finalizeZeroAmountInvoice,
        String invoiceFooter,
        int invoiceGracePeriod,
        String documentLocale,
        List<String> emailSettings,
        Instant createdAt) {}

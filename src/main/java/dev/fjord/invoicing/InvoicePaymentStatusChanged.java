package dev.fjord.invoicing;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/**
 * Published synchronously, inside the transaction that changed an invoice's payment status, so listeners (the
 * wallet settling a paid top-up) commit or roll back with it. {@code paymentStatus} is pending, succeeded or failed.
 */
public record InvoicePaymentStatusChanged(OrganizationId organization, UUID invoiceId, String invoiceType,
        String paymentStatus) {}

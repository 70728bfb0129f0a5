package dev.fjord.invoicing.internal;

import dev.fjord.customer.Customer;
import dev.fjord.organization.Organization;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Rules every invoice follows when it is issued, whatever its type. */
public final class InvoiceTerms {
    private InvoiceTerms() {}

    /** Lago's accounting date: the day of {@code now} in the customer's applicable timezone. */
    public static LocalDate issuingDate(Customer customer, Instant now) {
        return LocalDate.ofInstant(now, ZoneId.of(customer.applicableTimezone()));
    }

    /**
     * The timezone of the customer's row as billing reads it ({@code applicableTimezone} is not on the row): its own,
     * else the organization's.
     */
    public static String timezone(Customer customer, Organization owner) {
        return customer.timezone() != null ? customer.timezone() : owner.timezone();
    }

    /**
     * Days a subscription invoice stays a draft before it is finalized (Lago's {@code invoice_grace_period}): the
     * customer's own setting, else the organization's; 0 finalizes at once.
     */
    public static int gracePeriodDays(Customer customer, Organization owner) {
        Integer own = customer.billingConfiguration() == null ? null
                : customer.billingConfiguration().invoiceGracePeriod();
        return own != null ? own : owner.invoiceGracePeriod();
    }

    /** The customer's net payment term, else the organization's. */
    public static int netPaymentTerm(Customer customer, Organization owner) {
        return customer.netPaymentTerm() != null ? customer.netPaymentTerm() : owner.netPaymentTerm();
    }

    /**
     * Lago's {@code TransitionToFinalStatusService}: an invoice whose fees amount to zero is finalized only when the
     * customer's {@code finalize_zero_amount_invoice} says so ({@code finalize}), or inherits ({@code inherit}) an
     * organization setting that does; otherwise it is {@code closed}, hidden and never numbered.
     */
    public static boolean finalizes(long feesAmountCents, Customer customer, Organization owner) {
        if (feesAmountCents != 0) {
            return true;
        }
        String setting = customer.finalizeZeroAmountInvoice();
        return setting == null || "inherit".equals(setting) ? owner.finalizeZeroAmountInvoice()
                : "finalize".equals(setting);
    }
}

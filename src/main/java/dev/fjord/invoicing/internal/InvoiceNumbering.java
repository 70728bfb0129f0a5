package dev.fjord.invoicing.internal;

import dev.fjord.customer.Customer;
import dev.fjord.organization.Organization;
import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Lago's invoice numbers (lago-api {@code Invoice#ensure_number}). Before finalization every invoice is
 * {@code <prefix>-DRAFT}. At finalization the invoice takes the next value of its customer's sequence and:
 * <ul>
 *   <li>{@code per_customer}: {@code <prefix>-<customer sequential_id, 3 digits>-<the customer's invoice sequence,
 *       3 digits>}, e.g. {@code ACM-3F2A-002-001} for the first invoice of the organization's second customer;</li>
 *   <li>{@code per_organization}: also the next value of the organization's sequence, and the number
 *       {@code <prefix>-<YYYYMM>-<organization sequence, 3 digits>}, e.g. {@code ACM-3F2A-202405-012}; the month is
 *       the finalization's in the organization's timezone, and the sequence does not restart with the month
 *       (lago-api PR #1774).</li>
 * </ul>
 * Numbers beyond 999 simply grow ({@code %03d}). Sequences are counters locked until the finalizing transaction ends
 * (customer's first, then the organization's, always in that order): no gaps, no duplicates, no deadlock.
 */
@Component
public class InvoiceNumbering {
    private static final DateTimeFormatter YEAR_MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    /** A finalized invoice's number and the sequence values it was made from. */
    public record Assigned(String number, long sequentialId, Long organizationSequentialId) {}

    private final InvoiceRepository repository;

    InvoiceNumbering(InvoiceRepository repository) {
        this.repository = repository;
    }

    /** Takes the next numbers for an invoice of {@code customer} finalized at {@code now}. */
    public Assigned assign(OrganizationId organization, Organization owner, Customer customer, Instant now) {
        long sequentialId = repository.nextCustomerSequence(organization, customer.id());
        if ("per_organization".equals(owner.documentNumbering())) {
            long organizationSequentialId = repository.nextOrganizationSequence(organization);
            YearMonth month = YearMonth.from(now.atZone(ZoneId.of(owner.timezone())));
            return new Assigned(perOrganization(owner.documentNumberPrefix(), month, organizationSequentialId),
                    sequentialId, organizationSequentialId);
        }
        return new Assigned(perCustomer(owner.documentNumberPrefix(), customer.sequentialId(), sequentialId),
                sequentialId, null);
    }

    public static String draft(String prefix) {
        return prefix + "-DRAFT";
    }

    static String perCustomer(String prefix, long customerSequentialId, long sequentialId) {
        return "%s-%03d-%03d".formatted(prefix, customerSequentialId, sequentialId);
    }

    static String perOrganization(String prefix, YearMonth month, long organizationSequentialId) {
        return "%s-%s-%03d".formatted(prefix, YEAR_MONTH.format(month), organizationSequentialId);
    }
}

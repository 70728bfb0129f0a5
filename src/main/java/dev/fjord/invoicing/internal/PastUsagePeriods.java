package dev.fjord.invoicing.internal;

import dev.fjord.shared.OrganizationId;
import dev.fjord.shared.Rows;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The invoiced periods of a customer's subscriptions carrying one external id, newest first. */
@Repository
public class PastUsagePeriods {
    private static final String FROM = """
            FROM invoice_subscriptions isub
            JOIN subscriptions s ON s.id = isub.subscription_id
            JOIN invoices i ON i.id = isub.invoice_id
            WHERE isub.organization_id = :organization AND s.customer_id = :customer AND s.external_id = :external
              AND i.status IN ('draft', 'finalized')
            """;

    private final JdbcClient jdbc;

    PastUsagePeriods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Row(UUID subscriptionId, UUID planId, UUID invoiceId, Instant from, Instant to,
            LocalDate issuingDate, String currency) {}

    public long count(OrganizationId organization, UUID customerId, String externalSubscriptionId) {
        return jdbc.sql("SELECT count(*) " + FROM).param("organization", organization.value())
                .param("customer", customerId).param("external", externalSubscriptionId).query(Long.class).single();
    }

    public List<Row> page(OrganizationId organization, UUID customerId, String externalSubscriptionId, int limit,
            long offset) {
        return jdbc.sql("""
                SELECT isub.subscription_id, s.plan_id, isub.invoice_id, isub.from_datetime, isub.to_datetime,
                  i.issuing_date, i.currency
                """ + FROM + " ORDER BY isub.from_datetime DESC, isub.id LIMIT :limit OFFSET :offset")
                .param("organization", organization.value()).param("customer", customerId)
                .param("external", externalSubscriptionId).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), Rows.instant(rs.getTimestamp(4)), Rows.instant(rs.getTimestamp(5)),
                        rs.getObject(6, LocalDate.class), rs.getString(7)))
                .list();
    }
}

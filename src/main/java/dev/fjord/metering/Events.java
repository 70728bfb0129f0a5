package dev.fjord.metering;

import dev.fjord.metering.internal.EventIngestion;
import dev.fjord.metering.internal.EventRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Usage events: Lago's {@code /events} use cases. */
@Service
public class Events {
    /** Days in one per-day series at most: a yearly period, leap year included. */
    public static final int MAX_DAYS = 366;

    private final EventIngestion ingestion;
    private final EventRepository repository;

    Events(EventIngestion ingestion, EventRepository repository) {
        this.ingestion = ingestion;
        this.repository = repository;
    }

    /**
     * Stores the events and updates the usage aggregates in one transaction: all or nothing, acknowledged only
     * once committed. A repeated (external subscription, transaction id) fails the whole call with 422.
     */
    public List<Event> ingest(OrganizationId organization, List<EventInput> inputs) {
        return ingestion.ingest(organization, inputs);
    }

    public Event get(OrganizationId organization, String transactionId) {
        return repository.findByTransactionId(organization, transactionId).orElseThrow(() -> BillingError.notFound("event"));
    }

    public List<Event> list(OrganizationId organization, EventQuery query, int limit, long offset) {
        return repository.list(organization, query, limit, offset);
    }

    public long count(OrganizationId organization, EventQuery query) {
        return repository.count(organization, query);
    }

    /** Recomputes a subscription's aggregates from its raw events; the result equals what ingestion built. */
    public void rebuildAggregates(OrganizationId organization, String externalSubscriptionId) {
        ingestion.rebuild(organization, externalSubscriptionId);
    }

    /**
     * A subscription's counted events per day of {@code zone}, timestamps from {@code from} to {@code to} (both
     * included, as a period's bounds are), every day present (0 when nothing came). A read of the stored events for a
     * page, not the hot path: the aggregates hold no days. A window over {@link #MAX_DAYS} days keeps its last ones.
     */
    public List<DailyEvents> perDay(OrganizationId organization, UUID subscriptionId, Instant from, Instant to,
            ZoneId zone) {
        LocalDate last = to.atZone(zone).toLocalDate();
        LocalDate first = from.atZone(zone).toLocalDate();
        if (first.plusDays(MAX_DAYS - 1).isBefore(last)) {
            first = last.minusDays(MAX_DAYS - 1);
            from = first.atStartOfDay(zone).toInstant();
        }
        Map<LocalDate, Long> counted = repository.countPerDay(organization, subscriptionId, from, to, zone);
        List<DailyEvents> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(new DailyEvents(day, counted.getOrDefault(day, 0L)));
        }
        return days;
    }
}

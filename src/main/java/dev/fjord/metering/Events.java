package dev.fjord.metering;

import dev.fjord.metering.internal.EventIngestion;
import dev.fjord.metering.internal.EventRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import org.springframework.stereotype.Service;

/** Usage events: Lago's {@code /events} use cases. */
@Service
public class Events {
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
}

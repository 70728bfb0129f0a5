package dev.fjord.metering.internal;

import dev.fjord.metering.Event;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Lago's {@code events.errors} (object {@code events_errors}): the transaction ids of an ingestion request's events
 * that counted nowhere, listed by error kind. Lago finds them with an hourly job; Fjord knows the reasons at
 * ingestion, so it records one webhook per request that produced any, in the request's transaction.
 */
@Component
class EventErrorsWebhook {
    /**
     * Lago's four keys, always present (its serializer sends empty lists), then Fjord's reasons Lago has no key for:
     * Lago never reports events of unknown subscriptions, and has no subscription start check at ingestion.
     * Fjord detects no {@code missing_group_key} (Lago's legacy groups) or {@code invalid_filter_values} (an event
     * matching no filter is priced by its charge's own properties); those lists stay empty.
     */
    private static final List<String> KEYS = List.of("invalid_code", "missing_aggregation_property",
            "missing_group_key", "invalid_filter_values", "unknown_subscription", "before_subscription_start");

    private final Webhooks webhooks;

    EventErrorsWebhook(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Nothing when every event counted; else the lists are built only if some endpoint wants the type. */
    void recordFor(OrganizationId organization, List<Event> stored) {
        if (stored.stream().allMatch(event -> event.errorCode() == null)) {
            return;
        }
        webhooks.record(organization, "events.errors", "events_errors", () -> byKey(stored));
    }

    /** Fjord's error codes are Lago's key names ({@code invalid_code} and {@code missing_aggregation_property}). */
    private static Map<String, List<String>> byKey(List<Event> stored) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        KEYS.forEach(key -> lists.put(key, new ArrayList<>()));
        for (Event event : stored) {
            if (event.errorCode() != null) {
                lists.computeIfAbsent(event.errorCode(), key -> new ArrayList<>()).add(event.transactionId());
            }
        }
        return lists;
    }
}

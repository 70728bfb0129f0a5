package dev.fjord.metering.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonFormats;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.metering.Event;
import dev.fjord.metering.EventQuery;
import dev.fjord.metering.Events;
import dev.fjord.shared.OrganizationId;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fjord extension: {@code GET /api/v1/event_errors} lists the stored events that counted nowhere and why
 * ({@code unknown_subscription}, {@code invalid_code}, {@code missing_aggregation_property},
 * {@code before_subscription_start}), so a mistake in an integration is visible at once, not lost.
 */
@RestController
class EventErrorController {
    private final Events events;

    EventErrorController(Events events) {
        this.events = events;
    }

    record EventErrorJson(String lagoId, String transactionId, String externalSubscriptionId, String code,
            String timestamp, String errorCode, String createdAt) {
        static EventErrorJson of(Event e) {
            return new EventErrorJson(e.id().toString(), e.transactionId(), e.externalSubscriptionId(), e.code(),
                    JsonFormats.timestampMillis(e.timestamp()), e.errorCode(), JsonFormats.timestamp(e.createdAt()));
        }
    }

    @GetMapping("/api/v1/event_errors")
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            @RequestParam(name = "external_subscription_id", required = false) String subscription) {
        EventQuery query = new EventQuery(subscription, null, null, null, true);
        return ListResponse.of("event_errors", events.list(organization, query, page.perPage(), page.offset()).stream()
                .map(EventErrorJson::of).toList(), page, events.count(organization, query));
    }
}

package dev.fjord.metering.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.metering.EventInput;
import dev.fjord.metering.EventQuery;
import dev.fjord.metering.Events;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/events}. */
@RestController
@RequestMapping("/api/v1/events")
class EventController {
    /** Lago's batch limit; clients rely on it. */
    static final int MAX_EVENTS_PER_BATCH = 100;

    private final Events events;

    EventController(Events events) {
        this.events = events;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        JsonInput in = JsonInput.root(body, "event");
        EventInput input = EventInputReader.read(in);
        in.validate();
        return Map.of("event", EventJson.of(events.ingest(organization, List.of(input)).get(0)));
    }

    @PostMapping("/batch")
    Map<String, Object> batch(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        JsonNode items = body == null || !body.isObject() ? null : body.get("events");
        if (items == null || !items.isArray()) {
            throw BillingError.badRequest("param is missing or the value is empty or invalid: events");
        }
        if (items.isEmpty()) {
            throw BillingError.validation("events", "no_events");
        }
        if (items.size() > MAX_EVENTS_PER_BATCH) {
            throw BillingError.validation("events", "too_many_events");
        }
        List<EventInput> inputs = new ArrayList<>();
        Map<String, Object> errors = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode item : items.values()) {
            JsonInput in = JsonInput.item(item);
            if (in == null) {
                errors.put(Integer.toString(index++), Map.of("event", List.of("value_is_invalid")));
                continue;
            }
            inputs.add(EventInputReader.read(in));
            if (!in.errors().isEmpty()) {
                errors.put(Integer.toString(index), in.errors());
            }
            index++;
        }
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
        return Map.of("events", events.ingest(organization, inputs).stream().map(EventJson::of).toList());
    }

    @GetMapping("/{transactionId}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String transactionId) {
        return Map.of("event", EventJson.of(events.get(organization, transactionId)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            @RequestParam(name = "external_subscription_id", required = false) String subscription,
            @RequestParam(required = false) String code,
            @RequestParam(name = "timestamp_from", required = false) String from,
            @RequestParam(name = "timestamp_to", required = false) String to) {
        EventQuery query = new EventQuery(subscription, code, instant("timestamp_from", from), instant("timestamp_to", to), false);
        return ListResponse.of("events", events.list(organization, query, page.perPage(), page.offset()).stream()
                .map(EventJson::of).toList(), page, events.count(organization, query));
    }

    /** Fjord extension: recompute a subscription's usage aggregates from its stored events. */
    @PostMapping("/rebuild_aggregates")
    Map<String, Object> rebuild(@CurrentOrganization OrganizationId organization,
            @RequestParam(name = "external_subscription_id") String subscription) {
        events.rebuildAggregates(organization, subscription);
        return Map.of("external_subscription_id", subscription, "status", "rebuilt");
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw BillingError.validation(name, "invalid_date");
        }
    }
}

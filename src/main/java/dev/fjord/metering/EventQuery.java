package dev.fjord.metering;

import java.time.Instant;

/** Filters of {@code GET /events}; nulls mean "any". {@code onlyUncounted} keeps the events that counted nowhere. */
public record EventQuery(String externalSubscriptionId, String code, Instant timestampFrom, Instant timestampTo,
        boolean onlyUncounted) {}

package dev.fjord.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One billing period in the customer's timezone: dates inclusive, instants half-open {@code [start, endExclusive)}.
 *
 * <p>Lago stores a period as {@code from_datetime} (local midnight of the first day) and {@code to_datetime}
 * (local 23:59:59 of the last day). Fjord keeps the next period's start as an exclusive end instead, so that two
 * consecutive periods share one instant and no event can fall between them; Lago's inclusive end is
 * {@code endExclusive - 1s} when a response needs it.
 */
public record BillingPeriod(LocalDate startDate, LocalDate endDate, Instant start, Instant endExclusive) {

    public BillingPeriod {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(endExclusive, "endExclusive");
        if (endDate.isBefore(startDate)) {
            throw new IllegalArgumentException("period ends on " + endDate + " before it starts on " + startDate);
        }
        // Equal instants are allowed: a day a zone skipped entirely (Pacific/Apia, 2011-12-30) has no instants.
        if (endExclusive.isBefore(start)) {
            throw new IllegalArgumentException("period ends at " + endExclusive + " before it starts at " + start);
        }
    }

    /**
     * The period covering the whole days {@code startDate..endDate} in {@code zone}: from the first day's local
     * midnight to the local midnight after the last day. {@code atStartOfDay} takes the zone's rules, so a day
     * whose midnight falls in a DST gap starts at the first instant that exists (01:00 in Havana on 2024-03-10).
     */
    public static BillingPeriod of(LocalDate startDate, LocalDate endDate, ZoneId zone) {
        return new BillingPeriod(
                startDate,
                endDate,
                startDate.atStartOfDay(zone).toInstant(),
                endDate.plusDays(1).atStartOfDay(zone).toInstant());
    }

    public boolean contains(Instant at) {
        return !at.isBefore(start) && at.isBefore(endExclusive);
    }

    /** Number of calendar days, {@code endDate - startDate + 1}; DST does not change it. */
    public long days() {
        return ChronoUnit.DAYS.between(startDate, endDate) + 1;
    }
}

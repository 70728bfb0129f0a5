package dev.fjord.metering;

import java.time.LocalDate;

/** How many of a subscription's events counted on one day (in the customer's timezone). */
public record DailyEvents(LocalDate day, long events) {}

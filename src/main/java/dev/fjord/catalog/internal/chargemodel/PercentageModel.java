package dev.fjord.catalog.internal.chargemodel;

import dev.fjord.catalog.ChargeUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Percentage: {@code rate}% of the units (an amount, e.g. a sum of transactions) plus {@code fixed_amount} per event,
 * minus what the free units cover ({@link FreeAllowance}).
 *
 * <p>Without per-transaction bounds the period is priced as a whole, like Lago: {@code (units - free units) × rate/100
 * + (events - free events) × fixed_amount}, the fixed part being 0 when the period has no units. With
 * {@code per_transaction_min_amount} and/or {@code per_transaction_max_amount}, each event is priced on its own
 * ({@code value × rate/100 + fixed_amount}, clamped to the bounds) and the prices are added; free events cost 0.
 *
 * <p>Lago's per-transaction code keeps events free while either allowance remains when both are set; Fjord applies
 * "whichever runs out first" in both modes, as Lago documents. Lago also treats as unset (0) a free-event count whose
 * running total is already past the free amount at the first event, and then exempts {@code free_units_per_events}
 * events from the fixed amount; Fjord exempts none. Lago reads the bounds only with a premium licence; Fjord always.
 */
final class PercentageModel implements ModelRules {
    static final PercentageModel RULES = new PercentageModel();
    private static final String RATE = "rate";
    private static final String FIXED = "fixed_amount";
    private static final String FREE_EVENTS = "free_units_per_events";
    private static final String FREE_AMOUNT = "free_units_per_total_aggregation";
    private static final String MIN = "per_transaction_min_amount";
    private static final String MAX = "per_transaction_max_amount";

    @Override
    public ObjectNode defaults() {
        return JsonNodeFactory.instance.objectNode().put(RATE, "0");
    }

    @Override
    public void validate(JsonNode properties, PropertyErrors errors) {
        if (JsonValues.nonNegativeDecimalString(properties.get(RATE)).isEmpty()) {
            errors.add(RATE, "invalid_rate");
        }
        optionalAmount(properties, FIXED, "invalid_fixed_amount", errors);
        JsonNode freeEvents = properties.get(FREE_EVENTS);
        if (!JsonValues.absent(freeEvents) && JsonValues.integer(freeEvents).orElse(0) <= 0) {
            errors.add(FREE_EVENTS, "invalid_free_units_per_events");
        }
        optionalAmount(properties, FREE_AMOUNT, "invalid_free_units_per_total_aggregation", errors);
        Optional<BigDecimal> min = optionalAmount(properties, MIN, "invalid_amount", errors);
        Optional<BigDecimal> max = optionalAmount(properties, MAX, "invalid_amount", errors);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            errors.add(MAX, "per_transaction_max_lower_than_per_transaction_min");
        }
    }

    /** An optional decimal string: absent or null is fine, anything else must be an amount &ge; 0. */
    private static Optional<BigDecimal> optionalAmount(JsonNode properties, String key, String code,
            PropertyErrors errors) {
        JsonNode node = properties.get(key);
        if (JsonValues.absent(node)) {
            return Optional.empty();
        }
        Optional<BigDecimal> amount = JsonValues.nonNegativeDecimalString(node);
        if (amount.isEmpty()) {
            errors.add(key, code);
        }
        return amount;
    }

    @Override
    public void normalize(JsonNode properties, ObjectNode out) {
        out.put(RATE, properties.get(RATE).stringValue());
        out.put(FIXED, JsonValues.absent(properties.get(FIXED)) ? "0" : properties.get(FIXED).stringValue());
        if (!JsonValues.absent(properties.get(FREE_EVENTS))) {
            out.set(FREE_EVENTS, properties.get(FREE_EVENTS).deepCopy());
        }
        for (String key : new String[] {FREE_AMOUNT, MIN, MAX}) {
            if (!JsonValues.absent(properties.get(key))) {
                out.put(key, properties.get(key).stringValue());
            }
        }
    }

    @Override
    public BigDecimal amount(JsonNode properties, ChargeUsage usage, int currencyExponent) {
        BigDecimal rate = JsonValues.decimal(properties.get(RATE)).movePointLeft(2);
        BigDecimal fixed = JsonValues.decimal(properties.get(FIXED), BigDecimal.ZERO);
        Long freeEventsLimit = JsonValues.absent(properties.get(FREE_EVENTS)) ? null : properties.get(FREE_EVENTS).longValue();
        BigDecimal freeAmountLimit = JsonValues.decimal(properties.get(FREE_AMOUNT), BigDecimal.ZERO);
        BigDecimal min = JsonValues.decimal(properties.get(MIN), null);
        BigDecimal max = JsonValues.decimal(properties.get(MAX), null);

        boolean perTransaction = min != null || max != null;
        boolean needsEvents = perTransaction || freeEventsLimit != null || freeAmountLimit.signum() > 0;
        List<BigDecimal> events = !needsEvents ? List.of()
                : usage.eventUnits() != null ? usage.eventUnits() : new EvenSpread(usage.units(), usage.eventsCount());
        FreeAllowance free = FreeAllowance.of(events, freeEventsLimit,
                freeAmountLimit.signum() > 0 ? freeAmountLimit : null);

        if (perTransaction) {
            return perTransaction(events, free, rate, fixed, min, max);
        }
        return wholePeriod(usage, free, rate, fixed);
    }

    private static BigDecimal wholePeriod(ChargeUsage usage, FreeAllowance free, BigDecimal rate, BigDecimal fixed) {
        BigDecimal units = usage.units();
        // Negative running totals (refunds in a sum) exempt nothing.
        BigDecimal freeUnits = free.freeUnits().max(BigDecimal.ZERO);
        BigDecimal percentage = freeUnits.compareTo(units) > 0 ? BigDecimal.ZERO
                : units.subtract(freeUnits).multiply(rate);
        long paidEvents = usage.eventsCount() - free.freeEvents();
        BigDecimal fixedPart = units.signum() == 0 || paidEvents <= 0 ? BigDecimal.ZERO
                : fixed.multiply(BigDecimal.valueOf(paidEvents));
        return percentage.add(fixedPart);
    }

    private static BigDecimal perTransaction(List<BigDecimal> events, FreeAllowance free, BigDecimal rate,
            BigDecimal fixed, BigDecimal min, BigDecimal max) {
        BigDecimal total = BigDecimal.ZERO;
        int index = 0;
        for (BigDecimal value : events) {
            if (index >= free.freeEvents()) {
                BigDecimal paid = index == free.freeEvents() ? value.subtract(free.consumedOfNext()) : value;
                BigDecimal price = paid.multiply(rate).add(fixed);
                if (min != null && price.compareTo(min) < 0) {
                    price = min;
                } else if (max != null && price.compareTo(max) > 0) {
                    price = max;
                }
                total = total.add(price);
            }
            index++;
        }
        return total;
    }
}

package dev.fjord.metering.internal;

import dev.fjord.catalog.AggregationType;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Charge;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.metering.ChargedInAdvance;
import dev.fjord.metering.Event;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.BillingPeriod;
import dev.fjord.subscription.BillingPeriods;
import dev.fjord.subscription.Subscription;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes events to the aggregates they change: for each event, every charge of its subscription's plan on the
 * event's metric, the charge filter the event matches, its group, and the charge period containing its timestamp.
 * Late events land in the period of their timestamp. Writes happen in {@link #apply}, in a fixed key order.
 */
@Component
class UsageAggregator {
    private final Plans plans;
    private final AggregateRepository aggregates;
    private final JsonMapper json;

    UsageAggregator(Plans plans, AggregateRepository aggregates, JsonMapper json) {
        this.plans = plans;
        this.aggregates = aggregates;
        this.json = json;
    }

    /** Contributions of the events (keyed and merged) and, per event id, why it counted nowhere. */
    record Routing(Map<UsageKey, Contribution> contributions, Map<UUID, String> errors) {}

    Routing route(OrganizationId organization, List<Event> events, Map<UUID, Subscription> subscriptions) {
        Map<UsageKey, Contribution> contributions = new TreeMap<>();
        Map<UUID, String> errors = new HashMap<>();
        Map<UUID, PricedPlan> pricedPlans = new HashMap<>();
        for (Event event : events) {
            Subscription subscription = event.subscriptionId() == null ? null : subscriptions.get(event.subscriptionId());
            if (subscription == null) {
                errors.put(event.id(), "unknown_subscription");
                continue;
            }
            if (subscription.startedAt() != null && event.timestamp().isBefore(subscription.startedAt())) {
                errors.put(event.id(), "before_subscription_start");
                continue;
            }
            PricedPlan plan = pricedPlans.computeIfAbsent(subscription.planId(), id -> pricedPlan(organization, id));
            List<Charge> charges = plan.chargesByMetricCode.getOrDefault(event.code(), List.of());
            if (charges.isEmpty()) {
                errors.put(event.id(), "invalid_code");
                continue;
            }
            for (Charge charge : charges) {
                String error = contribute(contributions, event, subscription, plan, charge);
                if (error != null) {
                    errors.put(event.id(), error);
                }
            }
        }
        return new Routing(contributions, errors);
    }

    /**
     * Writes the contributions, one upsert per aggregate, in key order. With {@code billInAdvance}, answers what each
     * event adds to its pay-in-advance charges (a rebuild of aggregates bills nothing).
     */
    List<ChargedInAdvance> apply(OrganizationId organization, Routing routing, boolean billInAdvance) {
        List<ChargedInAdvance> charged = new ArrayList<>();
        for (Contribution contribution : routing.contributions().values()) {
            AggregateRepository.Upserted row = aggregates.upsert(organization, contribution);
            int[] uniqueDeltas = contribution.uniqueOperations.isEmpty() ? new int[0]
                    : aggregates.applyUniqueOperations(row.id(), contribution.key, contribution.recurring,
                            contribution.uniqueOperations);
            if (billInAdvance && contribution.inAdvance != null) {
                charged.addAll(InAdvancePricing.increments(organization, contribution, row, uniqueDeltas));
            }
        }
        return charged;
    }

    private String contribute(Map<UsageKey, Contribution> contributions, Event event, Subscription subscription,
            PricedPlan plan, Charge charge) {
        BillableMetric metric = plan.metrics.get(charge.billableMetricId());
        AggregationType type = metric.aggregationType();
        JsonNode raw = type.needsFieldName() ? event.properties().get(metric.fieldName()) : null;
        BigDecimal value = null;
        if (type.needsFieldName() && type != AggregationType.UNIQUE_COUNT_AGG) {
            value = number(raw);
            if (value == null) {
                return "missing_aggregation_property";
            }
        }
        if (type == AggregationType.UNIQUE_COUNT_AGG && (raw == null || !raw.isValueNode() || raw.isNull())) {
            return "missing_aggregation_property";
        }
        Map<String, String> properties = scalarProperties(event.properties());
        // Events matching none of the filters (filter null) are priced by the charge's own properties, as in Lago.
        Charge.Filter filter = charge.filterFor(properties);
        BillingPeriod period = BillingPeriods.chargePeriodContaining(plan.plan.interval(), plan.plan.billChargesMonthly(),
                subscription.billingTime(), subscription.anchorDate(), subscription.zone(), event.timestamp());
        Map<String, String> group = group(charge, filter, properties);
        UsageKey key = new UsageKey(subscription.id(), charge.id(), filter == null ? null : filter.id(),
                group.isEmpty() ? "{}" : json.writeValueAsString(group), period.start(), period.endExclusive());
        Contribution contribution = contributions.computeIfAbsent(key, k -> new Contribution(k, type, metric.recurring()));
        contribution.add(value, event.timestamp(), event.preciseTotalAmountCents());
        if (charge.payInAdvance()) {
            if (contribution.inAdvance == null) {
                contribution.inAdvance = new Contribution.InAdvance(charge, metric, filter, group,
                        plan.plan.amountCurrency(), period, new ArrayList<>());
            }
            contribution.inAdvance.shares().add(new Contribution.Share(event.transactionId(),
                    type == AggregationType.COUNT_AGG ? BigDecimal.ONE : value, event.preciseTotalAmountCents()));
        }
        if (type == AggregationType.UNIQUE_COUNT_AGG) {
            JsonNode operation = event.properties().get("operation_type");
            boolean remove = metric.recurring() && operation != null && "remove".equals(operation.asString());
            contribution.addUnique(raw.asString(), !remove);
        }
        return null;
    }

    /** {@code grouped_by} / {@code pricing_group_keys} of the price applied: the event's values for those keys. */
    private static Map<String, String> group(Charge charge, Charge.Filter filter, Map<String, String> properties) {
        ObjectNode priced = filter != null ? filter.properties() : charge.properties();
        JsonNode keys = priced.has("pricing_group_keys") ? priced.get("pricing_group_keys") : priced.get("grouped_by");
        Map<String, String> group = new TreeMap<>();
        if (keys != null && keys.isArray()) {
            for (JsonNode key : keys.values()) {
                group.put(key.asString(), properties.get(key.asString()));
            }
        }
        return group;
    }

    /** A number, or a numeric string as Lago's clients often send, else null. */
    static BigDecimal number(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isString()) {
            try {
                return new BigDecimal(node.stringValue().strip());
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
        return null;
    }

    private static Map<String, String> scalarProperties(ObjectNode properties) {
        Map<String, String> scalars = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : properties.properties()) {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                scalars.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return scalars;
    }

    private PricedPlan pricedPlan(OrganizationId organization, UUID planId) {
        Plan plan = plans.getById(organization, planId);
        Map<UUID, BillableMetric> metrics = plans.metricsOf(organization, plan);
        Map<String, List<Charge>> byCode = new HashMap<>();
        for (Charge charge : plan.charges()) {
            BillableMetric metric = metrics.get(charge.billableMetricId());
            if (metric != null && metric.deletedAt() == null) {
                byCode.computeIfAbsent(metric.code(), k -> new ArrayList<>()).add(charge);
            }
        }
        return new PricedPlan(plan, metrics, byCode);
    }

    private record PricedPlan(Plan plan, Map<UUID, BillableMetric> metrics, Map<String, List<Charge>> chargesByMetricCode) {}
}

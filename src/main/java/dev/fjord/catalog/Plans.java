package dev.fjord.catalog;

import dev.fjord.api.JsonInput;
import dev.fjord.catalog.internal.PlanInputReader;
import dev.fjord.catalog.internal.PlanJson;
import dev.fjord.catalog.internal.PlanOverrideMerge;
import dev.fjord.catalog.internal.PlanRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plans and their charges: Lago's {@code /plans} use cases. */
@Service
public class Plans {
    /** Aggregations whose units are known event by event, so a charge on them can be billed in advance (Lago's rule). */
    private static final Set<AggregationType> PAYABLE_IN_ADVANCE =
            Set.of(AggregationType.COUNT_AGG, AggregationType.SUM_AGG, AggregationType.UNIQUE_COUNT_AGG);
    /** Changing these under live subscriptions would change what they already agreed to. */
    private static final List<String> SUBSCRIBED_TERMS = List.of("interval", "amount_currency", "pay_in_advance");

    private final PlanRepository repository;
    private final BillableMetrics metrics;
    private final Taxes taxes;
    private final ApplicationEventPublisher events;
    private final Webhooks webhooks;
    private final JsonMapper json;
    private final Clock clock;

    Plans(PlanRepository repository, BillableMetrics metrics, Taxes taxes, ApplicationEventPublisher events,
            Webhooks webhooks, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.metrics = metrics;
        this.taxes = taxes;
        this.events = events;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Plan create(OrganizationId organization, PlanInput input) {
        return recorded(organization, "plan.created", insert(organization, input, null));
    }

    /**
     * Lago's {@code plan_overrides}: a copy of {@code parent} with the overrides applied (prices, trial, taxes,
     * commitment, charges' properties and minimums), read and checked as any plan, for one subscription. It keeps
     * the parent's code and stays out of the plan endpoints; no plan webhook is sent for it, as in Lago.
     */
    @Transactional
    public Plan override(OrganizationId organization, Plan parent, JsonNode overrides) {
        JsonNode rendered = json.valueToTree(PlanJson.of(this, organization, parent));
        PlanInput input = PlanInputReader.read(JsonInput.root(PlanOverrideMerge.merged(rendered, overrides), "plan"), true);
        return insert(organization, input, parent.id());
    }

    private Plan insert(OrganizationId organization, PlanInput input, UUID parentId) {
        Instant now = clock.instant();
        checkIntervalRules(input, null);
        UUID id;
        try {
            id = repository.insert(organization, input.changes(), parentId, now);
        } catch (DuplicateKeyException taken) {
            throw BillingError.validation("code", "value_already_exist");
        }
        repository.update(organization, id, input.changes(), now);
        List<PlanInput.ChargeInput> charges = input.charges() == null ? List.of() : input.charges();
        checkCharges(organization, charges, Set.of());
        writeCharges(organization, id, charges, now);
        applyPlanTaxes(organization, id, input);
        return repository.findById(organization, id).orElseThrow();
    }

    @Transactional
    public Plan update(OrganizationId organization, String code, PlanInput input) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("plan"));
        Plan current = repository.findById(organization, id).orElseThrow();
        if (repository.subscriptionCounts(organization, id)[0] > 0) {
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            SUBSCRIBED_TERMS.stream().filter(input.changes()::sets)
                    .forEach(column -> frozen.put(column, List.of("used_by_subscriptions")));
            if (!frozen.isEmpty()) {
                throw BillingError.validation(frozen);
            }
        }
        checkIntervalRules(input, current);
        Instant now = clock.instant();
        try {
            repository.update(organization, id, input.changes(), now);
        } catch (DuplicateKeyException taken) {
            throw BillingError.validation("code", "value_already_exist");
        }
        if (input.charges() != null) {
            checkCharges(organization, input.charges(), repository.liveChargeIds(organization, id));
            writeCharges(organization, id, input.charges(), now);
        }
        applyPlanTaxes(organization, id, input);
        return recorded(organization, "plan.updated", repository.findById(organization, id).orElseThrow());
    }

    public Plan get(OrganizationId organization, String code) {
        return repository.findLive(organization, code).orElseThrow(() -> BillingError.notFound("plan"));
    }

    /** The plan by id, deleted or not: subscriptions keep pointing at the plan they were sold. */
    public Plan getById(OrganizationId organization, UUID id) {
        return repository.findById(organization, id).orElseThrow(() -> BillingError.notFound("plan"));
    }

    public List<Plan> list(OrganizationId organization, int limit, long offset) {
        return repository.list(organization, limit, offset);
    }

    public long count(OrganizationId organization) {
        return repository.count(organization);
    }

    /** {@code [active subscriptions, distinct customers]} on the plan. */
    public long[] subscriptionCounts(OrganizationId organization, UUID planId) {
        return repository.subscriptionCounts(organization, planId);
    }

    /** The metrics the plan's charges price, by id. */
    public Map<UUID, BillableMetric> metricsOf(OrganizationId organization, Plan plan) {
        List<UUID> ids = plan.charges().stream().map(Charge::billableMetricId).distinct().toList();
        return metrics.findByIds(organization, ids).stream().collect(Collectors.toMap(BillableMetric::id, Function.identity()));
    }

    /** The taxes of a plan and of each of its charges, for rendering. */
    public PlanTaxes taxesOf(OrganizationId organization, Plan plan) {
        return new PlanTaxes(taxes.ofPlans(organization, List.of(plan.id())).getOrDefault(plan.id(), List.of()),
                taxes.ofCharges(organization, plan.charges().stream().map(Charge::id).toList()));
    }

    /** {@code charges}: the taxes of each charge that has its own, by charge id. */
    public record PlanTaxes(List<Tax> plan, Map<UUID, List<Tax>> charges) {}

    /** Soft-deletes the plan; its live subscriptions are terminated in the same transaction (Lago's behaviour). */
    @Transactional
    public Plan delete(OrganizationId organization, String code) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("plan"));
        // the subscriptions on its overrides end with it
        for (UUID overrideId : repository.liveOverrides(organization, id)) {
            repository.markDeleted(organization, overrideId, clock.instant());
            events.publishEvent(new PlanDeleted(organization, overrideId));
        }
        repository.markDeleted(organization, id, clock.instant());
        events.publishEvent(new PlanDeleted(organization, id));
        return recorded(organization, "plan.deleted", repository.findById(organization, id).orElseThrow());
    }

    /** Writes the plan's webhook in the change's transaction; answers the plan. */
    private Plan recorded(OrganizationId organization, String webhookType, Plan plan) {
        webhooks.record(organization, webhookType, "plan", () -> PlanJson.of(this, organization, plan));
        return plan;
    }

    private void writeCharges(OrganizationId organization, UUID planId, List<PlanInput.ChargeInput> charges, Instant now) {
        List<UUID> ids = repository.replaceCharges(organization, planId, charges, now);
        for (int i = 0; i < charges.size(); i++) {
            if (charges.get(i).taxCodes() != null) {
                taxes.applyToCharge(organization, ids.get(i), charges.get(i).taxCodes());
            }
        }
    }

    private void applyPlanTaxes(OrganizationId organization, UUID planId, PlanInput input) {
        if (input.taxCodes() != null) {
            taxes.applyToPlan(organization, planId, input.taxCodes());
        }
    }

    private static void checkIntervalRules(PlanInput input, Plan current) {
        PlanInterval interval = input.changes().sets("interval")
                ? PlanInterval.fromCode((String) input.changes().get("interval")).orElseThrow()
                : current.interval();
        boolean monthlyCharges = input.changes().sets("bill_charges_monthly")
                ? Boolean.TRUE.equals(input.changes().get("bill_charges_monthly"))
                : current != null && current.billChargesMonthly();
        if (monthlyCharges && interval != PlanInterval.YEARLY && interval != PlanInterval.SEMIANNUAL) {
            throw BillingError.validation("bill_charges_monthly", "not_compatible_with_interval");
        }
    }

    /**
     * Lago's rule for {@code pay_in_advance} on a charge: the metric counts or sums what each event adds, and the model
     * is not volume (a volume price changes every unit's price, so an event's increment is not its own).
     */
    public static boolean canPayInAdvance(AggregationType aggregation, ChargeModel model) {
        return PAYABLE_IN_ADVANCE.contains(aggregation) && model != ChargeModel.VOLUME;
    }

    /**
     * The rules between new charges and their metrics that {@link #create} applies, without writing anything: a form
     * holding several charges checks them one by one to show each refusal next to its charge.
     */
    public void checkNewCharges(OrganizationId organization, List<PlanInput.ChargeInput> charges) {
        checkCharges(organization, charges, Set.of());
    }

    /** Rules between a charge and its metric: the metric exists, supports the model and the filter values. */
    private void checkCharges(OrganizationId organization, List<PlanInput.ChargeInput> charges, Set<UUID> existingIds) {
        Map<UUID, BillableMetric> byId = metrics.findByIds(organization,
                        charges.stream().map(PlanInput.ChargeInput::billableMetricId).distinct().toList())
                .stream().filter(m -> m.deletedAt() == null)
                .collect(Collectors.toMap(BillableMetric::id, Function.identity()));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (PlanInput.ChargeInput charge : charges) {
            BillableMetric metric = byId.get(charge.billableMetricId());
            if (metric == null) {
                throw BillingError.notFound("billable_metric");
            }
            if (charge.id() != null && !existingIds.contains(charge.id())) {
                throw BillingError.notFound("charge");
            }
            if (charge.chargeModel() == ChargeModel.DYNAMIC && metric.aggregationType() != AggregationType.SUM_AGG) {
                errors.put("charge_model", List.of("invalid_aggregation_type_or_charge_model"));
            }
            if (charge.payInAdvance() && !canPayInAdvance(metric.aggregationType(), charge.chargeModel())) {
                errors.put("pay_in_advance", List.of("invalid_aggregation_type_or_charge_model"));
            }
            if (charge.payInAdvance() && charge.minAmountCents() > 0) {
                errors.put("min_amount_cents", List.of("not_compatible_with_pay_in_advance"));
            }
            if (charge.prorated() && !metric.recurring() && metric.aggregationType() != AggregationType.WEIGHTED_SUM_AGG) {
                errors.put("prorated", List.of("not_compatible_with_aggregation_type"));
            }
            for (PlanInput.FilterInput filter : charge.filters()) {
                if (!allowedBy(metric, filter.values())) {
                    errors.put("filters", List.of("invalid_filter_values"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
    }

    private static boolean allowedBy(BillableMetric metric, Map<String, List<String>> values) {
        return values.entrySet().stream().allMatch(entry -> metric.filters().stream()
                .anyMatch(f -> f.key().equals(entry.getKey()) && f.values().containsAll(entry.getValue())));
    }
}

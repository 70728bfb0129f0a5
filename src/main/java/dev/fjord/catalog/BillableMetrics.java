package dev.fjord.catalog;

import dev.fjord.catalog.internal.BillableMetricJson;
import dev.fjord.catalog.internal.BillableMetricRepository;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.OrganizationId;
import dev.fjord.webhook.Webhooks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Billable metrics: Lago's {@code /billable_metrics} use cases. */
@Service
public class BillableMetrics {
    /** Columns whose change would re-price existing usage; frozen once a plan uses the metric. */
    private static final List<String> PRICING_COLUMNS = List.of("aggregation_type", "field_name", "recurring", "weighted_interval");

    private final BillableMetricRepository repository;
    private final Webhooks webhooks;
    private final Clock clock;

    BillableMetrics(BillableMetricRepository repository, Webhooks webhooks, Clock clock) {
        this.repository = repository;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional
    public BillableMetric create(OrganizationId organization, BillableMetricInput input) {
        Changes changes = input.changes();
        checkShape(null, changes);
        Instant now = clock.instant();
        UUID id;
        try {
            id = repository.insert(organization, input.code(), (String) changes.get("name"),
                    (String) changes.get("aggregation_type"), now);
        } catch (DuplicateKeyException taken) {
            throw BillingError.validation("code", "value_already_exist");
        }
        repository.update(organization, id, changes, now);
        repository.replaceFilters(organization, id, input.filters() == null ? List.of() : input.filters());
        return recorded(organization, "billable_metric.created", repository.findById(organization, id).orElseThrow());
    }

    @Transactional
    public BillableMetric update(OrganizationId organization, String code, BillableMetricInput input) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("billable_metric"));
        BillableMetric current = repository.findById(organization, id).orElseThrow();
        Changes changes = input.changes();
        if (repository.plansCount(organization, id) > 0) {
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            PRICING_COLUMNS.stream().filter(changes::sets).forEach(c -> frozen.put(c, List.of("used_by_plans")));
            if (!frozen.isEmpty()) {
                throw BillingError.validation(frozen);
            }
        }
        checkShape(current, changes);
        try {
            repository.update(organization, id, changes, clock.instant());
        } catch (DuplicateKeyException taken) {
            throw BillingError.validation("code", "value_already_exist");
        }
        if (input.filters() != null) {
            repository.replaceFilters(organization, id, input.filters());
        }
        return recorded(organization, "billable_metric.updated", repository.findById(organization, id).orElseThrow());
    }

    public BillableMetric get(OrganizationId organization, String code) {
        return repository.findLive(organization, code).orElseThrow(() -> BillingError.notFound("billable_metric"));
    }

    public java.util.Optional<BillableMetric> find(OrganizationId organization, String code) {
        return repository.findLive(organization, code);
    }

    public List<BillableMetric> findByIds(OrganizationId organization, List<UUID> ids) {
        return repository.findByIds(organization, ids);
    }

    public List<BillableMetric> list(OrganizationId organization, int limit, long offset) {
        return repository.list(organization, limit, offset);
    }

    public long count(OrganizationId organization) {
        return repository.count(organization);
    }

    public long plansCount(OrganizationId organization, UUID metricId) {
        return repository.plansCount(organization, metricId);
    }

    /** Soft-deletes the metric; plans keep their history but no longer price it (its charges are removed). */
    @Transactional
    public BillableMetric delete(OrganizationId organization, String code) {
        UUID id = repository.lockLive(organization, code).orElseThrow(() -> BillingError.notFound("billable_metric"));
        Instant now = clock.instant();
        repository.markDeleted(organization, id, now);
        repository.deleteCharges(organization, id, now);
        return recorded(organization, "billable_metric.deleted", repository.findById(organization, id).orElseThrow());
    }

    /** Writes the metric's webhook in the change's transaction; answers the metric. */
    private BillableMetric recorded(OrganizationId organization, String webhookType, BillableMetric metric) {
        webhooks.record(organization, webhookType, "billable_metric",
                () -> BillableMetricJson.of(metric, repository.plansCount(organization, metric.id())));
        return metric;
    }

    /** Rules across fields, checked on the metric as it will be after the change. */
    private static void checkShape(BillableMetric current, Changes changes) {
        AggregationType type = changes.sets("aggregation_type")
                ? AggregationType.fromCode((String) changes.get("aggregation_type")).orElseThrow()
                : current.aggregationType();
        String fieldName = changes.sets("field_name") ? (String) changes.get("field_name")
                : current == null ? null : current.fieldName();
        boolean recurring = changes.sets("recurring") ? (Boolean) changes.get("recurring")
                : current != null && current.recurring();
        String weightedInterval = changes.sets("weighted_interval") ? (String) changes.get("weighted_interval")
                : current == null ? null : current.weightedInterval();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (type.needsFieldName() && fieldName == null) {
            errors.computeIfAbsent("field_name", k -> new ArrayList<>()).add("value_is_mandatory");
        }
        if (recurring && !type.canBeRecurring()) {
            errors.computeIfAbsent("recurring", k -> new ArrayList<>()).add("not_compatible_with_aggregation_type");
        }
        if (weightedInterval != null && type != AggregationType.WEIGHTED_SUM_AGG) {
            errors.computeIfAbsent("weighted_interval", k -> new ArrayList<>()).add("not_compatible_with_aggregation_type");
        }
        if (!errors.isEmpty()) {
            throw BillingError.validation(errors);
        }
    }
}

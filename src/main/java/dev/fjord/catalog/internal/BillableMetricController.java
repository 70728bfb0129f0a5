package dev.fjord.catalog.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetricInput;
import dev.fjord.catalog.BillableMetrics;
import dev.fjord.shared.OrganizationId;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/billable_metrics}. */
@RestController
@RequestMapping("/api/v1/billable_metrics")
class BillableMetricController {
    private final BillableMetrics metrics;

    BillableMetricController(BillableMetrics metrics) {
        this.metrics = metrics;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        BillableMetricInput input = BillableMetricInputReader.create(JsonInput.root(body, "billable_metric"));
        return json(organization, metrics.create(organization, input));
    }

    @PutMapping("/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String code,
            @RequestBody(required = false) JsonNode body) {
        return json(organization, metrics.update(organization, code, BillableMetricInputReader.read(JsonInput.root(body, "billable_metric"))));
    }

    @GetMapping("/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return json(organization, metrics.get(organization, code));
    }

    @DeleteMapping("/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("billable_metric", BillableMetricJson.of(metrics.delete(organization, code), 0));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        List<BillableMetricJson> items = metrics.list(organization, page.perPage(), page.offset()).stream()
                .map(m -> BillableMetricJson.of(m, metrics.plansCount(organization, m.id()))).toList();
        return ListResponse.of("billable_metrics", items, page, metrics.count(organization));
    }

    private Map<String, Object> json(OrganizationId organization, BillableMetric metric) {
        return Map.of("billable_metric", BillableMetricJson.of(metric, metrics.plansCount(organization, metric.id())));
    }
}

package dev.fjord.catalog.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
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

/** Lago's {@code /api/v1/plans}. */
@RestController
@RequestMapping("/api/v1/plans")
class PlanController {
    private final Plans plans;

    PlanController(Plans plans) {
        this.plans = plans;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        return json(organization, plans.create(organization, PlanInputReader.read(JsonInput.root(body, "plan"), true)));
    }

    @PutMapping("/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String code,
            @RequestBody(required = false) JsonNode body) {
        return json(organization, plans.update(organization, code, PlanInputReader.read(JsonInput.root(body, "plan"), false)));
    }

    @GetMapping("/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return json(organization, plans.get(organization, code));
    }

    @DeleteMapping("/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return json(organization, plans.delete(organization, code));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        List<PlanJson> items = plans.list(organization, page.perPage(), page.offset()).stream()
                .map(plan -> of(organization, plan)).toList();
        return ListResponse.of("plans", items, page, plans.count(organization));
    }

    private Map<String, Object> json(OrganizationId organization, Plan plan) {
        return Map.of("plan", of(organization, plan));
    }

    private PlanJson of(OrganizationId organization, Plan plan) {
        return PlanJson.of(plans, organization, plan);
    }
}

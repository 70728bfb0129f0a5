package dev.fjord.catalog.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.catalog.AddOnPage;
import dev.fjord.catalog.AddOnPayload;
import dev.fjord.catalog.AddOns;
import dev.fjord.shared.OrganizationId;
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

/** Lago's {@code /api/v1/add_ons} endpoints. */
@RestController
@RequestMapping("/api/v1/add_ons")
class AddOnController {
    private final AddOns addOns;

    AddOnController(AddOns addOns) {
        this.addOns = addOns;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        var input = AddOnPayload.read(body, true);
        return Map.of("add_on", AddOnJson.of(addOns.create(organization, input)));
    }

    @PutMapping("/{code}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String code,
            @RequestBody(required = false) JsonNode body) {
        var input = AddOnPayload.read(body, false);
        return Map.of("add_on", AddOnJson.of(addOns.update(organization, code, input)));
    }

    @GetMapping("/{code}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("add_on", AddOnJson.of(addOns.get(organization, code)));
    }

    @DeleteMapping("/{code}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String code) {
        return Map.of("add_on", AddOnJson.of(addOns.delete(organization, code)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page) {
        AddOnPage result = addOns.list(organization, page.perPage(), page.offset());
        return ListResponse.of("add_ons", result.addOns().stream().map(AddOnJson::of).toList(), page,
                result.totalCount());
    }
}

package dev.fjord.customer.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.customer.CustomerPage;
import dev.fjord.customer.CustomerQuery;
import dev.fjord.customer.CustomerJson;
import dev.fjord.customer.Customers;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Formats;
import dev.fjord.shared.OrganizationId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/customers} endpoints. */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerController {
    /** Bound on list filters such as {@code currencies[]}: more values than there are currencies is a mistake. */
    static final int MAX_FILTER_VALUES = 200;

    private final Customers customers;

    CustomerController(Customers customers) {
        this.customers = customers;
    }

    @PostMapping
    Map<String, Object> upsert(@CurrentOrganization OrganizationId organization,
            @RequestBody(required = false) JsonNode body) {
        var upsert = CustomerInputReader.read(JsonInput.root(body, "customer"));
        return Map.of("customer", CustomerJson.of(customers.upsert(organization, upsert)));
    }

    @GetMapping("/{externalId}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String externalId) {
        return Map.of("customer", CustomerJson.of(customers.get(organization, externalId)));
    }

    @DeleteMapping("/{externalId}")
    Map<String, Object> delete(@CurrentOrganization OrganizationId organization, @PathVariable String externalId) {
        return Map.of("customer", CustomerJson.of(customers.delete(organization, externalId)));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page,
            HttpServletRequest request) {
        CustomerQuery query = new CustomerQuery(
                request.getParameter("search_term"),
                filter(request, "currencies", Formats::isCurrency, false),
                filter(request, "countries", Formats::isCountry, true),
                filter(request, "account_type", CustomerInputReader.ACCOUNT_TYPES::contains, false),
                single(request, "customer_type", CustomerInputReader.CUSTOMER_TYPES::contains));
        CustomerPage result = customers.list(organization, query, page.perPage(), page.offset());
        return ListResponse.of("customers", result.customers().stream().map(CustomerJson::of).toList(), page,
                result.totalCount());
    }

    /** Rails-style array parameter: {@code currencies[]=EUR&currencies[]=USD} (the bare name is accepted too). */
    private static List<String> filter(HttpServletRequest request, String name, Predicate<String> valid,
            boolean upperCase) {
        List<String> values = new ArrayList<>();
        for (String parameter : List.of(name + "[]", name)) {
            String[] sent = request.getParameterValues(parameter);
            if (sent != null) {
                values.addAll(List.of(sent));
            }
        }
        if (values.size() > MAX_FILTER_VALUES) {
            throw BillingError.validation(name, "too_many_items");
        }
        List<String> normalized = values.stream().map(v -> upperCase ? v.toUpperCase(Locale.ROOT) : v).toList();
        if (!normalized.stream().allMatch(valid)) {
            throw BillingError.validation(name, "value_is_invalid");
        }
        return normalized;
    }

    private static String single(HttpServletRequest request, String name, Predicate<String> valid) {
        String value = request.getParameter(name);
        if (value != null && !valid.test(value)) {
            throw BillingError.validation(name, "value_is_invalid");
        }
        return value;
    }
}

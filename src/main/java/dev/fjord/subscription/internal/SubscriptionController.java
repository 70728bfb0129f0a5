package dev.fjord.subscription.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonInput;
import dev.fjord.api.ListResponse;
import dev.fjord.api.PageRequest;
import dev.fjord.catalog.Plans;
import dev.fjord.shared.BillingError;
import dev.fjord.shared.Changes;
import dev.fjord.shared.Limits;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.PlanChange;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionInput;
import dev.fjord.subscription.SubscriptionQuery;
import dev.fjord.subscription.SubscriptionStatus;
import dev.fjord.subscription.Subscriptions;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Lago's {@code /api/v1/subscriptions}. */
@RestController
@RequestMapping("/api/v1/subscriptions")
class SubscriptionController {
    static final List<String> CREDIT_NOTE_OPTIONS = List.of("credit", "refund", "skip", "offset");
    static final List<String> INVOICE_OPTIONS = List.of("generate", "skip");

    private final Subscriptions subscriptions;
    private final Plans plans;
    private final Clock clock;

    SubscriptionController(Subscriptions subscriptions, Plans plans, Clock clock) {
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.clock = clock;
    }

    @PostMapping
    Map<String, Object> create(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        SubscriptionInput input = SubscriptionInputReader.create(JsonInput.root(body, "subscription"));
        return json(organization, subscriptions.create(organization, input));
    }

    @PutMapping("/{externalId}")
    Map<String, Object> update(@CurrentOrganization OrganizationId organization, @PathVariable String externalId,
            @RequestParam(required = false) String status, @RequestBody(required = false) JsonNode body) {
        JsonInput in = JsonInput.root(body, "subscription");
        Changes changes = new Changes();
        in.setIfSent(changes, "name", in.string("name", Limits.MAX_TEXT_LENGTH));
        in.setIfSent(changes, "ending_at", SubscriptionInputReader.timestamp(in, "ending_at"));
        in.setRequiredIfSent(changes, "subscription_at", SubscriptionInputReader.timestamp(in, "subscription_at"));
        in.setIfSent(changes, "on_termination_credit_note", in.oneOf("on_termination_credit_note", CREDIT_NOTE_OPTIONS));
        in.setRequiredIfSent(changes, "on_termination_invoice", in.oneOf("on_termination_invoice", INVOICE_OPTIONS));
        if (in.has("plan_overrides")) {
            // overrides are set when the subscription is created or changes plan; refused rather than ignored
            in.error("plan_overrides", "not_supported_on_update");
        }
        in.validate();
        toTimestamps(changes, "ending_at", "subscription_at");
        return json(organization, subscriptions.update(organization, externalId, liveStatus(status), changes));
    }

    @GetMapping("/{externalId}")
    Map<String, Object> show(@CurrentOrganization OrganizationId organization, @PathVariable String externalId,
            @RequestParam(required = false) String status) {
        SubscriptionStatus wanted = status == null ? SubscriptionStatus.ACTIVE : statusOf(status);
        return json(organization, subscriptions.get(organization, externalId, wanted));
    }

    @DeleteMapping("/{externalId}")
    Map<String, Object> terminate(@CurrentOrganization OrganizationId organization, @PathVariable String externalId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "on_termination_credit_note", required = false) String creditNote) {
        Changes options = new Changes();
        if (creditNote != null) {
            if (!CREDIT_NOTE_OPTIONS.contains(creditNote)) {
                throw BillingError.validation("on_termination_credit_note", "value_is_invalid");
            }
            options.set("on_termination_credit_note", creditNote);
        }
        return json(organization, subscriptions.terminate(organization, externalId, liveStatus(status), options));
    }

    @GetMapping
    Map<String, Object> list(@CurrentOrganization OrganizationId organization, PageRequest page, HttpServletRequest request) {
        List<SubscriptionStatus> statuses = new ArrayList<>();
        for (String parameter : List.of("status[]", "status")) {
            String[] values = request.getParameterValues(parameter);
            for (String value : values == null ? new String[0] : values) {
                statuses.add(statusOf(value));
            }
        }
        SubscriptionQuery query = new SubscriptionQuery(request.getParameter("external_customer_id"),
                request.getParameter("plan_code"), statuses.isEmpty() ? List.of(SubscriptionStatus.ACTIVE) : statuses);
        List<Subscription> found = subscriptions.list(organization, query, page.perPage(), page.offset());
        Map<UUID, PlanChange> changes = subscriptions.planChanges(organization, found);
        List<SubscriptionJson> items = found.stream()
                .map(s -> of(organization, s, changes.getOrDefault(s.id(), PlanChange.NONE))).toList();
        return ListResponse.of("subscriptions", items, page, subscriptions.count(organization, query));
    }

    private Map<String, Object> json(OrganizationId organization, Subscription subscription) {
        PlanChange change = subscriptions.planChanges(organization, List.of(subscription))
                .getOrDefault(subscription.id(), PlanChange.NONE);
        return Map.of("subscription", of(organization, subscription, change));
    }

    private SubscriptionJson of(OrganizationId organization, Subscription s, PlanChange change) {
        return SubscriptionJson.at(s, plans.getById(organization, s.planId()), clock.instant(), change);
    }

    private static void toTimestamps(Changes changes, String... columns) {
        for (String column : columns) {
            if (changes.sets(column) && changes.get(column) instanceof Instant instant) {
                changes.set(column, java.sql.Timestamp.from(instant));
            }
        }
    }

    /** {@code ?status=pending} targets the pending subscription of an external id; default the active one. */
    private static SubscriptionStatus liveStatus(String status) {
        SubscriptionStatus wanted = status == null ? SubscriptionStatus.ACTIVE : statusOf(status);
        if (wanted != SubscriptionStatus.ACTIVE && wanted != SubscriptionStatus.PENDING) {
            throw BillingError.validation("status", "value_is_invalid");
        }
        return wanted;
    }

    private static SubscriptionStatus statusOf(String status) {
        return SubscriptionStatus.fromCode(status).orElseThrow(() -> BillingError.validation("status", "value_is_invalid"));
    }
}

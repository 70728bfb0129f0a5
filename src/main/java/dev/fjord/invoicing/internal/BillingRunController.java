package dev.fjord.invoicing.internal;

import dev.fjord.api.CurrentOrganization;
import dev.fjord.api.JsonFormats;
import dev.fjord.api.JsonInput;
import dev.fjord.invoicing.BillingRuns;
import dev.fjord.shared.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Fjord extension: {@code POST /api/v1/billing_runs {"billing_run": {"at": "..."}}} runs the billing clock for the
 * key's organization at that instant (default now): ended periods are billed, then drafts whose grace period is over
 * are finalized. Safe to repeat: a billed period is never billed again, a draft is finalized once.
 */
@RestController
class BillingRunController {
    private final BillingRuns runs;
    private final Clock clock;

    BillingRunController(BillingRuns runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @PostMapping("/api/v1/billing_runs")
    Map<String, Object> run(@CurrentOrganization OrganizationId organization, @RequestBody(required = false) JsonNode body) {
        JsonInput in = JsonInput.root(body, "billing_run");
        Instant at = in.timestamp("at", "invalid_date");
        in.validate();
        Instant instant = at != null ? at : clock.instant();
        List<UUID> issued = runs.run(organization, instant);
        List<UUID> finalized = runs.finalizeEndedGracePeriods(organization, instant);
        List<UUID> overdue = runs.reportOverdue(organization, instant);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("at", JsonFormats.timestamp(instant));
        run.put("invoices_count", issued.size());
        run.put("lago_invoice_ids", issued.stream().map(UUID::toString).toList());
        run.put("finalized_invoices_count", finalized.size());
        run.put("lago_finalized_invoice_ids", finalized.stream().map(UUID::toString).toList());
        run.put("overdue_invoices_count", overdue.size());
        return Map.of("billing_run", run);
    }
}

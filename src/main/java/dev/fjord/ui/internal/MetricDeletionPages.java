package dev.fjord.ui.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.BillableMetrics;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Deleting a billable metric after its confirmation page, through the facade behind {@code DELETE /billable_metrics}. */
@Controller
class MetricDeletionPages {
    private final BillableMetrics metrics;

    MetricDeletionPages(BillableMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/metrics/{code}/delete")
    String confirmDeletion(@AuthenticationPrincipal WebUser user, @PathVariable String code, Model model) {
        BillableMetric metric = metrics.get(user.organization(), code);
        long plans = metrics.plansCount(user.organization(), metric.id());
        return new Confirmation("Delete the billable metric " + metric.name() + "?", List.of(
                plans == 0 ? "No plan prices it." : "Its charges are removed from the " + plans
                        + (plans == 1 ? " plan that prices it" : " plans that price it")
                        + ": their next invoices no longer bill this usage.",
                "Events with the code " + metric.code() + " are no longer counted. Invoices already issued keep their"
                        + " fees. This cannot be undone."),
                "/metrics/" + Paths.segment(code) + "/delete", "Yes, delete the metric", "/metrics").show(model);
    }

    @PostMapping("/metrics/{code}/delete")
    String delete(@AuthenticationPrincipal WebUser user, @PathVariable String code, RedirectAttributes redirect) {
        metrics.delete(user.organization(), code);
        redirect.addFlashAttribute("notice", "Billable metric " + code + " deleted.");
        return "redirect:/metrics";
    }
}

package dev.fjord.ui.internal;

import dev.fjord.metering.EventQuery;
import dev.fjord.metering.Events;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The live event log: the latest events received, refreshed by htmx every few seconds; optionally only those that counted nowhere. */
@Controller
class EventPages {
    static final int LATEST = 50;

    private final Events events;

    EventPages(Events events) {
        this.events = events;
    }

    @GetMapping("/events")
    String log(@AuthenticationPrincipal WebUser user, @RequestParam(required = false) String errors, Model model) {
        boolean onlyErrors = errors != null;
        model.addAttribute("events", events.list(user.organization(),
                new EventQuery(null, null, null, null, onlyErrors), LATEST, 0));
        model.addAttribute("onlyErrors", onlyErrors);
        return "events/log";
    }
}

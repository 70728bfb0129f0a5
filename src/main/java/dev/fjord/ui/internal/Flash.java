package dev.fjord.ui.internal;

import dev.fjord.shared.BillingError;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The message the next page shows after a one-button action (a flash attribute, shown once). */
final class Flash {
    private Flash() {}

    /** Runs the action: its notice when it worked, else the business rule that refused it, in plain words. */
    static void outcome(RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (BillingError refused) {
            redirect.addFlashAttribute("alert", ErrorMessages.sentence(refused));
        }
    }
}

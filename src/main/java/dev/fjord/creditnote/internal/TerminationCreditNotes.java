package dev.fjord.creditnote.internal;

import dev.fjord.invoicing.UnusedPlanFees;
import dev.fjord.subscription.Subscription;
import dev.fjord.subscription.SubscriptionTerminated;
import dev.fjord.subscription.Subscriptions;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A subscription on a plan paid in advance that ends before its period does (terminated, or upgraded) gets a credit
 * note for the unused days of the fee it paid (Lago's {@code CreateFromTermination}), unless its
 * {@code on_termination_credit_note} is {@code skip}. Issued in the terminating transaction, before the termination
 * invoice, so that invoice (and the upgraded plan's) can consume the credit.
 */
@Component
class TerminationCreditNotes {
    private final Subscriptions subscriptions;
    private final UnusedPlanFees unusedPlanFees;
    private final IssueCreditNote issue;

    TerminationCreditNotes(Subscriptions subscriptions, UnusedPlanFees unusedPlanFees, IssueCreditNote issue) {
        this.subscriptions = subscriptions;
        this.unusedPlanFees = unusedPlanFees;
        this.issue = issue;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(SubscriptionTerminated terminated) {
        Subscription subscription = subscriptions.findById(terminated.organization(), terminated.subscriptionId())
                .orElseThrow();
        if ("skip".equals(subscription.onTerminationCreditNote())) {
            return;
        }
        unusedPlanFees.atTermination(terminated.organization(), subscription, terminated.terminatedAt(),
                        terminated.upgrade())
                .ifPresent(unused -> issue.createForUnusedPlanFee(terminated.organization(), unused,
                        subscription.onTerminationCreditNote()));
    }
}

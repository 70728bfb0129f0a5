package dev.fjord.webhook;

import java.util.List;

/** Lago's webhook types (spec §5.12), the values an endpoint's {@code event_types} filter may name. */
public final class WebhookTypes {
    private WebhookTypes() {}

    public static final List<String> ALL = List.of(
            "alert.triggered",
            "billable_metric.created", "billable_metric.updated", "billable_metric.deleted",
            "credit_note.created", "credit_note.generated", "credit_note.provider_refund_failure",
            "customer.created", "customer.updated", "customer.accounting_provider_created",
            "customer.accounting_provider_error", "customer.crm_provider_created", "customer.crm_provider_error",
            "customer.payment_provider_created", "customer.payment_provider_error", "customer.checkout_url_generated",
            "customer.tax_provider_error", "customer.vies_check",
            "dunning_campaign.finished", "event.error", "events.errors",
            "feature.created", "feature.updated", "feature.deleted",
            "fee.created", "fee.tax_provider_error", "integration.provider_error",
            "invoice.created", "invoice.one_off_created", "invoice.paid_credit_added", "invoice.generated",
            "invoice.drafted", "invoice.ready_to_finalize", "invoice.voided", "invoice.deleted",
            "invoice.payment_dispute_lost", "invoice.payment_status_updated", "invoice.payment_overdue",
            "invoice.payment_failure", "invoice.resynced", "invoice.add_on_added",
            "order.created", "order.executed",
            "order_form.created", "order_form.signed", "order_form.expired", "order_form.voided",
            "payment.requires_action", "payment.succeeded", "payment_provider.error",
            "payment_receipt.created", "payment_receipt.generated",
            "payment_request.created", "payment_request.payment_failure", "payment_request.payment_status_updated",
            "plan.created", "plan.updated", "plan.deleted",
            "quote.created", "quote.approved", "quote.voided",
            "subscription.canceled", "subscription.incomplete", "subscription.terminated", "subscription.started",
            "subscription.termination_alert", "subscription.trial_ended", "subscription.updated",
            "subscription.usage_threshold_reached",
            "wallet.created", "wallet.updated", "wallet.terminated", "wallet.depleted_ongoing_balance",
            "wallet_transaction.created", "wallet_transaction.updated", "wallet_transaction.payment_failure");
}

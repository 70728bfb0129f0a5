package dev.fjord.invoicing;

import dev.fjord.invoicing.internal.PlanFeesPaidInAdvance;
import dev.fjord.shared.OrganizationId;
import dev.fjord.subscription.Subscription;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * What a termination leaves unused of a plan fee paid in advance, for the credit note Lago issues for it
 * ({@code on_termination_credit_note}). The proration is billing's own ({@code SubscriptionFees}), so the days given
 * back are priced exactly as the days billed.
 */
@Service
public class UnusedPlanFees {
    private final PlanFeesPaidInAdvance fees;

    UnusedPlanFees(PlanFeesPaidInAdvance fees) {
        this.fees = fees;
    }

    /** Empty for a plan in arrears, a period with no fee paid on a finalized invoice, or nothing left unused. */
    public Optional<UnusedPlanFee> atTermination(OrganizationId organization, Subscription subscription,
            Instant terminatedAt, boolean upgrade) {
        return fees.unusedAt(organization, subscription, terminatedAt, upgrade);
    }
}

package dev.fjord.catalog;

import dev.fjord.shared.OrganizationId;
import java.util.UUID;

/** Published inside the deleting transaction: subscriptions on the plan are terminated with it, as in Lago. */
public record PlanDeleted(OrganizationId organization, UUID planId) {}

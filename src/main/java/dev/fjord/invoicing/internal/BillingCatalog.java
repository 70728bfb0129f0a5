package dev.fjord.invoicing.internal;

import dev.fjord.catalog.BillableMetric;
import dev.fjord.catalog.Plan;
import dev.fjord.catalog.Plans;
import dev.fjord.catalog.Tax;
import dev.fjord.catalog.Taxes;
import dev.fjord.organization.Organization;
import dev.fjord.organization.Organizations;
import dev.fjord.shared.OrganizationId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one billing run reads again and again, read once: the organization, each plan with its metrics, and the tax
 * rates of plans, charges and the organization. Only the customer's own taxes are read per customer. A run's view of
 * the catalog is the one at its start, like an invoice's.
 */
public final class BillingCatalog {
    private final OrganizationId organization;
    private final Plans plans;
    private final Taxes taxes;
    private final Organization owner;
    private final List<Tax> organizationTaxes;
    private final Map<UUID, Plan> planById = new ConcurrentHashMap<>();
    private final Map<UUID, Map<UUID, BillableMetric>> metricsByPlan = new ConcurrentHashMap<>();
    private final Map<UUID, List<Tax>> planTaxes = new ConcurrentHashMap<>();
    private final Map<UUID, List<Tax>> chargeTaxes = new ConcurrentHashMap<>();

    BillingCatalog(OrganizationId organization, Plans plans, Taxes taxes, Organizations organizations) {
        this.organization = organization;
        this.plans = plans;
        this.taxes = taxes;
        this.owner = organizations.get(organization);
        this.organizationTaxes = taxes.appliedToOrganization(organization);
    }

    OrganizationId organization() {
        return organization;
    }

    Organization owner() {
        return owner;
    }

    public Plan plan(UUID planId) {
        return planById.computeIfAbsent(planId, id -> {
            Plan plan = plans.getById(organization, id);
            planTaxes.put(id, taxes.ofPlans(organization, List.of(id)).getOrDefault(id, List.of()));
            Map<UUID, List<Tax>> byCharge = taxes.ofCharges(organization, plan.charges().stream().map(c -> c.id()).toList());
            plan.charges().forEach(c -> chargeTaxes.put(c.id(), byCharge.getOrDefault(c.id(), List.of())));
            metricsByPlan.put(id, plans.metricsOf(organization, plan));
            return plan;
        });
    }

    Map<UUID, BillableMetric> metrics(Plan plan) {
        plan(plan.id());
        return metricsByPlan.get(plan.id());
    }

    /** The customer's own taxes, read once per invoice. */
    List<Tax> customerTaxes(UUID customerId) {
        return taxes.ofCustomerForPricing(organization, customerId);
    }

    /** Lago's precedence for a fee: the charge's taxes, else the plan's, else the customer's, else the organization's. */
    List<Tax> taxes(UUID planId, UUID chargeId, List<Tax> customerTaxes) {
        for (List<Tax> level : List.of(chargeId == null ? List.<Tax>of() : chargeTaxes.getOrDefault(chargeId, List.of()),
                planTaxes.getOrDefault(planId, List.of()), customerTaxes, organizationTaxes)) {
            if (!level.isEmpty()) {
                return level;
            }
        }
        return List.of();
    }

    /** The sum of the rates of {@link #taxes}: what the fee is taxed at. */
    static BigDecimal rate(List<Tax> taxes) {
        return taxes.stream().map(Tax::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

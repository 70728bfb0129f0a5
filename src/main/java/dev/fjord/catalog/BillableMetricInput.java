package dev.fjord.catalog;

import dev.fjord.shared.Changes;
import java.util.List;

/** A create or update of a billable metric: the columns sent, and the full filter list when sent (else null). */
public record BillableMetricInput(String code, Changes changes, List<BillableMetric.Filter> filters) {}

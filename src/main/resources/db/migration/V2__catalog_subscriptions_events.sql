-- Billable metrics, plans and charges, subscriptions, raw events and the incremental usage aggregates.

CREATE TABLE billable_metrics (
    id                 uuid PRIMARY KEY,
    organization_id    uuid        NOT NULL REFERENCES organizations (id),
    name               text        NOT NULL,
    code               text        NOT NULL,
    description        text,
    aggregation_type   text        NOT NULL CHECK (aggregation_type IN
        ('count_agg', 'sum_agg', 'max_agg', 'unique_count_agg', 'latest_agg', 'weighted_sum_agg')),
    field_name         text,
    weighted_interval  text CHECK (weighted_interval IN ('seconds')),
    recurring          boolean     NOT NULL DEFAULT false,
    rounding_function  text CHECK (rounding_function IN ('round', 'ceil', 'floor')),
    rounding_precision integer,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    deleted_at         timestamptz
);
CREATE UNIQUE INDEX billable_metrics_code ON billable_metrics (organization_id, code) WHERE deleted_at IS NULL;

-- Filter keys of a metric and the values events may carry for them.
CREATE TABLE billable_metric_filters (
    id                 uuid PRIMARY KEY,
    organization_id    uuid   NOT NULL REFERENCES organizations (id),
    billable_metric_id uuid   NOT NULL REFERENCES billable_metrics (id),
    key                text   NOT NULL,
    values             text[] NOT NULL,
    position           integer NOT NULL,
    UNIQUE (billable_metric_id, key)
);

CREATE TABLE plans (
    id                                       uuid PRIMARY KEY,
    organization_id                          uuid        NOT NULL REFERENCES organizations (id),
    name                                     text        NOT NULL,
    invoice_display_name                     text,
    code                                     text        NOT NULL,
    interval                                 text        NOT NULL
        CHECK (interval IN ('weekly', 'monthly', 'quarterly', 'semiannual', 'yearly')),
    description                              text,
    amount_cents                             bigint      NOT NULL CHECK (amount_cents >= 0),
    amount_currency                          text        NOT NULL,
    trial_period                             numeric     NOT NULL DEFAULT 0 CHECK (trial_period >= 0),
    pay_in_advance                           boolean     NOT NULL DEFAULT false,
    bill_charges_monthly                     boolean     NOT NULL DEFAULT false,
    minimum_commitment_amount_cents          bigint CHECK (minimum_commitment_amount_cents >= 0),
    minimum_commitment_invoice_display_name  text,
    created_at                               timestamptz NOT NULL,
    updated_at                               timestamptz NOT NULL,
    deleted_at                               timestamptz
);
CREATE UNIQUE INDEX plans_code ON plans (organization_id, code) WHERE deleted_at IS NULL;

CREATE TABLE charges (
    id                   uuid PRIMARY KEY,
    organization_id      uuid        NOT NULL REFERENCES organizations (id),
    plan_id              uuid        NOT NULL REFERENCES plans (id),
    billable_metric_id   uuid        NOT NULL REFERENCES billable_metrics (id),
    code                 text,
    invoice_display_name text,
    charge_model         text        NOT NULL CHECK (charge_model IN
        ('standard', 'graduated', 'graduated_percentage', 'package', 'percentage', 'volume', 'dynamic')),
    pay_in_advance       boolean     NOT NULL DEFAULT false,
    invoiceable          boolean     NOT NULL DEFAULT true,
    prorated             boolean     NOT NULL DEFAULT false,
    min_amount_cents     bigint      NOT NULL DEFAULT 0 CHECK (min_amount_cents >= 0),
    regroup_paid_fees    text CHECK (regroup_paid_fees IN ('invoice')),
    properties           jsonb       NOT NULL,
    position             integer     NOT NULL,
    created_at           timestamptz NOT NULL,
    deleted_at           timestamptz
);
CREATE INDEX charges_plan ON charges (plan_id) WHERE deleted_at IS NULL;
CREATE INDEX charges_metric ON charges (billable_metric_id) WHERE deleted_at IS NULL;

-- A charge's price for events whose properties match `values` ({"region": ["eu", "us"]}).
CREATE TABLE charge_filters (
    id                   uuid PRIMARY KEY,
    organization_id      uuid        NOT NULL REFERENCES organizations (id),
    charge_id            uuid        NOT NULL REFERENCES charges (id),
    invoice_display_name text,
    properties           jsonb       NOT NULL,
    values               jsonb       NOT NULL,
    position             integer     NOT NULL,
    created_at           timestamptz NOT NULL,
    deleted_at           timestamptz
);

CREATE TABLE subscriptions (
    id                          uuid PRIMARY KEY,
    organization_id             uuid        NOT NULL REFERENCES organizations (id),
    customer_id                 uuid        NOT NULL REFERENCES customers (id),
    plan_id                     uuid        NOT NULL REFERENCES plans (id),
    external_id                 text        NOT NULL,
    name                        text,
    status                      text        NOT NULL CHECK (status IN ('pending', 'active', 'terminated', 'canceled')),
    billing_time                text        NOT NULL CHECK (billing_time IN ('calendar', 'anniversary')),
    subscription_at             timestamptz NOT NULL,
    started_at                  timestamptz,
    ending_at                   timestamptz,
    terminated_at               timestamptz,
    canceled_at                 timestamptz,
    on_termination_credit_note  text CHECK (on_termination_credit_note IN ('credit', 'refund', 'skip', 'offset')),
    on_termination_invoice      text        NOT NULL DEFAULT 'generate'
        CHECK (on_termination_invoice IN ('generate', 'skip')),
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);
-- One live subscription per external id; terminated ones keep theirs for history.
CREATE UNIQUE INDEX subscriptions_live_external_id ON subscriptions (organization_id, external_id)
    WHERE status IN ('pending', 'active');
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);
-- status settlement (pending → active, due → terminated) runs on every read; it must not scan.
CREATE INDEX subscriptions_pending_start ON subscriptions (organization_id, subscription_at) WHERE status = 'pending';
CREATE INDEX subscriptions_active_end ON subscriptions (organization_id, ending_at)
    WHERE status = 'active' AND ending_at IS NOT NULL;

-- Raw events, kept for audit and to rebuild aggregates. The unique key is Lago's idempotency rule.
CREATE TABLE events (
    id                         uuid PRIMARY KEY,
    organization_id            uuid        NOT NULL REFERENCES organizations (id),
    transaction_id             text        NOT NULL,
    external_subscription_id   text        NOT NULL,
    code                       text        NOT NULL,
    timestamp                  timestamptz NOT NULL,
    properties                 jsonb       NOT NULL,
    precise_total_amount_cents numeric,
    subscription_id            uuid REFERENCES subscriptions (id),
    customer_id                uuid REFERENCES customers (id),
    -- why the event counted nowhere: unknown_subscription, invalid_code, missing_aggregation_property...
    error_code                 text,
    created_at                 timestamptz NOT NULL,
    UNIQUE (organization_id, external_subscription_id, transaction_id)
);
CREATE INDEX events_listing ON events (organization_id, timestamp DESC, id DESC);
CREATE INDEX events_subscription_time ON events (subscription_id, timestamp);

-- Running values per (subscription, charge, filter, group, charge period), updated in the ingesting transaction.
CREATE TABLE usage_aggregates (
    id                         uuid PRIMARY KEY,
    organization_id            uuid        NOT NULL REFERENCES organizations (id),
    subscription_id            uuid        NOT NULL REFERENCES subscriptions (id),
    charge_id                  uuid        NOT NULL REFERENCES charges (id),
    charge_filter_id           uuid REFERENCES charge_filters (id),
    grouped_by                 jsonb       NOT NULL DEFAULT '{}',
    period_start               timestamptz NOT NULL,
    period_end                 timestamptz NOT NULL,
    units                      numeric     NOT NULL DEFAULT 0,
    -- weighted_sum_agg: Σ delta × (period end − event time); divided by the period length on read
    weighted_units             numeric     NOT NULL DEFAULT 0,
    events_count               bigint      NOT NULL DEFAULT 0,
    latest_at                  timestamptz,
    precise_total_amount_cents numeric     NOT NULL DEFAULT 0,
    UNIQUE NULLS NOT DISTINCT (subscription_id, charge_id, charge_filter_id, grouped_by, period_start)
);

-- Distinct values behind unique_count_agg aggregates (a 'remove' operation deletes its value).
CREATE TABLE usage_unique_values (
    aggregate_id uuid    NOT NULL REFERENCES usage_aggregates (id),
    value        text    NOT NULL,
    PRIMARY KEY (aggregate_id, value)
);

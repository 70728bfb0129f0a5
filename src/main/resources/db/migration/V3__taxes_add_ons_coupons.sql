-- Taxes and add-ons (module catalog), coupons and applied coupons (module coupon).
-- Every row carries organization_id; codes are unique per organization among live (not deleted) rows, so a deleted
-- code can be used again, as in Lago. CHECK constraints mirror the API validation.

CREATE TABLE taxes (
    id                      uuid PRIMARY KEY,
    organization_id         uuid         NOT NULL REFERENCES organizations (id),
    name                    text         NOT NULL,
    code                    text         NOT NULL,
    -- a percentage, 0 to 100, at most 5 decimals
    rate                    numeric(8, 5) NOT NULL CHECK (rate >= 0 AND rate <= 100),
    description             text,
    -- Fjord has one billing entity: applied to the organization = applied to it
    applied_to_organization boolean      NOT NULL DEFAULT false,
    created_at              timestamptz  NOT NULL,
    updated_at              timestamptz  NOT NULL,
    deleted_at              timestamptz
);
CREATE UNIQUE INDEX taxes_code ON taxes (organization_id, code) WHERE deleted_at IS NULL;
CREATE INDEX taxes_listing ON taxes (organization_id, name) WHERE deleted_at IS NULL;

-- The taxes a customer pays instead of the organization's (Lago's customers_taxes). Owned by catalog.
CREATE TABLE customers_taxes (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    customer_id     uuid        NOT NULL REFERENCES customers (id),
    tax_id          uuid        NOT NULL REFERENCES taxes (id),
    created_at      timestamptz NOT NULL,
    UNIQUE (customer_id, tax_id)
);
CREATE INDEX customers_taxes_tax ON customers_taxes (tax_id);

CREATE TABLE add_ons (
    id                   uuid PRIMARY KEY,
    organization_id      uuid        NOT NULL REFERENCES organizations (id),
    name                 text        NOT NULL,
    invoice_display_name text,
    code                 text        NOT NULL,
    amount_cents         bigint      NOT NULL CHECK (amount_cents > 0),
    amount_currency      text        NOT NULL CHECK (amount_currency ~ '^[A-Z]{3}$'),
    description          text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    deleted_at           timestamptz
);
CREATE UNIQUE INDEX add_ons_code ON add_ons (organization_id, code) WHERE deleted_at IS NULL;
CREATE INDEX add_ons_listing ON add_ons (organization_id, created_at DESC, id) WHERE deleted_at IS NULL;

CREATE TABLE add_ons_taxes (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    add_on_id       uuid        NOT NULL REFERENCES add_ons (id),
    tax_id          uuid        NOT NULL REFERENCES taxes (id),
    created_at      timestamptz NOT NULL,
    UNIQUE (add_on_id, tax_id)
);
CREATE INDEX add_ons_taxes_tax ON add_ons_taxes (tax_id);

CREATE TABLE coupons (
    id                       uuid PRIMARY KEY,
    organization_id          uuid         NOT NULL REFERENCES organizations (id),
    name                     text         NOT NULL,
    code                     text         NOT NULL,
    description              text,
    coupon_type              text         NOT NULL CHECK (coupon_type IN ('fixed_amount', 'percentage')),
    amount_cents             bigint CHECK (amount_cents > 0),
    amount_currency          text CHECK (amount_currency ~ '^[A-Z]{3}$'),
    percentage_rate          numeric(8, 5) CHECK (percentage_rate > 0 AND percentage_rate <= 100),
    frequency                text         NOT NULL CHECK (frequency IN ('once', 'recurring', 'forever')),
    frequency_duration       integer CHECK (frequency_duration > 0),
    reusable                 boolean      NOT NULL DEFAULT true,
    -- plans and billable metrics do not exist yet: a coupon cannot be limited to any
    limited_plans            boolean      NOT NULL DEFAULT false,
    limited_billable_metrics boolean      NOT NULL DEFAULT false,
    expiration               text         NOT NULL CHECK (expiration IN ('no_expiration', 'time_limit')),
    expiration_at            timestamptz,
    -- set when the coupon is terminated; a time-limited coupon also counts as terminated from its expiration_at
    terminated_at            timestamptz,
    created_at               timestamptz  NOT NULL,
    updated_at               timestamptz  NOT NULL,
    deleted_at               timestamptz,
    CHECK (coupon_type <> 'fixed_amount' OR (amount_cents IS NOT NULL AND amount_currency IS NOT NULL)),
    CHECK (coupon_type <> 'percentage' OR percentage_rate IS NOT NULL),
    CHECK (frequency <> 'recurring' OR frequency_duration IS NOT NULL),
    CHECK (expiration <> 'time_limit' OR expiration_at IS NOT NULL)
);
CREATE UNIQUE INDEX coupons_code ON coupons (organization_id, code) WHERE deleted_at IS NULL;

CREATE TABLE applied_coupons (
    id                           uuid PRIMARY KEY,
    organization_id              uuid         NOT NULL REFERENCES organizations (id),
    coupon_id                    uuid         NOT NULL REFERENCES coupons (id),
    customer_id                  uuid         NOT NULL REFERENCES customers (id),
    status                       text         NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated')),
    amount_cents                 bigint CHECK (amount_cents >= 0),
    amount_currency              text CHECK (amount_currency ~ '^[A-Z]{3}$'),
    percentage_rate              numeric(8, 5) CHECK (percentage_rate > 0 AND percentage_rate <= 100),
    frequency                    text         NOT NULL CHECK (frequency IN ('once', 'recurring', 'forever')),
    frequency_duration           integer CHECK (frequency_duration > 0),
    frequency_duration_remaining integer CHECK (frequency_duration_remaining >= 0),
    terminated_at                timestamptz,
    created_at                   timestamptz  NOT NULL,
    updated_at                   timestamptz  NOT NULL,
    CHECK (frequency <> 'recurring' OR (frequency_duration IS NOT NULL AND frequency_duration_remaining IS NOT NULL)),
    CHECK ((status = 'terminated') = (terminated_at IS NOT NULL))
);
CREATE INDEX applied_coupons_customer ON applied_coupons (organization_id, customer_id);
CREATE INDEX applied_coupons_coupon ON applied_coupons (coupon_id);
CREATE INDEX applied_coupons_listing ON applied_coupons (organization_id, created_at DESC, id);

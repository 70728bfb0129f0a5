-- Taxes applied to a plan's fees, and to one charge's fees (a charge's own taxes win over its plan's).
CREATE TABLE plans_taxes (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    plan_id         uuid        NOT NULL REFERENCES plans (id),
    tax_id          uuid        NOT NULL REFERENCES taxes (id),
    created_at      timestamptz NOT NULL,
    UNIQUE (plan_id, tax_id)
);
CREATE INDEX plans_taxes_tax ON plans_taxes (tax_id);

CREATE TABLE charges_taxes (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    charge_id       uuid        NOT NULL REFERENCES charges (id),
    tax_id          uuid        NOT NULL REFERENCES taxes (id),
    created_at      timestamptz NOT NULL,
    UNIQUE (charge_id, tax_id)
);
CREATE INDEX charges_taxes_tax ON charges_taxes (tax_id);

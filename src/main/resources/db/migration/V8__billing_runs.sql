-- Which subscription periods have been invoiced: the unique key makes billing exactly-once, whatever reruns,
-- crashes or concurrent instances do.
CREATE TABLE invoice_subscriptions (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    subscription_id uuid        NOT NULL REFERENCES subscriptions (id),
    invoice_id      uuid        NOT NULL REFERENCES invoices (id),
    -- periodic (a period ended) or termination (the subscription ended inside a period)
    reason          text        NOT NULL CHECK (reason IN ('periodic', 'termination')),
    from_datetime   timestamptz NOT NULL,
    to_datetime     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    UNIQUE (subscription_id, from_datetime)
);
CREATE INDEX invoice_subscriptions_invoice ON invoice_subscriptions (invoice_id);

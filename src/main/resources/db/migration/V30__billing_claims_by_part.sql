-- A period is billed in parts that may land on different invoices: its usage (and a plan fee in arrears) when it
-- ends, and a plan fee paid in advance when it starts. Each part is claimed once per subscription and period start.
ALTER TABLE invoice_subscriptions DROP CONSTRAINT invoice_subscriptions_subscription_id_from_datetime_key;
ALTER TABLE invoice_subscriptions DROP CONSTRAINT invoice_subscriptions_reason_check;
ALTER TABLE invoice_subscriptions ADD CONSTRAINT invoice_subscriptions_reason_check
    CHECK (reason IN ('periodic', 'termination', 'starting'));
-- arrears: the period's usage and plan fee in arrears; advance_fee: the plan fee of the period, paid at its start
ALTER TABLE invoice_subscriptions ADD COLUMN billed text NOT NULL DEFAULT 'arrears'
    CHECK (billed IN ('arrears', 'advance_fee'));
ALTER TABLE invoice_subscriptions ADD CONSTRAINT invoice_subscriptions_claim_key
    UNIQUE (subscription_id, from_datetime, billed);

-- Automatic top-ups (Lago's recurring transaction rules, spec §3): at most one active rule per wallet.
CREATE TABLE recurring_transaction_rules (
    id                                  uuid PRIMARY KEY,
    organization_id                     uuid           NOT NULL REFERENCES organizations (id),
    wallet_id                           uuid           NOT NULL REFERENCES wallets (id),
    status                              text           NOT NULL CHECK (status IN ('active', 'terminated')),
    trigger                             text           NOT NULL CHECK (trigger IN ('interval', 'threshold')),
    method                              text           NOT NULL CHECK (method IN ('fixed', 'target')),
    interval                            text CHECK (interval IN ('weekly', 'monthly', 'quarterly', 'semiannual', 'yearly')),
    paid_credits                        numeric(30, 5) NOT NULL DEFAULT 0 CHECK (paid_credits >= 0),
    granted_credits                     numeric(30, 5) NOT NULL DEFAULT 0 CHECK (granted_credits >= 0),
    threshold_credits                   numeric(30, 5) NOT NULL DEFAULT 0 CHECK (threshold_credits >= 0),
    target_ongoing_balance              numeric(30, 5) CHECK (target_ongoing_balance >= 0),
    grants_target_top_up                boolean,
    started_at                          timestamptz,
    expiration_at                       timestamptz,
    invoice_requires_successful_payment boolean        NOT NULL DEFAULT false,
    transaction_metadata                jsonb          NOT NULL DEFAULT '[]',
    transaction_name                    text,
    purchase_order_number               text,
    ignore_paid_top_up_limits           boolean        NOT NULL DEFAULT false,
    -- interval rules: the next instant the scheduler tops up (start of a matching day in the customer's timezone)
    next_run_at                         timestamptz,
    created_at                          timestamptz    NOT NULL,
    updated_at                          timestamptz    NOT NULL,
    terminated_at                       timestamptz,
    CHECK (trigger = 'threshold' OR interval IS NOT NULL),
    CHECK (method = 'fixed' OR target_ongoing_balance IS NOT NULL)
);
CREATE UNIQUE INDEX recurring_transaction_rules_one_active ON recurring_transaction_rules (wallet_id) WHERE status = 'active';
CREATE INDEX recurring_transaction_rules_due ON recurring_transaction_rules (next_run_at)
    WHERE status = 'active' AND trigger = 'interval';
CREATE INDEX recurring_transaction_rules_expiring ON recurring_transaction_rules (expiration_at)
    WHERE status = 'active' AND expiration_at IS NOT NULL;

-- One interval top-up per rule and local day: a second scheduler (or a re-run) finds the day taken.
CREATE TABLE recurring_transaction_rule_runs (
    rule_id         uuid        NOT NULL REFERENCES recurring_transaction_rules (id),
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    run_date        date        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (rule_id, run_date)
);

-- At most one threshold top-up waiting for payment per wallet: a burst of events can never queue a series of them.
CREATE UNIQUE INDEX wallet_transactions_one_pending_threshold ON wallet_transactions (wallet_id)
    WHERE source = 'threshold' AND status = 'pending';
CREATE INDEX wallet_transactions_pending ON wallet_transactions (wallet_id) WHERE status = 'pending';

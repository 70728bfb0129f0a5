-- wallet.depleted_ongoing_balance fires once per depletion: set when the ongoing balance reaches 0 or below, cleared
-- (re-armed) when it is positive again.
ALTER TABLE wallets ADD COLUMN depleted_ongoing_balance boolean NOT NULL DEFAULT false;

-- Wallet alerts (spec §5.13): thresholds on a wallet's balance or ongoing balance, in cents or credits.
CREATE TABLE wallet_alerts (
    id               uuid PRIMARY KEY,
    organization_id  uuid           NOT NULL REFERENCES organizations (id),
    wallet_id        uuid           NOT NULL REFERENCES wallets (id),
    code             text           NOT NULL,
    name             text,
    alert_type       text           NOT NULL CHECK (alert_type IN ('wallet_balance_amount', 'wallet_credits_balance',
                                        'wallet_ongoing_balance_amount', 'wallet_credits_ongoing_balance')),
    direction        text           NOT NULL CHECK (direction IN ('increasing', 'decreasing')),
    -- [{"code", "value", "recurring"}], values as decimal strings
    thresholds       jsonb          NOT NULL,
    -- the value seen at the last check: thresholds crossed between it and the next value trigger the alert
    previous_value   numeric(30, 5) NOT NULL DEFAULT 0,
    last_processed_at timestamptz,
    created_at       timestamptz    NOT NULL,
    updated_at       timestamptz    NOT NULL,
    UNIQUE (wallet_id, code)
);

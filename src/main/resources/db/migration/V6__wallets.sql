-- Prepaid credit wallets and their append-only ledger.

CREATE TABLE wallets (
    id                                  uuid PRIMARY KEY,
    organization_id                     uuid          NOT NULL REFERENCES organizations (id),
    customer_id                         uuid          NOT NULL REFERENCES customers (id),
    status                              text          NOT NULL CHECK (status IN ('active', 'terminated')),
    currency                            text          NOT NULL,
    name                                text,
    code                                text          NOT NULL,
    rate_amount                         numeric(30, 5) NOT NULL CHECK (rate_amount > 0),
    -- the balance cache: always equal to the ledger's sums (see WalletReconciliation)
    credits_balance                     numeric(30, 5) NOT NULL DEFAULT 0 CHECK (credits_balance >= 0),
    balance_cents                       bigint        NOT NULL DEFAULT 0 CHECK (balance_cents >= 0),
    consumed_credits                    numeric(30, 5) NOT NULL DEFAULT 0 CHECK (consumed_credits >= 0),
    consumed_amount_cents               bigint        NOT NULL DEFAULT 0 CHECK (consumed_amount_cents >= 0),
    priority                            integer       NOT NULL DEFAULT 50 CHECK (priority BETWEEN 1 AND 50),
    expiration_at                       timestamptz,
    terminated_at                       timestamptz,
    last_balance_sync_at                timestamptz,
    last_consumed_credit_at             timestamptz,
    invoice_requires_successful_payment boolean       NOT NULL DEFAULT false,
    paid_top_up_min_amount_cents        bigint CHECK (paid_top_up_min_amount_cents > 0),
    paid_top_up_max_amount_cents        bigint CHECK (paid_top_up_max_amount_cents > 0),
    purchase_order_number               text,
    applies_to_fee_types                text[]        NOT NULL DEFAULT '{}',
    metadata                            jsonb,
    created_at                          timestamptz   NOT NULL,
    updated_at                          timestamptz   NOT NULL,
    CHECK (paid_top_up_max_amount_cents IS NULL OR paid_top_up_min_amount_cents IS NULL
           OR paid_top_up_max_amount_cents >= paid_top_up_min_amount_cents)
);
CREATE UNIQUE INDEX wallets_active_code ON wallets (customer_id, code) WHERE status = 'active';
CREATE INDEX wallets_customer ON wallets (organization_id, customer_id);
CREATE INDEX wallets_expiring ON wallets (expiration_at) WHERE status = 'active' AND expiration_at IS NOT NULL;

-- applies_to.billable_metric_codes: the metrics a wallet may pay for (none = all).
CREATE TABLE wallet_billable_metrics (
    wallet_id          uuid NOT NULL REFERENCES wallets (id),
    billable_metric_id uuid NOT NULL REFERENCES billable_metrics (id),
    organization_id    uuid NOT NULL REFERENCES organizations (id),
    PRIMARY KEY (wallet_id, billable_metric_id)
);

-- The ledger. Rows are never deleted; only status moves (pending → settled | failed) and an inbound row's
-- remaining amount shrinks as outbound rows consume it.
CREATE TABLE wallet_transactions (
    id                                  uuid PRIMARY KEY,
    organization_id                     uuid          NOT NULL REFERENCES organizations (id),
    wallet_id                           uuid          NOT NULL REFERENCES wallets (id),
    status                              text          NOT NULL CHECK (status IN ('pending', 'settled', 'failed')),
    source                              text          NOT NULL CHECK (source IN ('manual', 'interval', 'threshold', 'expiry')),
    transaction_status                  text          NOT NULL
        CHECK (transaction_status IN ('purchased', 'granted', 'voided', 'invoiced')),
    transaction_type                    text          NOT NULL CHECK (transaction_type IN ('inbound', 'outbound')),
    amount_cents                        bigint        NOT NULL CHECK (amount_cents >= 0),
    credit_amount                       numeric(30, 5) NOT NULL CHECK (credit_amount > 0),
    remaining_amount_cents              bigint CHECK (remaining_amount_cents >= 0),
    priority                            integer       NOT NULL DEFAULT 50 CHECK (priority BETWEEN 1 AND 50),
    name                                text,
    purchase_order_number               text,
    metadata                            jsonb         NOT NULL DEFAULT '[]',
    invoice_requires_successful_payment boolean       NOT NULL DEFAULT false,
    invoice_id                          uuid,
    -- per-grant expiry (Fjord): the unconsumed remainder is voided at this time
    expiration_at                       timestamptz,
    settled_at                          timestamptz,
    failed_at                           timestamptz,
    created_at                          timestamptz   NOT NULL,
    CHECK ((transaction_type = 'inbound') = (transaction_status IN ('purchased', 'granted'))),
    CHECK (transaction_type = 'inbound' OR remaining_amount_cents IS NULL),
    CHECK (remaining_amount_cents IS NULL OR remaining_amount_cents <= amount_cents)
);
CREATE INDEX wallet_transactions_wallet ON wallet_transactions (wallet_id, created_at DESC, id);
CREATE INDEX wallet_transactions_invoice ON wallet_transactions (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX wallet_transactions_expiring ON wallet_transactions (expiration_at)
    WHERE remaining_amount_cents > 0 AND expiration_at IS NOT NULL;

-- Traceability: which inbound rows each outbound row consumed, and how much.
CREATE TABLE wallet_transaction_consumptions (
    id                    uuid PRIMARY KEY,
    organization_id       uuid        NOT NULL REFERENCES organizations (id),
    inbound_id            uuid        NOT NULL REFERENCES wallet_transactions (id),
    outbound_id           uuid        NOT NULL REFERENCES wallet_transactions (id),
    consumed_amount_cents bigint      NOT NULL CHECK (consumed_amount_cents > 0),
    created_at            timestamptz NOT NULL,
    -- insertion order = consumption order (priority, granted first, oldest first)
    position              bigint      GENERATED ALWAYS AS IDENTITY,
    UNIQUE (inbound_id, outbound_id)
);
CREATE INDEX wallet_transaction_consumptions_outbound ON wallet_transaction_consumptions (outbound_id);

-- Idempotency-Key of money-moving POSTs: the first answer, replayed for the same body.
CREATE TABLE idempotency_keys (
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    key             text        NOT NULL,
    request_digest  text        NOT NULL,
    response_status integer,
    response_body   text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (organization_id, key)
);

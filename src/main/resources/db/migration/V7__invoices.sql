-- Invoices and their fees (module invoicing), shaped for every Lago invoice type although only `credit` invoices
-- (paid wallet top-ups) are created today. Every row carries organization_id; amounts are integer cents (bigint),
-- precise amounts and units are numeric. CHECK constraints mirror the rules the application follows.

CREATE TABLE invoices (
    id                                      uuid PRIMARY KEY,
    organization_id                         uuid        NOT NULL REFERENCES organizations (id),
    customer_id                             uuid        NOT NULL REFERENCES customers (id),
    invoice_type                            text        NOT NULL CHECK (invoice_type IN
        ('subscription', 'add_on', 'credit', 'one_off', 'advance_charges', 'progressive_billing')),
    -- visible: draft, finalized, voided, failed, pending (tax provider); hidden from the API: generating, open
    -- (credit invoice waiting for its payment), closed, deleted
    status                                  text        NOT NULL CHECK (status IN
        ('generating', 'draft', 'open', 'finalized', 'voided', 'failed', 'closed', 'pending', 'deleted')),
    payment_status                          text        NOT NULL DEFAULT 'pending'
        CHECK (payment_status IN ('pending', 'succeeded', 'failed')),
    currency                                text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- `<prefix>-DRAFT` until finalized; then `<prefix>-<customer seq>-<seq>` (per_customer) or
    -- `<prefix>-<YYYYMM>-<organization seq>` (per_organization)
    number                                  text        NOT NULL,
    -- the customer's invoice sequence, given at finalization (numbered invoices only)
    sequential_id                           bigint CHECK (sequential_id > 0),
    -- the organization-wide sequence, given at finalization when the organization numbers per_organization
    organization_sequential_id              bigint CHECK (organization_sequential_id > 0),
    issuing_date                            date        NOT NULL,
    payment_due_date                        date        NOT NULL,
    net_payment_term                        integer     NOT NULL DEFAULT 0 CHECK (net_payment_term >= 0),
    -- the customer's applicable timezone when the invoice was created
    timezone                                text        NOT NULL DEFAULT 'UTC',
    -- grace period drafts: the day they finalize
    expected_finalization_date              date,
    purchase_order_number                   text,
    self_billed                             boolean     NOT NULL DEFAULT false,
    version_number                          integer     NOT NULL DEFAULT 4 CHECK (version_number BETWEEN 1 AND 4),
    -- the voided invoice this one regenerates
    voided_invoice_id                       uuid REFERENCES invoices (id),
    -- amounts (spec §4.4)
    fees_amount_cents                       bigint      NOT NULL DEFAULT 0 CHECK (fees_amount_cents >= 0),
    coupons_amount_cents                    bigint      NOT NULL DEFAULT 0 CHECK (coupons_amount_cents >= 0),
    progressive_billing_credit_amount_cents bigint      NOT NULL DEFAULT 0
        CHECK (progressive_billing_credit_amount_cents >= 0),
    sub_total_excluding_taxes_amount_cents  bigint      NOT NULL DEFAULT 0
        CHECK (sub_total_excluding_taxes_amount_cents >= 0),
    taxes_amount_cents                      bigint      NOT NULL DEFAULT 0 CHECK (taxes_amount_cents >= 0),
    -- the rate the invoice's taxes sum to, in percent
    taxes_rate                              numeric(8, 5) NOT NULL DEFAULT 0 CHECK (taxes_rate >= 0),
    sub_total_including_taxes_amount_cents  bigint      NOT NULL DEFAULT 0
        CHECK (sub_total_including_taxes_amount_cents >= 0),
    credit_notes_amount_cents               bigint      NOT NULL DEFAULT 0 CHECK (credit_notes_amount_cents >= 0),
    prepaid_credit_amount_cents             bigint      NOT NULL DEFAULT 0 CHECK (prepaid_credit_amount_cents >= 0),
    -- split of the prepaid credits by origin (traceable wallets only; null otherwise)
    prepaid_granted_credit_amount_cents     bigint CHECK (prepaid_granted_credit_amount_cents >= 0),
    prepaid_purchased_credit_amount_cents   bigint CHECK (prepaid_purchased_credit_amount_cents >= 0),
    total_amount_cents                      bigint      NOT NULL DEFAULT 0 CHECK (total_amount_cents >= 0),
    total_paid_amount_cents                 bigint      NOT NULL DEFAULT 0 CHECK (total_paid_amount_cents >= 0),
    payment_dispute_lost_at                 timestamptz,
    finalized_at                            timestamptz,
    voided_at                               timestamptz,
    created_at                              timestamptz NOT NULL,
    updated_at                              timestamptz NOT NULL,
    -- Lago's version 4 arithmetic (ComputeAmountsFromFees, then prepaid credits)
    CHECK (sub_total_excluding_taxes_amount_cents
        = fees_amount_cents - progressive_billing_credit_amount_cents - coupons_amount_cents),
    CHECK (sub_total_including_taxes_amount_cents = sub_total_excluding_taxes_amount_cents + taxes_amount_cents),
    CHECK (total_amount_cents
        = sub_total_including_taxes_amount_cents - credit_notes_amount_cents - prepaid_credit_amount_cents),
    CHECK (prepaid_granted_credit_amount_cents IS NULL OR prepaid_purchased_credit_amount_cents IS NULL
        OR prepaid_granted_credit_amount_cents + prepaid_purchased_credit_amount_cents = prepaid_credit_amount_cents),
    -- a number is given at finalization and kept when voided; nothing else is numbered
    CHECK ((sequential_id IS NOT NULL) = (status IN ('finalized', 'voided'))),
    CHECK (organization_sequential_id IS NULL OR sequential_id IS NOT NULL),
    CHECK ((finalized_at IS NOT NULL) = (status IN ('finalized', 'voided'))),
    CHECK ((voided_at IS NOT NULL) = (status = 'voided')),
    CHECK (payment_due_date >= issuing_date)
);
-- Invoice numbers are unique in an organization (drafts all share `<prefix>-DRAFT`).
CREATE UNIQUE INDEX invoices_number ON invoices (organization_id, number) WHERE sequential_id IS NOT NULL;
CREATE UNIQUE INDEX invoices_customer_sequence ON invoices (customer_id, sequential_id);
CREATE UNIQUE INDEX invoices_organization_sequence ON invoices (organization_id, organization_sequential_id)
    WHERE organization_sequential_id IS NOT NULL;
-- Lago's list order: newest issuing date first, then newest creation.
CREATE INDEX invoices_listing ON invoices (organization_id, issuing_date DESC, created_at DESC, id);
CREATE INDEX invoices_customer ON invoices (organization_id, customer_id);

-- The last number given in each invoice sequence: one row per customer, and one per organization (customer_id
-- null) for per_organization numbering. Finalizing takes the row lock until its transaction ends, so concurrent
-- finalizations queue and a rolled-back one gives its number back: sequences have no gaps and no duplicates.
CREATE TABLE invoice_sequences (
    organization_id uuid   NOT NULL REFERENCES organizations (id),
    customer_id     uuid REFERENCES customers (id),
    last_value      bigint NOT NULL CHECK (last_value > 0)
);
CREATE UNIQUE INDEX invoice_sequences_customer ON invoice_sequences (organization_id, customer_id)
    WHERE customer_id IS NOT NULL;
CREATE UNIQUE INDEX invoice_sequences_organization ON invoice_sequences (organization_id)
    WHERE customer_id IS NULL;

CREATE TABLE fees (
    id                                  uuid PRIMARY KEY,
    organization_id                     uuid           NOT NULL REFERENCES organizations (id),
    -- null for pay-in-advance charge fees not invoiced (yet)
    invoice_id                          uuid REFERENCES invoices (id),
    fee_type                            text           NOT NULL CHECK (fee_type IN
        ('charge', 'add_on', 'subscription', 'credit', 'commitment', 'fixed_charge')),
    -- what the fee bills, by type
    subscription_id                     uuid REFERENCES subscriptions (id),
    charge_id                           uuid REFERENCES charges (id),
    charge_filter_id                    uuid REFERENCES charge_filters (id),
    fixed_charge_id                     uuid,
    add_on_id                           uuid REFERENCES add_ons (id),
    -- credit fees: the wallet transaction (purchase) the invoice bills; owned by the wallet module
    wallet_transaction_id               uuid,
    true_up_parent_fee_id               uuid REFERENCES fees (id),
    original_fee_id                     uuid REFERENCES fees (id),
    -- the item's name on the invoice (credit fees: the top-up's label)
    invoice_display_name                text,
    description                         text,
    amount_cents                        bigint         NOT NULL CHECK (amount_cents >= 0),
    precise_amount_cents                numeric(40, 15) NOT NULL DEFAULT 0 CHECK (precise_amount_cents >= 0),
    amount_currency                     text           NOT NULL CHECK (amount_currency ~ '^[A-Z]{3}$'),
    units                               numeric(30, 5) NOT NULL DEFAULT 0 CHECK (units >= 0),
    total_aggregated_units              numeric(30, 5),
    events_count                        integer CHECK (events_count >= 0),
    -- price of one unit in minor units (credit fees: rate × 10^exponent), and in currency units
    unit_amount_cents                   numeric(40, 15) NOT NULL DEFAULT 0 CHECK (unit_amount_cents >= 0),
    precise_unit_amount                 numeric(30, 15) NOT NULL DEFAULT 0 CHECK (precise_unit_amount >= 0),
    precise_coupons_amount_cents        numeric(30, 5) NOT NULL DEFAULT 0 CHECK (precise_coupons_amount_cents >= 0),
    precise_credit_notes_amount_cents   numeric(30, 5) NOT NULL DEFAULT 0
        CHECK (precise_credit_notes_amount_cents >= 0),
    taxes_amount_cents                  bigint         NOT NULL DEFAULT 0 CHECK (taxes_amount_cents >= 0),
    taxes_precise_amount_cents          numeric(40, 15) NOT NULL DEFAULT 0 CHECK (taxes_precise_amount_cents >= 0),
    taxes_rate                          numeric(8, 5)  NOT NULL DEFAULT 0 CHECK (taxes_rate >= 0),
    taxes_base_rate                     numeric(8, 5)  NOT NULL DEFAULT 1 CHECK (taxes_base_rate >= 0),
    pay_in_advance                      boolean        NOT NULL DEFAULT false,
    invoiceable                         boolean        NOT NULL DEFAULT true,
    pay_in_advance_event_transaction_id text,
    grouped_by                          jsonb          NOT NULL DEFAULT '{}',
    amount_details                      jsonb          NOT NULL DEFAULT '{}',
    -- the billed period (subscription, charge and fixed-charge fees)
    from_datetime                       timestamptz,
    to_datetime                         timestamptz,
    payment_status                      text           NOT NULL DEFAULT 'pending'
        CHECK (payment_status IN ('pending', 'succeeded', 'failed', 'refunded')),
    succeeded_at                        timestamptz,
    failed_at                           timestamptz,
    refunded_at                         timestamptz,
    created_at                          timestamptz    NOT NULL,
    updated_at                          timestamptz    NOT NULL,
    deleted_at                          timestamptz,
    -- credit fees bill exactly one wallet transaction, never taxed (an advance payment, spec §2.3)
    CHECK ((fee_type = 'credit') = (wallet_transaction_id IS NOT NULL)),
    CHECK (fee_type <> 'credit' OR (invoice_id IS NOT NULL AND taxes_amount_cents = 0 AND taxes_rate = 0)),
    CHECK (fee_type <> 'charge' OR charge_id IS NOT NULL),
    CHECK (fee_type <> 'add_on' OR add_on_id IS NOT NULL),
    CHECK (fee_type <> 'fixed_charge' OR fixed_charge_id IS NOT NULL),
    CHECK (fee_type NOT IN ('subscription', 'commitment') OR subscription_id IS NOT NULL),
    CHECK (charge_filter_id IS NULL OR charge_id IS NOT NULL),
    CHECK (from_datetime IS NULL OR to_datetime IS NULL OR from_datetime <= to_datetime)
);
CREATE INDEX fees_invoice ON fees (invoice_id);
CREATE INDEX fees_organization ON fees (organization_id, created_at, id) WHERE deleted_at IS NULL;
-- a wallet transaction is billed once
CREATE UNIQUE INDEX fees_wallet_transaction ON fees (organization_id, wallet_transaction_id)
    WHERE wallet_transaction_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX fees_subscription ON fees (subscription_id) WHERE subscription_id IS NOT NULL;
CREATE INDEX fees_charge ON fees (charge_id) WHERE charge_id IS NOT NULL;

-- Key/value pairs a client attaches to an invoice (PUT /invoices/{id} metadata): at most 5 per invoice.
CREATE TABLE invoice_metadata (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    invoice_id      uuid        NOT NULL REFERENCES invoices (id),
    key             text        NOT NULL CHECK (length(key) BETWEEN 1 AND 20),
    value           text        NOT NULL CHECK (length(value) BETWEEN 1 AND 140),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (invoice_id, key)
);

-- Voiding an invoice gives back the wallet credits it consumed (spec §4.7), and the taxes one-off invoices carry.

-- A re-credit is a granted, settled inbound row naming the voided invoice (Lago's voided_invoice_id) and the outbound
-- `invoiced` row it gives back (Fjord's link): each consumption is re-credited at most once, whatever retries or
-- concurrent voids do.
ALTER TABLE wallet_transactions
    ADD COLUMN voided_invoice_id         uuid REFERENCES invoices (id),
    ADD COLUMN recredited_transaction_id uuid REFERENCES wallet_transactions (id),
    ADD CONSTRAINT wallet_transactions_recredit_link
        CHECK ((voided_invoice_id IS NULL) = (recredited_transaction_id IS NULL)),
    ADD CONSTRAINT wallet_transactions_recredit_kind
        CHECK (voided_invoice_id IS NULL
               OR (transaction_type = 'inbound' AND transaction_status = 'granted' AND status = 'settled'));
CREATE UNIQUE INDEX wallet_transactions_recredited ON wallet_transactions (recredited_transaction_id)
    WHERE recredited_transaction_id IS NOT NULL;
CREATE INDEX wallet_transactions_voided_invoice ON wallet_transactions (voided_invoice_id)
    WHERE voided_invoice_id IS NOT NULL;

-- The taxes applied to an invoice (Lago's invoices_taxes): one row per tax, a snapshot of the tax when the invoice
-- was computed (name, code, rate), so later changes to the tax leave issued invoices as they were.
CREATE TABLE invoice_applied_taxes (
    id                uuid PRIMARY KEY,
    organization_id   uuid          NOT NULL REFERENCES organizations (id),
    invoice_id        uuid          NOT NULL REFERENCES invoices (id),
    tax_id            uuid          NOT NULL REFERENCES taxes (id),
    tax_name          text          NOT NULL,
    tax_code          text          NOT NULL,
    tax_rate          numeric(8, 5) NOT NULL CHECK (tax_rate >= 0),
    tax_description   text,
    -- this tax on the invoice, rounded once (the invoice total rounds the sum of the unrounded amounts)
    amount_cents      bigint        NOT NULL CHECK (amount_cents >= 0),
    -- the fees (after coupons) the tax applies to
    fees_amount_cents bigint        NOT NULL CHECK (fees_amount_cents >= 0),
    amount_currency   text          NOT NULL CHECK (amount_currency ~ '^[A-Z]{3}$'),
    created_at        timestamptz   NOT NULL,
    UNIQUE (invoice_id, tax_id)
);

-- The taxes applied to a fee (Lago's fees_taxes).
CREATE TABLE fee_applied_taxes (
    id                   uuid PRIMARY KEY,
    organization_id      uuid            NOT NULL REFERENCES organizations (id),
    fee_id               uuid            NOT NULL REFERENCES fees (id),
    tax_id               uuid            NOT NULL REFERENCES taxes (id),
    tax_name             text            NOT NULL,
    tax_code             text            NOT NULL,
    tax_rate             numeric(8, 5)   NOT NULL CHECK (tax_rate >= 0),
    tax_description      text,
    amount_cents         bigint          NOT NULL CHECK (amount_cents >= 0),
    precise_amount_cents numeric(40, 15) NOT NULL CHECK (precise_amount_cents >= 0),
    amount_currency      text            NOT NULL CHECK (amount_currency ~ '^[A-Z]{3}$'),
    created_at           timestamptz     NOT NULL,
    UNIQUE (fee_id, tax_id)
);

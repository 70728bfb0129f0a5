-- Credit notes (module creditnote, spec §5.10): a document against a finalized invoice that gives money back as
-- credit (consumed by the customer's later invoices, spec §4.2 step 7), as a refund, or as an offset of what the
-- invoice still owes. Amounts are integer cents; precise ones keep Lago's 5 decimals.

CREATE TABLE credit_notes (
    id                                      uuid PRIMARY KEY,
    organization_id                         uuid           NOT NULL REFERENCES organizations (id),
    customer_id                             uuid           NOT NULL REFERENCES customers (id),
    invoice_id                              uuid           NOT NULL REFERENCES invoices (id),
    -- the invoice's sequence of credit notes, from 1; number = `<invoice number>-CN<sequence, 3 digits>`
    sequential_id                           integer        NOT NULL CHECK (sequential_id > 0),
    number                                  text           NOT NULL,
    issuing_date                            date           NOT NULL,
    status                                  text           NOT NULL CHECK (status IN ('draft', 'finalized')),
    credit_status                           text           NOT NULL CHECK (credit_status IN ('available', 'consumed', 'voided')),
    refund_status                           text CHECK (refund_status IN ('pending', 'succeeded', 'failed')),
    reason                                  text           NOT NULL CHECK (reason IN ('duplicated_charge',
        'product_unsatisfactory', 'order_change', 'order_cancellation', 'fraudulent_charge', 'other')),
    description                             text,
    currency                                text           NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    credit_amount_cents                     bigint         NOT NULL CHECK (credit_amount_cents >= 0),
    refund_amount_cents                     bigint         NOT NULL CHECK (refund_amount_cents >= 0),
    offset_amount_cents                     bigint         NOT NULL CHECK (offset_amount_cents >= 0),
    total_amount_cents                      bigint         NOT NULL CHECK (total_amount_cents > 0),
    -- what is left of the credit for later invoices
    balance_amount_cents                    bigint         NOT NULL CHECK (balance_amount_cents >= 0),
    taxes_amount_cents                      bigint         NOT NULL CHECK (taxes_amount_cents >= 0),
    precise_taxes_amount_cents              numeric(30, 5) NOT NULL CHECK (precise_taxes_amount_cents >= 0),
    coupons_adjustment_amount_cents         bigint         NOT NULL CHECK (coupons_adjustment_amount_cents >= 0),
    precise_coupons_adjustment_amount_cents numeric(30, 5) NOT NULL
        CHECK (precise_coupons_adjustment_amount_cents >= 0),
    sub_total_excluding_taxes_amount_cents  bigint         NOT NULL CHECK (sub_total_excluding_taxes_amount_cents >= 0),
    taxes_rate                              numeric(8, 5)  NOT NULL CHECK (taxes_rate >= 0),
    refunded_at                             timestamptz,
    voided_at                               timestamptz,
    created_at                              timestamptz    NOT NULL,
    updated_at                              timestamptz    NOT NULL,
    UNIQUE (invoice_id, sequential_id),
    CHECK (total_amount_cents = credit_amount_cents + refund_amount_cents + offset_amount_cents),
    CHECK (balance_amount_cents <= credit_amount_cents),
    CHECK ((voided_at IS NOT NULL) = (credit_status = 'voided')),
    CHECK (credit_status <> 'voided' OR balance_amount_cents = 0),
    CHECK (credit_status <> 'consumed' OR balance_amount_cents = 0)
);
CREATE INDEX credit_notes_listing ON credit_notes (organization_id, created_at DESC, id);
-- the credit notes a customer's next invoice may consume, oldest first
CREATE INDEX credit_notes_available ON credit_notes (customer_id, created_at)
    WHERE credit_status = 'available' AND balance_amount_cents > 0;

-- What each credit note gives back of one fee of its invoice.
CREATE TABLE credit_note_items (
    id                   uuid PRIMARY KEY,
    organization_id      uuid           NOT NULL REFERENCES organizations (id),
    credit_note_id       uuid           NOT NULL REFERENCES credit_notes (id),
    fee_id               uuid           NOT NULL REFERENCES fees (id),
    amount_cents         bigint         NOT NULL CHECK (amount_cents >= 0),
    precise_amount_cents numeric(30, 5) NOT NULL CHECK (precise_amount_cents >= 0),
    amount_currency      text           NOT NULL,
    created_at           timestamptz    NOT NULL
);
CREATE INDEX credit_note_items_credit_note ON credit_note_items (credit_note_id);
CREATE INDEX credit_note_items_fee ON credit_note_items (fee_id);

-- What a later invoice took from a credit note's balance (Lago's `credits` rows of type credit_note): once per pair.
CREATE TABLE credit_note_credits (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    credit_note_id  uuid        NOT NULL REFERENCES credit_notes (id),
    invoice_id      uuid        NOT NULL REFERENCES invoices (id),
    amount_cents    bigint      NOT NULL CHECK (amount_cents > 0),
    created_at      timestamptz NOT NULL,
    UNIQUE (credit_note_id, invoice_id)
);
CREATE INDEX credit_note_credits_invoice ON credit_note_credits (invoice_id);

-- What credit notes offset on an invoice (Lago's credit-note invoice settlements): it owes that much less.
ALTER TABLE invoices ADD COLUMN total_offsetted_credit_note_amount_cents bigint NOT NULL DEFAULT 0
    CHECK (total_offsetted_credit_note_amount_cents >= 0);

-- What each applied coupon took off each invoice: a fixed amount used once is what remains of it after these.
CREATE TABLE coupon_credits (
    id                uuid PRIMARY KEY,
    organization_id   uuid        NOT NULL REFERENCES organizations (id),
    applied_coupon_id uuid        NOT NULL REFERENCES applied_coupons (id),
    invoice_id        uuid        NOT NULL REFERENCES invoices (id),
    amount_cents      bigint      NOT NULL CHECK (amount_cents > 0),
    created_at        timestamptz NOT NULL,
    UNIQUE (applied_coupon_id, invoice_id)
);

-- Tenants, their API keys and users, and their customers. Every business row carries organization_id.

CREATE TABLE organizations (
    id                           uuid PRIMARY KEY,
    name                         text        NOT NULL,
    default_currency             text        NOT NULL DEFAULT 'USD',
    timezone                     text        NOT NULL DEFAULT 'UTC',
    country                      text,
    address_line1                text,
    address_line2                text,
    state                        text,
    zipcode                      text,
    city                         text,
    email                        text,
    legal_name                   text,
    legal_number                 text,
    tax_identification_number    text,
    webhook_url                  text,
    document_numbering           text        NOT NULL DEFAULT 'per_customer'
        CHECK (document_numbering IN ('per_customer', 'per_organization')),
    document_number_prefix       text        NOT NULL,
    net_payment_term             integer     NOT NULL DEFAULT 0 CHECK (net_payment_term >= 0),
    finalize_zero_amount_invoice boolean     NOT NULL DEFAULT true,
    invoice_footer               text,
    invoice_grace_period         integer     NOT NULL DEFAULT 0 CHECK (invoice_grace_period >= 0),
    document_locale              text        NOT NULL DEFAULT 'en',
    email_settings               text[]      NOT NULL DEFAULT '{}',
    -- last customer sequential_id handed out; bumped under the row lock so ids have no gaps
    customer_sequence            bigint      NOT NULL DEFAULT 0,
    created_at                   timestamptz NOT NULL,
    updated_at                   timestamptz NOT NULL
);

-- Keys are stored as SHA-256 digests; only a short prefix is kept in clear to recognise a key.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    value_digest    text        NOT NULL UNIQUE,
    value_prefix    text        NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX api_keys_organization ON api_keys (organization_id);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL
);

CREATE TABLE memberships (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    user_id         uuid        NOT NULL REFERENCES users (id),
    role            text        NOT NULL CHECK (role IN ('admin', 'manager', 'finance')),
    created_at      timestamptz NOT NULL,
    UNIQUE (organization_id, user_id)
);

CREATE TABLE customers (
    id                                            uuid PRIMARY KEY,
    organization_id                               uuid        NOT NULL REFERENCES organizations (id),
    external_id                                   text        NOT NULL,
    sequential_id                                 bigint      NOT NULL,
    slug                                          text        NOT NULL,
    account_type                                  text        NOT NULL DEFAULT 'customer'
        CHECK (account_type IN ('customer', 'partner')),
    customer_type                                 text CHECK (customer_type IN ('company', 'individual')),
    name                                          text,
    firstname                                     text,
    lastname                                      text,
    email                                         text,
    phone                                         text,
    url                                           text,
    logo_url                                      text,
    legal_name                                    text,
    legal_number                                  text,
    tax_identification_number                     text,
    external_salesforce_id                        text,
    address_line1                                 text,
    address_line2                                 text,
    city                                          text,
    state                                         text,
    zipcode                                       text,
    country                                       text,
    shipping_address_line1                        text,
    shipping_address_line2                        text,
    shipping_city                                 text,
    shipping_state                                text,
    shipping_zipcode                              text,
    shipping_country                              text,
    currency                                      text,
    timezone                                      text,
    net_payment_term                              integer CHECK (net_payment_term >= 0),
    finalize_zero_amount_invoice                  text        NOT NULL DEFAULT 'inherit'
        CHECK (finalize_zero_amount_invoice IN ('inherit', 'finalize', 'skip')),
    skip_invoice_custom_sections                  boolean     NOT NULL DEFAULT false,
    invoice_grace_period                          integer CHECK (invoice_grace_period >= 0),
    document_locale                               text,
    payment_provider                              text,
    payment_provider_code                         text,
    provider_customer_id                          text,
    provider_payment_methods                      text[],
    subscription_invoice_issuing_date_anchor      text,
    subscription_invoice_issuing_date_adjustment  text,
    created_at                                    timestamptz NOT NULL,
    updated_at                                    timestamptz NOT NULL,
    deleted_at                                    timestamptz,
    UNIQUE (organization_id, sequential_id)
);
-- external_id is unique among live customers; a deleted customer's id may be reused (as in Lago).
CREATE UNIQUE INDEX customers_external_id ON customers (organization_id, external_id) WHERE deleted_at IS NULL;
CREATE INDEX customers_listing ON customers (organization_id, created_at DESC, id) WHERE deleted_at IS NULL;

CREATE TABLE customer_metadata (
    id                 uuid PRIMARY KEY,
    organization_id    uuid        NOT NULL REFERENCES organizations (id),
    customer_id        uuid        NOT NULL REFERENCES customers (id),
    key                text        NOT NULL,
    value              text        NOT NULL,
    display_in_invoice boolean     NOT NULL,
    created_at         timestamptz NOT NULL,
    UNIQUE (customer_id, key)
);

-- Webhooks (spec §5.12): an organization's endpoints, and an outbox of deliveries written in the transaction of the
-- change they report, so a webhook exists if and only if its change committed.

CREATE TABLE webhook_endpoints (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    webhook_url     text        NOT NULL,
    signature_algo  text        NOT NULL DEFAULT 'jwt' CHECK (signature_algo IN ('jwt', 'hmac')),
    name            text,
    -- NULL: every webhook type (Lago's meaning); otherwise only these types
    event_types     text[],
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (organization_id, webhook_url)
);

-- One row per (change, endpoint): its id is the X-Lago-Unique-Key, the same for every attempt, so a receiver can
-- drop duplicates. The payload is kept as the exact text that is signed and sent.
CREATE TABLE webhooks (
    id                  uuid PRIMARY KEY,
    organization_id     uuid        NOT NULL REFERENCES organizations (id),
    webhook_endpoint_id uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    webhook_type        text        NOT NULL,
    object_type         text        NOT NULL,
    payload             text        NOT NULL,
    status              text        NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
    attempts            integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- attempts allowed before the webhook is failed; a manual retry grants a new round
    attempt_limit       integer     NOT NULL CHECK (attempt_limit > 0),
    -- when a worker may (re)claim it: the due time of the next attempt, or the end of a claim's lease
    next_attempt_at     timestamptz,
    -- the claim in progress; a worker whose lease ran out cannot overwrite a newer claim's result
    claim_id            uuid,
    last_attempt_at     timestamptz,
    http_status         integer,
    response            text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CHECK ((status IN ('pending', 'retrying')) = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhooks_due ON webhooks (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhooks_listing ON webhooks (organization_id, created_at DESC, id);

-- The instance's RSA key for JWT signatures (one row), created once by whichever instance needs it first.
CREATE TABLE webhook_signing_keys (
    id              smallint PRIMARY KEY CHECK (id = 1),
    private_key_pem text        NOT NULL,
    public_key_pem  text        NOT NULL,
    created_at      timestamptz NOT NULL
);

-- Each organization's HMAC key (Lago's organizations.hmac_key), created on first use.
CREATE TABLE webhook_hmac_keys (
    organization_id uuid PRIMARY KEY REFERENCES organizations (id),
    hmac_key        text        NOT NULL,
    created_at      timestamptz NOT NULL
);

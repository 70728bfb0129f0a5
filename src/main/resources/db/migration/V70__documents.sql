-- PDF documents (module document): one per finalized invoice (and credit note), generated on first download and
-- kept. Stored in the database rather than a data directory so that every instance behind a load balancer serves
-- the same files and backups hold them. `token` is the unguessable part of the document's public URL (file_url).
CREATE TABLE documents (
    id              uuid PRIMARY KEY,
    organization_id uuid        NOT NULL REFERENCES organizations (id),
    -- what the document shows; no foreign key: the owner table depends on the kind
    owner_type      text        NOT NULL CHECK (owner_type IN ('invoice', 'credit_note')),
    owner_id        uuid        NOT NULL,
    token           text        NOT NULL UNIQUE CHECK (length(token) >= 40),
    file_name       text        NOT NULL CHECK (file_name ~ '^[A-Za-z0-9._-]+\.pdf$'),
    content         bytea       NOT NULL CHECK (length(content) > 0),
    created_at      timestamptz NOT NULL,
    -- one document per owner: concurrent first downloads keep the first one written
    UNIQUE (organization_id, owner_type, owner_id)
);

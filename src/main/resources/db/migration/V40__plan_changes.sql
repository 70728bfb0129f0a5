-- Plan changes (upgrades now, downgrades at period end) link a subscription to the one it replaced.
ALTER TABLE subscriptions ADD COLUMN previous_subscription_id uuid REFERENCES subscriptions (id);
-- A downgrade waits as a pending subscription until its previous one's billing period ends, at this instant.
ALTER TABLE subscriptions ADD COLUMN downgrade_at timestamptz;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_downgrade_follows_previous
    CHECK (downgrade_at IS NULL OR previous_subscription_id IS NOT NULL);
CREATE INDEX subscriptions_previous ON subscriptions (previous_subscription_id)
    WHERE previous_subscription_id IS NOT NULL;

-- One active and at most one pending subscription per external id (the pending one being a downgrade that waits
-- for the active one's period to end); terminated and canceled ones keep theirs for history.
DROP INDEX subscriptions_live_external_id;
CREATE UNIQUE INDEX subscriptions_active_external_id ON subscriptions (organization_id, external_id)
    WHERE status = 'active';
CREATE UNIQUE INDEX subscriptions_pending_external_id ON subscriptions (organization_id, external_id)
    WHERE status = 'pending';

-- Pending subscriptions start at subscription_at, downgrades at downgrade_at: status settlement looks up both.
DROP INDEX subscriptions_pending_start;
CREATE INDEX subscriptions_pending_start ON subscriptions (organization_id, (coalesce(downgrade_at, subscription_at)))
    WHERE status = 'pending';

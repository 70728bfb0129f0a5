-- When a subscription's free trial ended (Lago's trial_ended_at), set once by the status settlement, which sends
-- subscription.trial_ended with it.
ALTER TABLE subscriptions ADD COLUMN trial_ended_at timestamptz;

-- Trials already over before this column existed are marked, so no late webhook goes out for them.
UPDATE subscriptions s SET trial_ended_at = s.started_at + p.trial_period * interval '1 day'
FROM plans p
WHERE p.id = s.plan_id AND p.trial_period > 0 AND s.started_at IS NOT NULL
  AND s.started_at + p.trial_period * interval '1 day' <= now();

-- The settlement looks only at subscriptions of plans with a trial that have not ended it yet.
CREATE INDEX subscriptions_trial_running ON subscriptions (plan_id) WHERE status = 'active' AND trial_ended_at IS NULL;

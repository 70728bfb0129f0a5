-- Plan overrides (Lago's plan_overrides on a subscription): a child plan with the parent's code, owned by one
-- subscription, hidden from the plan endpoints. Codes stay unique among the plans merchants see.
ALTER TABLE plans ADD COLUMN parent_id uuid REFERENCES plans (id);
DROP INDEX plans_code;
CREATE UNIQUE INDEX plans_code ON plans (organization_id, code) WHERE deleted_at IS NULL AND parent_id IS NULL;
CREATE INDEX plans_parent ON plans (parent_id) WHERE parent_id IS NOT NULL;

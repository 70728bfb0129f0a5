-- Coupon limits (module coupon): the plans or the billable metrics a coupon applies to (Lago's coupon_targets).
-- A row names exactly one plan or one billable metric; a target is listed once per coupon. Which kind a coupon is
-- limited to is coupons.limited_plans / limited_billable_metrics (V3); one coupon holds one kind only, checked under
-- the coupon's row lock. Rows stay when their plan or metric is soft-deleted, as in Lago: readers skip deleted ones,
-- so the coupon stays limited (to nothing left) rather than turning into a coupon for everything.

CREATE TABLE coupon_targets (
    id                 uuid PRIMARY KEY,
    organization_id    uuid        NOT NULL REFERENCES organizations (id),
    coupon_id          uuid        NOT NULL REFERENCES coupons (id),
    plan_id            uuid REFERENCES plans (id),
    billable_metric_id uuid REFERENCES billable_metrics (id),
    created_at         timestamptz NOT NULL,
    CHECK ((plan_id IS NULL) <> (billable_metric_id IS NULL)),
    UNIQUE (coupon_id, plan_id),
    UNIQUE (coupon_id, billable_metric_id)
);
CREATE INDEX coupon_targets_plan ON coupon_targets (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX coupon_targets_billable_metric ON coupon_targets (billable_metric_id) WHERE billable_metric_id IS NOT NULL;

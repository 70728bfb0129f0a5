-- Billing runs walk active subscriptions customer by customer with keyset pages.
CREATE INDEX subscriptions_active_by_customer ON subscriptions (organization_id, customer_id, id) WHERE status = 'active';

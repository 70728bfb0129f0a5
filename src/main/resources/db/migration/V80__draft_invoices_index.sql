-- Grace periods keep subscription invoices as drafts for a few days. Two lookups find them among all invoices: the
-- drafts of the customers whose usage just changed (refreshed after each ingestion) and the drafts whose grace period
-- ended (finalized by the billing clock). Drafts are few at any time, so a partial index keeps both cheap.
CREATE INDEX invoices_drafts ON invoices (customer_id) WHERE status = 'draft';

-- When invoice.payment_overdue was sent for the invoice (once per invoice, as Lago's MarkInvoicesAsPaymentOverdueJob
-- sets payment_overdue once). payment_overdue itself stays computed at read.
ALTER TABLE invoices ADD COLUMN overdue_reported_at timestamptz;

-- The billing clock's overdue step reads only the finalized, unpaid invoices not reported yet.
CREATE INDEX invoices_overdue_to_report ON invoices (payment_due_date)
    WHERE status = 'finalized' AND payment_status <> 'succeeded' AND overdue_reported_at IS NULL;

-- Lago's credit note metadata: an object of string keys to string or null values, null when empty.
ALTER TABLE credit_notes ADD COLUMN metadata jsonb;

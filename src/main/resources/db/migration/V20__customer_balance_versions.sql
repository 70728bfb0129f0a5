-- A counter per customer that moves, in the writing transaction and just before it commits, whenever the customer's
-- ongoing balance may change (usage aggregates, wallets, the ledger). A reader that remembers a computed balance
-- together with the version it read checks it with one primary-key lookup, whichever instance wrote.
-- No foreign key: its check would lock the customer row and could deadlock with wallet creation.
CREATE TABLE customer_balance_versions (
    customer_id uuid   PRIMARY KEY,
    version     bigint NOT NULL
);

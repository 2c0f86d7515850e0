-- Wrong: finds the rows by created_at, but status and amount_cents still have to be read from the table (Index Scan, not Index Only Scan).
CREATE INDEX payments_created_at_idx ON payments (created_at);

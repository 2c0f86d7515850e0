-- Wrong: leads with the GROUP BY column; the range on created_at can no longer be read as one slice of the index.
CREATE INDEX payments_status_created_at_idx ON payments (status, created_at) INCLUDE (amount_cents);

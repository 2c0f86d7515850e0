-- Wrong: the index carries status but not amount_cents, so sum(amount_cents) still needs every table row.
CREATE INDEX payments_created_at_status_idx ON payments (created_at) INCLUDE (status);

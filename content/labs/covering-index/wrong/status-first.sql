-- Wrong: covers the columns, but with status leading, the day's rows are spread over the index, so the planner does not use it for the range.
CREATE INDEX payments_status_amount_created_at_idx ON payments (status, amount_cents, created_at);

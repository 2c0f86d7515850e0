-- Card payments of a marketplace: 100,000 rows, one every two minutes from 2024-01-01, appended in
-- time order. Each row is wide (fingerprint, metadata), so reading the table itself is expensive.
CREATE TABLE payments (
  id integer PRIMARY KEY,
  merchant_id integer NOT NULL,
  status text NOT NULL,
  amount_cents integer NOT NULL,
  currency text NOT NULL,
  card_fingerprint text NOT NULL,
  created_at timestamptz NOT NULL,
  metadata text NOT NULL
);

INSERT INTO payments (id, merchant_id, status, amount_cents, currency, card_fingerprint, created_at, metadata)
SELECT g,
       1 + (g * 7919) % 500,
       CASE WHEN h % 10 < 7 THEN 'captured' WHEN h % 10 < 9 THEN 'failed' ELSE 'refunded' END,
       100 + (h * 31) % 20000,
       'EUR',
       md5('card' || g),
       timestamptz '2024-01-01 00:00:00+00' + g * interval '2 minutes',
       '{"channel":"web","risk_score":' || (h % 100) || ',"note":"' || repeat('-', 100) || '"}'
FROM generate_series(1, 100000) AS g,
     LATERAL (SELECT ('x' || substr(md5(g::text), 1, 4))::bit(16)::integer AS h) AS r;

-- Sample every row so the planner's statistics (and so its estimated costs) are the same on every run.
SET default_statistics_target = 1000;
ANALYZE payments (created_at, status, amount_cents);
RESET default_statistics_target;

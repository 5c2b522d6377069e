-- Aggregates beyond count/sum/min/max/avg: FILTER, string_agg, bool_and/bool_or/every,
-- DISTINCT arguments, ordered aggregates, statistics, GROUP BY expressions.
CREATE TABLE am_tx (id int PRIMARY KEY, account text, kind text, amount numeric(10,2), ok boolean, at date);
INSERT INTO am_tx VALUES
  (1, 'a', 'credit', 100.00, true, '2024-01-01'), (2, 'a', 'debit', 30.00, true, '2024-01-02'),
  (3, 'a', 'debit', 80.00, false, '2024-01-02'), (4, 'b', 'credit', 10.00, true, '2024-01-03'),
  (5, 'b', 'credit', 10.00, NULL, '2024-02-01'), (6, 'c', 'debit', 5.55, true, '2024-02-02'),
  (7, 'c', 'credit', NULL, false, NULL), (8, 'b', 'debit', 0.01, true, '2024-02-03');
SELECT count(*) FILTER (WHERE kind = 'credit') AS credits, count(*) FILTER (WHERE kind = 'debit') AS debits FROM am_tx;
SELECT account, sum(amount) FILTER (WHERE kind = 'credit') AS cr, sum(amount) FILTER (WHERE kind = 'debit') AS dr FROM am_tx GROUP BY account ORDER BY account;
SELECT account, count(*) FILTER (WHERE NOT ok) AS failed FROM am_tx GROUP BY account ORDER BY account;
SELECT string_agg(DISTINCT account, ',' ORDER BY account) FROM am_tx;
SELECT account, string_agg(kind, '+' ORDER BY id) FROM am_tx GROUP BY account ORDER BY account;
SELECT string_agg(DISTINCT kind, '/' ORDER BY kind) FROM am_tx;
SELECT string_agg(amount::text, ';' ORDER BY amount DESC NULLS LAST) FROM am_tx WHERE account = 'a';
SELECT string_agg(kind, ',') FROM am_tx WHERE false;
SELECT bool_and(ok), bool_or(ok), every(ok) FROM am_tx;
SELECT account, bool_and(ok) AS all_ok, bool_or(ok) AS any_ok FROM am_tx GROUP BY account ORDER BY account;
SELECT bool_and(ok) FROM am_tx WHERE false;
SELECT count(DISTINCT (account, kind)) FROM am_tx;
SELECT extract(month from at) AS m, sum(amount) FROM am_tx GROUP BY extract(month from at) ORDER BY m NULLS LAST;
SELECT date_trunc('month', at)::date AS m, count(*) FROM am_tx GROUP BY 1 ORDER BY 1 NULLS LAST;
SELECT account, max(amount) - min(amount) AS spread, round(avg(amount), 2) AS mean FROM am_tx GROUP BY account ORDER BY account;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) FROM am_tx;
SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY amount), mode() WITHIN GROUP (ORDER BY kind) FROM am_tx;
SELECT stddev(amount), stddev_samp(amount), var_pop(amount) FROM am_tx;
SELECT round(stddev(amount), 4), round(variance(amount), 4) FROM am_tx WHERE account = 'a';
SELECT min(ok), max(ok) FROM (SELECT ok::int AS ok FROM am_tx) t;
SELECT count(*) OVER () AS total, account FROM am_tx GROUP BY account ORDER BY account;
SELECT account, array_agg(id ORDER BY id)::text FROM am_tx GROUP BY account ORDER BY account;
SELECT account FROM am_tx GROUP BY account HAVING count(*) FILTER (WHERE kind = 'debit') >= 2;

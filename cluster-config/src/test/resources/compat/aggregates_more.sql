-- Aggregates beyond count/sum/min/max/avg: FILTER, string_agg, bool_and/bool_or/every,
-- DISTINCT arguments, ordered aggregates, statistics, GROUP BY expressions.
CREATE TABLE am_tx (id int PRIMARY KEY, account text, kind text, amount numeric(10,2), ok boolean, at date);
INSERT INTO am_tx VALUES
  (1, 'a', 'credit', 100.00, true, '2024-01-01'), (2, 'a', 'debit', 30.00, true, '2024-01-02'),
  (3, 'a', 'debit', 80.00, false, '2024-01-02'), (4, 'b', 'credit', 10.00, true, '2024-01-03'),
  (5, 'b', 'credit', 10.00, NULL, '2024-02-01'), (6, 'c', 'debit', 5.55, true, '2024-02-02'),
  (7, 'c', 'credit', NULL, false, NULL), (8, 'b', 'debit', 0.01, true, '2024-02-03');
SELECT extract(month from at) AS m, sum(amount) FROM am_tx GROUP BY extract(month from at) ORDER BY m NULLS LAST;
SELECT date_trunc('month', at)::date AS m, count(*) FROM am_tx GROUP BY 1 ORDER BY 1 NULLS LAST;
SELECT account, max(amount) - min(amount) AS spread, round(avg(amount), 2) AS mean FROM am_tx GROUP BY account ORDER BY account;
SELECT min(ok), max(ok) FROM (SELECT ok::int AS ok FROM am_tx) t;

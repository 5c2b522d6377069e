-- count/sum/min/max/avg with GROUP BY and HAVING: NULLs, empty input, result types, precision.
CREATE TABLE orders (
  id int PRIMARY KEY,
  customer_id int NOT NULL,
  status text NOT NULL,
  amount numeric(10,2),
  items int,
  weight real,
  score double precision,
  placed date
);
INSERT INTO orders VALUES
  (1, 10, 'paid', 25.00, 1, 0.5, 1.5, '2024-01-05'),
  (2, 10, 'paid', 74.99, 3, 1.25, 2.5, '2024-01-06'),
  (3, 11, 'shipped', 10.10, 2, 0.1, NULL, '2024-01-06'),
  (4, 12, 'cancelled', NULL, 1, NULL, 4.0, '2024-02-10'),
  (5, 11, 'paid', 0.01, 5, 2.0, 0.25, '2024-02-11'),
  (6, 13, 'shipped', 1000.00, 10, 12.5, -1, '2024-03-01'),
  (7, 10, 'refunded', -25.00, 1, 0.5, 1.5, NULL),
  (8, 14, 'paid', 33.33, NULL, 0.75, 3.0, '2024-03-15'),
  (9, 12, 'paid', 33.33, 2, 0.75, 3.0, '2024-03-15'),
  (10, 15, 'shipped', 66.67, 4, 3.5, 2.0, '2024-01-05');
SELECT count(*) FROM orders;
SELECT count(amount), count(items), count(placed) FROM orders;
SELECT sum(amount) FROM orders;
SELECT sum(items) FROM orders;
SELECT min(amount), max(amount) FROM orders;
SELECT min(items), max(items) FROM orders;
SELECT min(placed), max(placed) FROM orders;
SELECT min(status), max(status) FROM orders;
SELECT avg(items) FROM orders;
SELECT avg(amount) FROM orders;
SELECT sum(score), avg(score) FROM orders;
SELECT status, count(*) FROM orders GROUP BY status ORDER BY status;
SELECT status, count(*) AS n, sum(amount) AS total FROM orders GROUP BY status ORDER BY total DESC NULLS LAST;
SELECT customer_id, count(*), sum(amount), min(placed), max(placed) FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT customer_id, sum(items) FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT customer_id, avg(amount) FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT placed, count(*) FROM orders GROUP BY placed ORDER BY placed NULLS FIRST;
SELECT status FROM orders GROUP BY status;
SELECT status, customer_id, count(*) FROM orders GROUP BY status, customer_id ORDER BY status, customer_id;
SELECT customer_id, count(*) FROM orders GROUP BY customer_id HAVING count(*) > 1 ORDER BY customer_id;
SELECT customer_id, sum(amount) FROM orders GROUP BY customer_id HAVING sum(amount) > 50 ORDER BY customer_id;
SELECT status, max(amount) FROM orders GROUP BY status HAVING max(amount) IS NULL;
SELECT status, count(*) FROM orders WHERE amount > 20 GROUP BY status ORDER BY status;
SELECT status, count(*) FROM orders WHERE amount > 20 GROUP BY status HAVING count(*) >= 2;
SELECT status, count(*) AS n FROM orders GROUP BY status ORDER BY n DESC, status;
SELECT status, count(*) FROM orders GROUP BY 1 ORDER BY 1;
SELECT count(*) FROM orders WHERE status = 'nothing';
SELECT sum(amount), min(amount), max(amount), avg(amount) FROM orders WHERE status = 'nothing';
SELECT status, count(*) FROM orders WHERE status = 'nothing' GROUP BY status;
SELECT count(DISTINCT customer_id) FROM orders;
SELECT count(DISTINCT status), count(DISTINCT amount) FROM orders;
SELECT sum(DISTINCT amount) FROM orders;
SELECT customer_id, count(DISTINCT status) FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT sum(amount) * 2 AS doubled, count(*) + 1 AS plus FROM orders;
SELECT customer_id, sum(amount) / count(*) AS mean FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT customer_id, max(amount) - min(amount) AS spread FROM orders GROUP BY customer_id ORDER BY customer_id;
SELECT status, sum(items * 2) FROM orders GROUP BY status ORDER BY status;
SELECT lower(status), count(*) FROM orders GROUP BY lower(status) ORDER BY lower(status);
SELECT customer_id % 2 AS parity, count(*) FROM orders GROUP BY customer_id % 2 ORDER BY parity;
SELECT status, coalesce(sum(amount), 0) FROM orders GROUP BY status ORDER BY status;
SELECT max(amount) FROM orders WHERE customer_id = 10;
SELECT count(*) FROM orders WHERE amount IS NULL;
SELECT avg(amount)::numeric(10,2) FROM orders;
SELECT sum(1), count(1), max(1) FROM orders;
CREATE TABLE empty_t (id int PRIMARY KEY, v int);
SELECT count(*), count(v), sum(v), avg(v), min(v), max(v) FROM empty_t;
SELECT v, count(*) FROM empty_t GROUP BY v;
CREATE TABLE bigs (id int PRIMARY KEY, b bigint, s smallint);
INSERT INTO bigs VALUES (1, 9223372036854775807, 32767), (2, 9223372036854775807, 32767), (3, 1, 1);
SELECT sum(b), sum(s), avg(b), avg(s) FROM bigs;
SELECT min(b), max(s) FROM bigs;
-- More aggregate forms: DISTINCT arguments, grouping by expressions, HAVING without GROUP BY.
CREATE TABLE am_tx (id int PRIMARY KEY, account text, kind text, amount numeric(10,2), ok boolean, at date);
INSERT INTO am_tx VALUES
  (1, 'a', 'credit', 100.00, true, '2024-01-01'), (2, 'a', 'debit', 30.00, true, '2024-01-02'),
  (3, 'a', 'debit', 80.00, false, '2024-01-02'), (4, 'b', 'credit', 10.00, true, '2024-01-03'),
  (5, 'b', 'credit', 10.00, NULL, '2024-02-01'), (6, 'c', 'debit', 5.55, true, '2024-02-02'),
  (7, 'c', 'credit', NULL, false, NULL), (8, 'b', 'debit', 0.01, true, '2024-02-03');
SELECT account, sum(CASE kind WHEN 'credit' THEN amount ELSE -amount END) AS balance FROM am_tx GROUP BY account ORDER BY account;
SELECT count(DISTINCT account), count(DISTINCT kind), count(DISTINCT amount) FROM am_tx;
SELECT account, count(DISTINCT kind) AS kinds, sum(DISTINCT amount) AS distinct_sum FROM am_tx GROUP BY account ORDER BY account;
SELECT avg(DISTINCT amount) FROM am_tx;
SELECT upper(account) AS acct, count(*) FROM am_tx GROUP BY upper(account) ORDER BY acct;
SELECT amount > 50 AS big, count(*) FROM am_tx GROUP BY amount > 50 ORDER BY big NULLS LAST;
SELECT max(kind || ':' || account) FROM am_tx;
SELECT sum(amount)::numeric(12,4), avg(amount)::numeric(12,1) FROM am_tx;
SELECT sum(amount) / count(amount) = avg(amount) FROM am_tx;
SELECT count(*) FROM am_tx HAVING count(*) > 100;
SELECT 1 AS one FROM am_tx HAVING true;
-- error 42803
SELECT account, amount FROM am_tx GROUP BY account;
-- error 42803
SELECT sum(count(*)) FROM am_tx;
-- error 42883
SELECT sum(kind) FROM am_tx;

-- More query forms as applications and ORMs write them: row comparisons in joins and HAVING,
-- grouping sets over joins, data-modifying WITH with upserts, row-valued SET.
CREATE TABLE fx_customers (id int PRIMARY KEY, name text NOT NULL, region text);
CREATE TABLE fx_orders (customer_id int, seq int, amount numeric(8,2), state text, PRIMARY KEY (customer_id, seq));
CREATE TABLE fx_counters (name text PRIMARY KEY, n int NOT NULL);
INSERT INTO fx_customers VALUES (1, 'ann', 'east'), (2, 'bob', 'west'), (3, 'cid', NULL), (4, 'dee', 'east');
INSERT INTO fx_orders VALUES (1, 1, 10.00, 'open'), (1, 2, 20.00, 'paid'), (2, 1, 5.00, 'paid'), (2, 2, NULL, 'open'),
  (3, 1, 7.50, 'paid'), (4, 1, 1.00, NULL), (4, 2, 2.00, 'paid'), (4, 3, 3.00, 'paid');
INSERT INTO fx_counters VALUES ('orders', 8), ('customers', 4);
SELECT c.name, o.seq FROM fx_customers c JOIN fx_orders o ON (o.customer_id, o.state) = (c.id, 'paid') ORDER BY c.name, o.seq;
SELECT c.name, o.seq FROM fx_customers c LEFT JOIN fx_orders o ON (o.customer_id, o.seq) = (c.id, 2) ORDER BY c.name;
SELECT o1.customer_id, o1.seq, o2.seq FROM fx_orders o1 JOIN fx_orders o2 ON (o1.customer_id, o1.seq) < (o2.customer_id, o2.seq) AND o1.customer_id = o2.customer_id ORDER BY 1, 2, 3;
SELECT customer_id, count(*) FROM fx_orders GROUP BY customer_id HAVING (count(*), max(seq)) >= (2, 2) ORDER BY customer_id;
SELECT customer_id, seq FROM fx_orders WHERE (customer_id, seq) IN (SELECT customer_id, max(seq) FROM fx_orders GROUP BY customer_id) ORDER BY customer_id;
SELECT customer_id, seq FROM fx_orders o WHERE (amount, state) = (SELECT max(amount), 'paid' FROM fx_orders x WHERE x.customer_id = o.customer_id) ORDER BY customer_id;
SELECT customer_id, seq FROM fx_orders WHERE (customer_id, seq) > (2, 1) ORDER BY customer_id, seq LIMIT 2;
SELECT customer_id, seq FROM fx_orders WHERE (customer_id, seq) > (2, 1) ORDER BY customer_id, seq LIMIT 2 OFFSET 2;
SELECT customer_id, seq FROM fx_orders WHERE (customer_id, seq) < (3, 1) ORDER BY customer_id DESC, seq DESC LIMIT 3;
SELECT customer_id, seq FROM fx_orders WHERE customer_id = 4 AND (customer_id, seq) >= (4, 2) ORDER BY seq;
SELECT c.region, o.state, sum(o.amount) FROM fx_customers c JOIN fx_orders o ON o.customer_id = c.id GROUP BY ROLLUP (c.region, o.state) ORDER BY grouping(c.region, o.state), c.region, o.state;
SELECT c.region, count(DISTINCT c.id) AS customers, count(o.seq) AS orders FROM fx_customers c LEFT JOIN fx_orders o ON o.customer_id = c.id GROUP BY CUBE (c.region) ORDER BY grouping(c.region), c.region;
SELECT coalesce(c.name, 'all') AS who, sum(o.amount) FROM fx_customers c JOIN fx_orders o ON o.customer_id = c.id GROUP BY GROUPING SETS ((c.name), ()) ORDER BY grouping(c.name), who;
SELECT state, count(*) FROM fx_orders GROUP BY ROLLUP (state) ORDER BY grouping(state), state NULLS FIRST;
WITH bump AS (UPDATE fx_counters SET n = n + 1 WHERE name = 'orders' RETURNING n) INSERT INTO fx_orders SELECT 3, n, 0.50, 'open' FROM bump RETURNING customer_id, seq;
SELECT name, n FROM fx_counters ORDER BY name;
WITH ins AS (INSERT INTO fx_counters VALUES ('orders', 100) ON CONFLICT (name) DO UPDATE SET n = fx_counters.n + 1 RETURNING name, n) SELECT name, n FROM ins;
WITH ins AS (INSERT INTO fx_counters VALUES ('refunds', 1) ON CONFLICT DO NOTHING RETURNING name) SELECT count(*) FROM ins;
WITH ins AS (INSERT INTO fx_counters VALUES ('refunds', 1) ON CONFLICT DO NOTHING RETURNING name) SELECT count(*) FROM ins;
SELECT name, n FROM fx_counters ORDER BY name;
WITH closed AS (UPDATE fx_orders SET state = 'closed' WHERE state = 'open' RETURNING customer_id, seq) SELECT c.name, count(*) FROM closed JOIN fx_customers c ON c.id = closed.customer_id GROUP BY c.name ORDER BY c.name;
WITH d AS (DELETE FROM fx_orders WHERE state IS NULL RETURNING customer_id) UPDATE fx_customers SET region = 'gone' WHERE id IN (SELECT customer_id FROM d) RETURNING id, region;
SELECT id, name, region FROM fx_customers ORDER BY id;
UPDATE fx_orders SET (amount, state) = (amount * 2, 'doubled') WHERE (customer_id, seq) = (1, 1) RETURNING customer_id, seq, amount, state;
UPDATE fx_orders SET (amount, state) = (0, DEFAULT) WHERE customer_id = 2 AND seq = 2 RETURNING amount, state;
SELECT customer_id, seq, amount, state FROM fx_orders ORDER BY customer_id, seq;
DELETE FROM fx_orders WHERE (customer_id, seq) IN ((4, 2), (4, 3)) RETURNING customer_id, seq;
UPDATE fx_orders SET state = 'x' WHERE (customer_id, seq) > (3, 1) RETURNING customer_id, seq;
SELECT count(*) FROM fx_orders WHERE (customer_id, seq) IS NOT NULL;
SELECT c.name, (SELECT count(*) FROM fx_orders o WHERE (o.customer_id, o.state) = (c.id, 'paid')) AS paid FROM fx_customers c ORDER BY c.name;
SELECT name FROM fx_customers c WHERE NOT EXISTS (SELECT 1 FROM fx_orders o WHERE (o.customer_id, o.seq) = (c.id, 1)) ORDER BY name;
SELECT ROW(c.id, c.name)::text FROM fx_customers c ORDER BY c.id;
SELECT fx_counters::text FROM fx_counters ORDER BY name;
UPDATE fx_orders SET (amount, state) = (SELECT 99.00, 'sub') WHERE (customer_id, seq) = (1, 2) RETURNING amount, state;
UPDATE fx_orders SET (amount, state) = (SELECT 1.00, 'none' WHERE false) WHERE (customer_id, seq) = (2, 1) RETURNING amount, state;
UPDATE fx_orders o SET (amount, state) = (SELECT o.amount + 1, o.state || '+') WHERE customer_id = 3 RETURNING seq, amount, state;
SELECT customer_id, seq, amount, state FROM fx_orders ORDER BY customer_id, seq;
-- error 0A000
UPDATE fx_orders SET (amount, state) = (1) WHERE customer_id = 1;
-- error 42601
UPDATE fx_orders SET (amount, state) = (1, 'a', 2) WHERE customer_id = 1;
-- error 42601
UPDATE fx_orders SET (amount, state) = (SELECT 1) WHERE customer_id = 1;
-- error 21000
UPDATE fx_orders SET (amount, state) = (SELECT 1, 'a' UNION ALL SELECT 2, 'b') WHERE customer_id = 1;

-- Subqueries: scalar, IN / NOT IN (and their NULL rules), EXISTS, correlated, derived tables.
CREATE TABLE sq_customers (id int PRIMARY KEY, name text NOT NULL, region text, credit numeric(10,2));
CREATE TABLE sq_orders (id int PRIMARY KEY, customer_id int, total numeric(10,2), status text);
CREATE TABLE sq_blocked (customer_id int PRIMARY KEY);
CREATE TABLE sq_nullable (id int PRIMARY KEY, customer_id int);
INSERT INTO sq_customers VALUES (1, 'Ada', 'north', 100.00), (2, 'Bob', 'south', 50.00), (3, 'Cy', 'north', 0.00),
  (4, 'Dee', NULL, 500.00), (5, 'Eve', 'east', NULL), (6, 'Fay', 'south', 75.00);
INSERT INTO sq_orders VALUES (1, 1, 30.00, 'paid'), (2, 1, 70.00, 'paid'), (3, 2, 15.50, 'open'), (4, 4, 250.00, 'paid'),
  (5, 4, 10.00, 'void'), (6, 9, 5.00, 'paid'), (7, NULL, 1.00, 'open'), (8, 6, 75.00, 'paid');
INSERT INTO sq_blocked VALUES (2), (5);
INSERT INTO sq_nullable VALUES (1, 1), (2, NULL);
SELECT (SELECT max(total) FROM sq_orders);
SELECT name, (SELECT count(*) FROM sq_orders o WHERE o.customer_id = c.id) AS orders FROM sq_customers c ORDER BY c.id;
SELECT name, (SELECT sum(total) FROM sq_orders o WHERE o.customer_id = c.id) AS spent FROM sq_customers c ORDER BY c.id;
SELECT name, (SELECT max(o.total) FROM sq_orders o WHERE o.customer_id = c.id AND o.status = 'paid') AS biggest FROM sq_customers c ORDER BY name;
SELECT id, total, total - (SELECT avg(total) FROM sq_orders) AS vs_avg FROM sq_orders ORDER BY id;
SELECT name FROM sq_customers WHERE credit > (SELECT avg(credit) FROM sq_customers) ORDER BY name;
SELECT name FROM sq_customers WHERE credit = (SELECT max(credit) FROM sq_customers);
SELECT (SELECT name FROM sq_customers WHERE id = 999) AS nobody;
-- error 21000
SELECT (SELECT id FROM sq_customers) AS too_many;
SELECT name FROM sq_customers WHERE id IN (SELECT customer_id FROM sq_orders) ORDER BY name;
SELECT name FROM sq_customers WHERE id IN (SELECT customer_id FROM sq_orders WHERE status = 'paid') ORDER BY name;
SELECT name FROM sq_customers WHERE id NOT IN (SELECT customer_id FROM sq_blocked) ORDER BY name;
SELECT name FROM sq_customers WHERE id NOT IN (SELECT customer_id FROM sq_orders);
SELECT name FROM sq_customers WHERE id NOT IN (SELECT customer_id FROM sq_orders WHERE customer_id IS NOT NULL) ORDER BY name;
SELECT name FROM sq_customers WHERE id NOT IN (SELECT customer_id FROM sq_nullable);
SELECT name FROM sq_customers WHERE id IN (SELECT customer_id FROM sq_nullable);
SELECT id, id IN (SELECT customer_id FROM sq_nullable) AS in_set, id NOT IN (SELECT customer_id FROM sq_nullable) AS not_in FROM sq_customers ORDER BY id;
SELECT name FROM sq_customers WHERE id NOT IN (SELECT customer_id FROM sq_blocked WHERE false) ORDER BY name;
SELECT name FROM sq_customers c WHERE EXISTS (SELECT 1 FROM sq_orders o WHERE o.customer_id = c.id) ORDER BY name;
SELECT name FROM sq_customers c WHERE NOT EXISTS (SELECT 1 FROM sq_orders o WHERE o.customer_id = c.id) ORDER BY name;
SELECT name FROM sq_customers c WHERE EXISTS (SELECT 1 FROM sq_orders o WHERE o.customer_id = c.id AND o.total > 100);
SELECT EXISTS (SELECT 1 FROM sq_orders WHERE status = 'void'), EXISTS (SELECT 1 FROM sq_orders WHERE status = 'lost');
SELECT name FROM sq_customers c WHERE credit > (SELECT coalesce(sum(total), 0) FROM sq_orders o WHERE o.customer_id = c.id) ORDER BY name;
SELECT o.id FROM sq_orders o WHERE o.total = (SELECT max(o2.total) FROM sq_orders o2 WHERE o2.customer_id = o.customer_id) ORDER BY o.id;
SELECT name, region FROM sq_customers c WHERE credit >= ALL (SELECT credit FROM sq_customers c2 WHERE c2.region = c.region AND c2.credit IS NOT NULL) ORDER BY name;
SELECT name FROM sq_customers WHERE credit > ANY (SELECT total FROM sq_orders WHERE status = 'paid') ORDER BY name;
SELECT name FROM sq_customers WHERE id = ANY (SELECT customer_id FROM sq_blocked) ORDER BY name;
SELECT name FROM sq_customers WHERE region IN (SELECT region FROM sq_customers WHERE credit > 90) ORDER BY name;
SELECT customer_id, sum(total) FROM sq_orders GROUP BY customer_id HAVING sum(total) > (SELECT avg(total) FROM sq_orders) ORDER BY customer_id;
SELECT region, count(*) FROM sq_customers c WHERE EXISTS (SELECT 1 FROM sq_orders o WHERE o.customer_id = c.id) GROUP BY region ORDER BY region NULLS LAST;
SELECT t.region, t.n FROM (SELECT region, count(*) AS n FROM sq_customers GROUP BY region) t WHERE t.n > 1 ORDER BY t.region;
SELECT * FROM (SELECT id, name FROM sq_customers ORDER BY id DESC LIMIT 3) last3 ORDER BY id;
SELECT avg(n) FROM (SELECT customer_id, count(*) AS n FROM sq_orders GROUP BY customer_id) per_customer;
SELECT s.status, s.total_sum FROM (SELECT status, sum(total) AS total_sum FROM sq_orders GROUP BY status) AS s ORDER BY s.total_sum DESC;
SELECT x.id, x.doubled FROM (SELECT id, total * 2 AS doubled FROM sq_orders) x WHERE x.doubled > 100 ORDER BY x.id;
SELECT c.name, t.spent FROM sq_customers c JOIN (SELECT customer_id, sum(total) AS spent FROM sq_orders GROUP BY customer_id) t ON t.customer_id = c.id ORDER BY t.spent DESC;
SELECT count(*) FROM (SELECT DISTINCT status FROM sq_orders) d;
SELECT * FROM (SELECT 1 AS a, 'x' AS b) one_row;
SELECT name, CASE WHEN id IN (SELECT customer_id FROM sq_blocked) THEN 'blocked' ELSE 'ok' END AS state FROM sq_customers ORDER BY id;
SELECT id FROM sq_orders WHERE customer_id IN (SELECT id FROM sq_customers WHERE region = 'north') AND total > (SELECT min(total) FROM sq_orders) ORDER BY id;
SELECT (SELECT count(*) FROM sq_customers) + (SELECT count(*) FROM sq_orders) AS total_rows;
-- error 42601
SELECT * FROM (SELECT 1);

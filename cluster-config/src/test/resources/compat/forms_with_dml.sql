-- INSERT, UPDATE and DELETE in WITH, and WITH on INSERT, UPDATE and DELETE: one snapshot for
-- every part, RETURNING rows read by the main statement, each WITH query run exactly once.
CREATE TABLE fw_orders (id int PRIMARY KEY, customer text NOT NULL, status text, total numeric(10,2));
CREATE TABLE fw_archive (id int PRIMARY KEY, customer text, total numeric(10,2));
CREATE TABLE fw_log (id int PRIMARY KEY, what text, n int);
INSERT INTO fw_orders VALUES (1, 'ann', 'new', 10.00), (2, 'bob', 'paid', 25.00), (3, 'ann', 'paid', 7.50),
  (4, 'cid', 'cancelled', 3.00), (5, 'bob', 'new', 40.00), (6, 'dee', NULL, 0.00);
WITH t AS (SELECT customer, sum(total) AS s FROM fw_orders GROUP BY customer) SELECT customer, s FROM t ORDER BY customer;
WITH gone AS (DELETE FROM fw_orders WHERE status = 'cancelled' RETURNING id, customer, total) SELECT id, customer, total FROM gone;
SELECT id FROM fw_orders ORDER BY id;
WITH moved AS (DELETE FROM fw_orders WHERE total = 0 RETURNING id, customer, total) INSERT INTO fw_archive SELECT id, customer, total FROM moved;
SELECT id, customer, total FROM fw_archive ORDER BY id;
WITH moved AS (DELETE FROM fw_orders WHERE id = 3 RETURNING *) INSERT INTO fw_archive SELECT id, customer, total FROM moved RETURNING id, customer;
SELECT (SELECT count(*) FROM fw_orders) AS orders, (SELECT count(*) FROM fw_archive) AS archived;
WITH paid AS (UPDATE fw_orders SET status = 'paid' WHERE status = 'new' RETURNING id, total) SELECT count(*), sum(total) FROM paid;
SELECT id, status FROM fw_orders ORDER BY id;
WITH up AS (UPDATE fw_orders SET total = total + 1 WHERE id = 2 RETURNING total) SELECT (SELECT total FROM fw_orders WHERE id = 2) AS before, (SELECT total FROM up) AS after;
SELECT total FROM fw_orders WHERE id = 2;
WITH ins AS (INSERT INTO fw_orders VALUES (10, 'eve', 'new', 12.00), (11, 'eve', 'new', 8.00) RETURNING id) SELECT count(*) FROM ins;
WITH ins AS (INSERT INTO fw_orders VALUES (12, 'fay', 'new', 1.00) RETURNING id) SELECT count(*) FROM fw_orders;
SELECT count(*) FROM fw_orders;
WITH ins AS (INSERT INTO fw_orders VALUES (13, 'gus', 'new', 2.00) RETURNING *) SELECT ins.id, o.id FROM ins, fw_orders o WHERE o.customer = 'gus';
WITH a AS (INSERT INTO fw_log VALUES (1, 'a', 1) RETURNING id), b AS (INSERT INTO fw_log VALUES (2, 'b', 2) RETURNING id) SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM b) AS n;
WITH a AS (INSERT INTO fw_log VALUES (3, 'unread', 3)) SELECT count(*) FROM fw_log;
SELECT id, what, n FROM fw_log ORDER BY id;
WITH d AS (DELETE FROM fw_log WHERE n = 3 RETURNING n), s AS (SELECT sum(n) AS total FROM d) SELECT total FROM s;
WITH d AS (DELETE FROM fw_log WHERE id = 1 RETURNING id, what), i AS (INSERT INTO fw_log SELECT id + 100, what || '!', 0 FROM d RETURNING id, what) SELECT id, what FROM i;
SELECT id, what, n FROM fw_log ORDER BY id;
WITH u AS (UPDATE fw_log SET n = n + 10 RETURNING id, n) SELECT id, n FROM u ORDER BY id LIMIT 1;
SELECT id, n FROM fw_log ORDER BY id;
WITH c AS (SELECT id FROM fw_orders WHERE customer = 'eve') DELETE FROM fw_orders WHERE id IN (SELECT id FROM c);
SELECT count(*) FROM fw_orders WHERE customer = 'eve';
WITH c AS (SELECT id, total FROM fw_orders WHERE status = 'paid') UPDATE fw_orders o SET total = c.total * 2 FROM c WHERE o.id = c.id;
SELECT id, total FROM fw_orders ORDER BY id;
WITH m AS (SELECT max(id) AS top FROM fw_orders) INSERT INTO fw_orders SELECT top + 1, 'hal', 'new', 5.00 FROM m RETURNING id, customer;
WITH d AS (DELETE FROM fw_orders WHERE customer = 'hal' RETURNING id) UPDATE fw_log SET n = n + (SELECT count(*) FROM d) WHERE id = 2;
SELECT id, n FROM fw_log ORDER BY id;
WITH d AS (DELETE FROM fw_log WHERE id = 2 RETURNING *) UPDATE fw_log SET n = -1 WHERE id = 2;
SELECT id, n FROM fw_log ORDER BY id;
WITH u AS (UPDATE fw_log SET n = 1 WHERE id = 101 RETURNING *) UPDATE fw_log SET n = 2 WHERE id = 101;
SELECT id, n FROM fw_log ORDER BY id;
WITH x AS (DELETE FROM fw_archive RETURNING id) DELETE FROM fw_log WHERE id > 100 RETURNING id, what;
SELECT count(*) FROM fw_archive;
WITH s AS (SELECT customer, count(*) AS n FROM fw_orders GROUP BY customer) INSERT INTO fw_log SELECT 200 + row_number() OVER (ORDER BY customer), customer, n FROM s;
SELECT id, what, n FROM fw_log ORDER BY id;
WITH u AS (UPDATE fw_orders SET status = 'shipped' WHERE id = 2 RETURNING id, status) SELECT o.id, o.status, u.status AS new_status FROM fw_orders o JOIN u ON u.id = o.id;
WITH u AS (UPDATE fw_orders SET total = total WHERE false RETURNING id) SELECT count(*) FROM u;
-- error 0A000
WITH d AS (DELETE FROM fw_log WHERE id = 1) SELECT * FROM d;
-- error 0A000
SELECT * FROM (WITH d AS (DELETE FROM fw_log RETURNING *) SELECT * FROM d) x;
-- error 23505
WITH a AS (INSERT INTO fw_log VALUES (500, 'x', 0)) INSERT INTO fw_log VALUES (500, 'y', 0);
SELECT count(*) FROM fw_log WHERE id = 500;
-- error 23502
WITH a AS (INSERT INTO fw_orders VALUES (600, NULL, 'new', 1.00) RETURNING id) SELECT * FROM a;
-- error 42P01
WITH a AS (DELETE FROM fw_nowhere RETURNING *) SELECT * FROM a;
-- error 42703
WITH a AS (UPDATE fw_log SET nope = 1 RETURNING *) SELECT * FROM a;
BEGIN;
WITH d AS (DELETE FROM fw_log RETURNING id) SELECT count(*) FROM d;
SELECT count(*) FROM fw_log;
ROLLBACK;
SELECT count(*) FROM fw_log;

-- Views: named queries usable in every query form.
CREATE TABLE vw_orders (id int PRIMARY KEY, customer text, amount numeric(10,2), status text);
INSERT INTO vw_orders VALUES (1, 'ann', 10.50, 'open'), (2, 'bob', 20.00, 'paid'), (3, 'ann', 5.25, 'paid'), (4, 'cid', NULL, 'open');
CREATE VIEW vw_paid AS SELECT id, customer, amount FROM vw_orders WHERE status = 'paid';
SELECT * FROM vw_paid ORDER BY id;
SELECT customer, sum(amount) FROM vw_paid GROUP BY customer ORDER BY customer;
SELECT p.id, o.status FROM vw_paid p JOIN vw_orders o ON o.id = p.id ORDER BY p.id;
SELECT count(*) FROM vw_orders o WHERE EXISTS (SELECT 1 FROM vw_paid p WHERE p.customer = o.customer);
CREATE VIEW vw_totals (who, total, n) AS SELECT customer, sum(amount), count(*) FROM vw_orders GROUP BY customer;
SELECT * FROM vw_totals ORDER BY who;
SELECT who FROM vw_totals WHERE total > 10 ORDER BY who;
CREATE VIEW vw_big AS SELECT * FROM vw_totals WHERE n > 1;
SELECT * FROM vw_big;
SELECT t.who, b.total FROM vw_totals t LEFT JOIN vw_big b ON b.who = t.who ORDER BY t.who;
SELECT x.a FROM vw_paid AS x(a) ORDER BY 1;
WITH w AS (SELECT * FROM vw_paid) SELECT count(*) FROM w;
SELECT id FROM vw_paid UNION SELECT id FROM vw_orders WHERE status = 'open' ORDER BY 1;
INSERT INTO vw_orders VALUES (5, 'dan', 7.00, 'paid');
SELECT * FROM vw_paid ORDER BY id;
CREATE OR REPLACE VIEW vw_paid AS SELECT id, customer, amount, status FROM vw_orders WHERE status = 'paid';
SELECT * FROM vw_paid ORDER BY id;
-- error 42P16
CREATE OR REPLACE VIEW vw_paid AS SELECT id, customer FROM vw_orders;
-- error 42P16
CREATE OR REPLACE VIEW vw_paid AS SELECT id AS ident, customer, amount, status FROM vw_orders;
-- error 42P16
CREATE OR REPLACE VIEW vw_paid AS SELECT id, customer, amount::text, status FROM vw_orders;
-- error 42P07
CREATE VIEW vw_paid AS SELECT 1;
-- error 42P07
CREATE VIEW vw_orders AS SELECT 1;
-- error 42809
CREATE OR REPLACE VIEW vw_orders AS SELECT 1;
-- error 42601
CREATE VIEW vw_bad (a, b) AS SELECT 1;
-- error 42701
CREATE VIEW vw_bad AS SELECT 1 AS a, 2 AS a;
-- error 42P02
CREATE VIEW vw_bad AS SELECT $1::int;
-- error 42P01
CREATE VIEW vw_bad AS SELECT * FROM nope;
-- error 42809
DROP TABLE vw_paid;
-- error 42809
DROP VIEW vw_orders;
-- error 42809
TRUNCATE vw_paid;
-- error 42809
CREATE INDEX ON vw_paid (id);
-- error 42P01
DROP VIEW nope;
DROP VIEW IF EXISTS nope;
-- error 2BP01
DROP TABLE vw_orders;
-- error 2BP01
DROP VIEW vw_totals;
CREATE VIEW vw_one AS SELECT 1 AS one, 'x'::text AS t;
SELECT * FROM vw_one;
DROP VIEW vw_big, vw_one;
-- error 42P01
SELECT * FROM vw_big;
DROP VIEW vw_totals;
DROP VIEW vw_paid;
DROP TABLE vw_orders;
-- A view follows renames of its table and of the table's columns.
CREATE TABLE vw_rn (id int PRIMARY KEY, qty int, note text);
INSERT INTO vw_rn VALUES (1, 5, 'a'), (2, 15, 'b'), (3, 25, 'c');
CREATE VIEW vw_rn_big AS SELECT id, qty FROM vw_rn WHERE qty > 10;
CREATE VIEW vw_rn_join AS SELECT r.id, r.note, b.qty FROM vw_rn r JOIN vw_rn_big b ON b.id = r.id;
CREATE VIEW vw_rn_sub AS SELECT vw_rn.note FROM vw_rn WHERE vw_rn.qty IN (SELECT qty FROM vw_rn WHERE id > 1);
ALTER TABLE vw_rn RENAME TO vw_rn2;
SELECT * FROM vw_rn_big ORDER BY id;
SELECT * FROM vw_rn_join ORDER BY id;
SELECT * FROM vw_rn_sub ORDER BY note;
ALTER TABLE vw_rn2 RENAME COLUMN qty TO amount;
SELECT * FROM vw_rn_big ORDER BY id;
SELECT * FROM vw_rn_join ORDER BY id;
SELECT * FROM vw_rn_sub ORDER BY note;
SELECT column_name FROM information_schema.columns WHERE table_name = 'vw_rn_big' ORDER BY ordinal_position;
ALTER TABLE vw_rn2 RENAME COLUMN note TO remark;
SELECT note FROM vw_rn_join WHERE id = 3;
-- error 42P01
SELECT * FROM vw_rn;
-- error 42703
SELECT qty FROM vw_rn2;
-- error 2BP01
DROP TABLE vw_rn2;
DROP VIEW vw_rn_join;
DROP VIEW vw_rn_big, vw_rn_sub;
DROP TABLE vw_rn2;

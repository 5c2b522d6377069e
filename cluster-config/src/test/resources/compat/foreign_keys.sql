-- FOREIGN KEY constraints: declared in CREATE TABLE and ALTER TABLE, enforced on every write, shown by the catalog.
CREATE TABLE fk_customers (id int PRIMARY KEY, email text UNIQUE, name text);
CREATE TABLE fk_orders (id int PRIMARY KEY, customer_id int REFERENCES fk_customers, note text);
CREATE TABLE fk_lines (order_id int NOT NULL, line int NOT NULL, qty int, PRIMARY KEY (order_id, line),
  CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES fk_orders (id) ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE fk_notes (id int PRIMARY KEY, order_id int REFERENCES fk_orders (id) ON DELETE SET NULL, txt text);
CREATE TABLE fk_tags (id int PRIMARY KEY, email text REFERENCES fk_customers (email) ON UPDATE CASCADE);
INSERT INTO fk_customers VALUES (1, 'a@x', 'Ann'), (2, 'b@x', 'Bob'), (3, 'c@x', 'Cy');
INSERT INTO fk_orders VALUES (10, 1, 'first'), (11, 1, 'second'), (12, 2, 'third'), (13, NULL, 'walk-in');
-- error 23503
INSERT INTO fk_orders VALUES (14, 99, 'nobody');
INSERT INTO fk_lines VALUES (10, 1, 5), (10, 2, 1), (11, 1, 2), (12, 1, 7);
-- error 23503
INSERT INTO fk_lines VALUES (77, 1, 1);
INSERT INTO fk_notes VALUES (1, 10, 'gift'), (2, 11, 'rush'), (3, NULL, 'none');
INSERT INTO fk_tags VALUES (1, 'a@x'), (2, 'b@x');
-- error 23503
INSERT INTO fk_tags VALUES (3, 'zz@x');
-- error 23503
UPDATE fk_orders SET customer_id = 42 WHERE id = 10;
UPDATE fk_orders SET customer_id = 3 WHERE id = 12;
-- error 23503
DELETE FROM fk_customers WHERE id = 1;
-- error 23503
UPDATE fk_customers SET id = 100 WHERE id = 1;
UPDATE fk_customers SET name = 'Annie' WHERE id = 1;
DELETE FROM fk_tags WHERE id = 2;
DELETE FROM fk_customers WHERE id = 2 RETURNING id;
UPDATE fk_customers SET email = 'ann@x' WHERE id = 1;
SELECT id, email FROM fk_tags ORDER BY id;
DELETE FROM fk_orders WHERE id = 10;
SELECT order_id, line FROM fk_lines ORDER BY 1, 2;
SELECT id, order_id, txt FROM fk_notes ORDER BY id;
-- error 23503
UPDATE fk_orders SET id = 111 WHERE id = 11;
UPDATE fk_notes SET order_id = NULL WHERE order_id = 11;
UPDATE fk_orders SET id = 111 WHERE id = 11;
SELECT order_id, line, qty FROM fk_lines ORDER BY 1, 2;
SELECT id, order_id FROM fk_notes ORDER BY id;
DELETE FROM fk_orders WHERE id = 111;
SELECT count(*) FROM fk_lines;
INSERT INTO fk_orders VALUES (20, 3, 'later') ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id;
-- error 23503
INSERT INTO fk_orders VALUES (20, 77, 'later') ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id;
SELECT conname, contype, confupdtype, confdeltype, confmatchtype, conkey, confkey FROM pg_constraint WHERE conrelid IN ('fk_orders'::regclass, 'fk_lines'::regclass, 'fk_notes'::regclass, 'fk_tags'::regclass) AND contype = 'f' ORDER BY 1;
SELECT conname, confrelid::regclass, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text LIKE 'fk\_%' ORDER BY 1;
SELECT c.conname, i.relname FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE c.contype = 'f' AND c.conname LIKE 'fk\_%' ORDER BY 1;
SELECT constraint_name, update_rule, delete_rule, match_option, unique_constraint_name FROM information_schema.referential_constraints WHERE constraint_name LIKE 'fk\_%' ORDER BY 1;
SELECT constraint_name, table_name, constraint_type FROM information_schema.table_constraints WHERE constraint_type = 'FOREIGN KEY' AND table_name LIKE 'fk\_%' ORDER BY 1;
SELECT constraint_name, column_name, ordinal_position, position_in_unique_constraint FROM information_schema.key_column_usage WHERE constraint_name LIKE 'fk\_%fkey' OR constraint_name = 'fk_lines_order' ORDER BY 1, 3;
SELECT constraint_name, table_name, column_name FROM information_schema.constraint_column_usage WHERE constraint_name LIKE 'fk\_%fkey' ORDER BY 1, 3;
-- error 2BP01
DROP TABLE fk_customers;
-- error 2BP01
ALTER TABLE fk_customers DROP COLUMN email;
-- error 0A000
TRUNCATE fk_orders;
TRUNCATE fk_orders, fk_lines, fk_notes;
-- error 42P01
CREATE TABLE fk_bad1 (a int REFERENCES fk_nothing);
-- error 42830
CREATE TABLE fk_bad2 (a text REFERENCES fk_customers (name));
-- error 42804
CREATE TABLE fk_bad3 (a text REFERENCES fk_customers (id));
-- error 42703
CREATE TABLE fk_bad4 (a int, FOREIGN KEY (b) REFERENCES fk_customers (id));
-- error 42830
CREATE TABLE fk_bad5 (a int, b int, FOREIGN KEY (a, b) REFERENCES fk_customers (id));
CREATE TABLE fk_tree (id int PRIMARY KEY, parent int REFERENCES fk_tree (id) ON DELETE CASCADE);
INSERT INTO fk_tree VALUES (1, NULL), (2, 1), (3, 2), (4, 1);
-- error 23503
INSERT INTO fk_tree VALUES (5, 9);
DELETE FROM fk_tree WHERE id = 2;
SELECT id, parent FROM fk_tree ORDER BY id;
CREATE TABLE fk_late (id int PRIMARY KEY, cust int);
INSERT INTO fk_late VALUES (1, 1), (2, 3);
ALTER TABLE fk_late ADD CONSTRAINT fk_late_cust FOREIGN KEY (cust) REFERENCES fk_customers (id) ON DELETE RESTRICT;
-- error 23503
INSERT INTO fk_late VALUES (3, 5);
ALTER TABLE fk_late DROP CONSTRAINT fk_late_cust;
INSERT INTO fk_late VALUES (4, 99);
-- error 23503
ALTER TABLE fk_late ADD FOREIGN KEY (cust) REFERENCES fk_customers;
DELETE FROM fk_late WHERE id = 4;
ALTER TABLE fk_late ADD FOREIGN KEY (cust) REFERENCES fk_customers;
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'fk_late'::regclass;
ALTER TABLE fk_customers RENAME TO fk_clients;
SELECT conname, confrelid::regclass FROM pg_constraint WHERE conrelid = 'fk_late'::regclass;
-- error 23503
INSERT INTO fk_late VALUES (5, 55);
ALTER TABLE fk_late DROP COLUMN cust;
SELECT count(*) FROM pg_constraint WHERE conrelid = 'fk_late'::regclass AND contype = 'f';
DROP TABLE fk_late;
DROP TABLE fk_tree;
DROP TABLE fk_tags;
DROP TABLE fk_notes;
DROP TABLE fk_lines;
DROP TABLE fk_orders;
DROP TABLE fk_clients;

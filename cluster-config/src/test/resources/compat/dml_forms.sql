-- DML forms: INSERT ... SELECT, ON CONFLICT, UPDATE ... FROM, DELETE ... USING, DEFAULTs,
-- RETURNING everywhere, SELECT ... FOR UPDATE.
CREATE TABLE df_products (sku text PRIMARY KEY, name text NOT NULL, price numeric(8,2) NOT NULL DEFAULT 0, stock int NOT NULL DEFAULT 0, updated_at timestamp DEFAULT TIMESTAMP '2024-01-01 00:00:00');
CREATE TABLE df_incoming (sku text PRIMARY KEY, name text, price numeric(8,2), qty int);
CREATE TABLE df_archive (sku text PRIMARY KEY, name text, price numeric(8,2));
CREATE TABLE df_discontinued (sku text PRIMARY KEY);
INSERT INTO df_products (sku, name, price, stock) VALUES ('A1', 'anvil', 99.90, 3), ('B2', 'bucket', 4.50, 40), ('C3', 'chain', 12.00, 0);
INSERT INTO df_incoming VALUES ('A1', 'anvil', 89.90, 2), ('D4', 'drill', 59.00, 5), ('E5', 'easel', 25.00, 1), ('B2', 'bucket v2', NULL, 10);
INSERT INTO df_discontinued VALUES ('C3'), ('Z9');
INSERT INTO df_products (sku, name) VALUES ('F6', 'file');
INSERT INTO df_products (sku, name, price, stock) VALUES ('G7', 'glue', DEFAULT, DEFAULT);
INSERT INTO df_products VALUES ('H8', 'hammer', 15.00, 7, DEFAULT) RETURNING sku, updated_at;
SELECT sku, name, price, stock, updated_at FROM df_products ORDER BY sku;
UPDATE df_products SET (price, stock) = (price + 1, stock + 1) WHERE sku = 'F6' RETURNING price, stock;
UPDATE df_products SET updated_at = DEFAULT, stock = DEFAULT WHERE sku = 'H8' RETURNING updated_at, stock;
-- error 23502
INSERT INTO df_products DEFAULT VALUES;
CREATE TABLE df_log (id int PRIMARY KEY, msg text DEFAULT 'created', n int DEFAULT 1);
INSERT INTO df_log (id) VALUES (1), (2), (3) RETURNING id, msg, n;
INSERT INTO df_log VALUES (4, DEFAULT, 42), (5, 'explicit', DEFAULT) RETURNING *;
-- One session sees the same rows with FOR UPDATE; what it must add (the rows in the
-- transaction's conflict set) takes two sessions, beyond this harness.
BEGIN;
SELECT id, msg FROM df_log WHERE id = 1 FOR UPDATE;
UPDATE df_log SET msg = 'locked and changed' WHERE id = 1;
COMMIT;
SELECT msg FROM df_log WHERE id = 1;
SELECT id FROM df_log WHERE id <= 2 ORDER BY id FOR UPDATE;

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
INSERT INTO df_archive SELECT sku, name, price FROM df_products WHERE stock = 0;
INSERT INTO df_archive (sku, name, price) SELECT sku || '-old', upper(name), price * 2 FROM df_products WHERE price > 50 RETURNING sku, name, price;
SELECT * FROM df_archive ORDER BY sku;
INSERT INTO df_products (sku, name, price, stock) VALUES ('A1', 'dup', 1, 1) ON CONFLICT DO NOTHING;
INSERT INTO df_products (sku, name, price, stock) VALUES ('A1', 'dup', 1, 1) ON CONFLICT (sku) DO NOTHING RETURNING sku;
INSERT INTO df_products (sku, name, price, stock) VALUES ('A1', 'anvil', 95.00, 1) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price, stock = df_products.stock + EXCLUDED.stock RETURNING sku, price, stock;
INSERT INTO df_products (sku, name, price, stock) VALUES ('I9', 'ink', 3.00, 100), ('B2', 'bucket', 4.00, 5) ON CONFLICT (sku) DO UPDATE SET stock = df_products.stock + EXCLUDED.stock RETURNING sku, stock;
INSERT INTO df_products (sku, name, price, stock) VALUES ('B2', 'bucket', 1.00, 1) ON CONFLICT (sku) DO UPDATE SET price = EXCLUDED.price WHERE df_products.price < EXCLUDED.price RETURNING sku;
INSERT INTO df_products AS p (sku, name, price, stock) VALUES ('C3', 'chain', 11.00, 4) ON CONFLICT (sku) DO UPDATE SET stock = p.stock + EXCLUDED.stock, name = EXCLUDED.name || '!' RETURNING p.sku, p.name, p.stock;
INSERT INTO df_products (sku, name, price, stock) SELECT sku, name, coalesce(price, 0), qty FROM df_incoming ON CONFLICT (sku) DO UPDATE SET stock = df_products.stock + EXCLUDED.stock;
SELECT sku, name, price, stock FROM df_products ORDER BY sku;
-- error 21000
INSERT INTO df_products (sku, name) VALUES ('J1', 'x'), ('J1', 'y') ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name;
-- error 42P10
INSERT INTO df_products (sku, name) VALUES ('K1', 'x') ON CONFLICT (name) DO NOTHING;
UPDATE df_products p SET price = i.price FROM df_incoming i WHERE i.sku = p.sku AND i.price IS NOT NULL;
UPDATE df_products SET stock = df_products.stock - i.qty FROM df_incoming i WHERE i.sku = df_products.sku AND i.qty < 3 RETURNING df_products.sku, df_products.stock, i.qty;
SELECT sku, price, stock FROM df_products ORDER BY sku;
UPDATE df_products SET (price, stock) = (price + 1, stock + 1) WHERE sku = 'F6' RETURNING price, stock;
UPDATE df_products SET price = (SELECT max(price) FROM df_archive) WHERE sku = 'G7' RETURNING price;
UPDATE df_products SET updated_at = DEFAULT, stock = DEFAULT WHERE sku = 'H8' RETURNING updated_at, stock;
DELETE FROM df_products p USING df_discontinued d WHERE d.sku = p.sku RETURNING p.sku;
DELETE FROM df_products WHERE sku IN (SELECT sku FROM df_archive) RETURNING sku;
DELETE FROM df_products WHERE stock > (SELECT avg(stock) FROM df_products) RETURNING sku, stock;
SELECT sku FROM df_products ORDER BY sku;
-- error 23502
INSERT INTO df_products DEFAULT VALUES;
CREATE TABLE df_log (id int PRIMARY KEY, msg text DEFAULT 'created', n int DEFAULT 1);
INSERT INTO df_log (id) VALUES (1), (2), (3) RETURNING id, msg, n;
INSERT INTO df_log VALUES (4, DEFAULT, 42), (5, 'explicit', DEFAULT) RETURNING *;
INSERT INTO df_log SELECT id + 10, msg || ' copy', n FROM df_log WHERE id <= 2 RETURNING id, msg;
INSERT INTO df_log (id, msg) SELECT g, 'gen ' || g FROM generate_series(20, 24) g;
SELECT count(*), min(id), max(id) FROM df_log;
UPDATE df_log SET n = n * 10 WHERE id > 10 RETURNING id, n;
DELETE FROM df_log WHERE id >= 20 RETURNING id;
-- One session sees the same rows with FOR UPDATE; what it must add (the rows in the
-- transaction's conflict set) takes two sessions, beyond this harness.
BEGIN;
SELECT id, msg FROM df_log WHERE id = 1 FOR UPDATE;
UPDATE df_log SET msg = 'locked and changed' WHERE id = 1;
COMMIT;
SELECT msg FROM df_log WHERE id = 1;
SELECT id FROM df_log WHERE id <= 2 ORDER BY id FOR UPDATE;
SELECT id, msg, n FROM df_log ORDER BY id;

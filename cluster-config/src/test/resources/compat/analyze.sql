-- ANALYZE and pg_class.reltuples: -1 until a table is analyzed, then its row count.
CREATE TABLE an_items (id int PRIMARY KEY, name text);
CREATE INDEX an_items_name ON an_items (name);
INSERT INTO an_items SELECT g, 'n' || g FROM generate_series(1, 250) g;
SELECT relname, reltuples FROM pg_class WHERE relname LIKE 'an\_items%' ORDER BY 1;
ANALYZE an_items;
SELECT relname, reltuples FROM pg_class WHERE relname LIKE 'an\_items%' ORDER BY 1;
DELETE FROM an_items WHERE id > 200;
ANALYZE VERBOSE an_items;
SELECT relname, reltuples FROM pg_class WHERE relname LIKE 'an\_items%' ORDER BY 1;
CREATE TABLE an_empty (a int PRIMARY KEY);
ANALYZE;
SELECT relname, reltuples FROM pg_class WHERE relname IN ('an_items', 'an_empty') ORDER BY 1;
-- error 42P01
ANALYZE an_nothing;
BEGIN READ ONLY;
ANALYZE an_items;
ROLLBACK;
DROP TABLE an_empty;
DROP TABLE an_items;

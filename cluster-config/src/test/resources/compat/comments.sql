-- COMMENT ON: tables, views, columns, indexes and constraints; read back through the catalog.
CREATE TABLE cm (id int PRIMARY KEY, name text, qty int CONSTRAINT cm_qty_pos CHECK (qty > 0), code text UNIQUE);
CREATE INDEX cm_name ON cm (name);
CREATE VIEW cm_v AS SELECT id, name FROM cm;
COMMENT ON TABLE cm IS 'the items';
COMMENT ON COLUMN cm.name IS 'what it is called';
COMMENT ON COLUMN public.cm.qty IS 'how many';
COMMENT ON INDEX cm_name IS 'by name';
COMMENT ON INDEX cm_pkey IS 'the key';
COMMENT ON CONSTRAINT cm_qty_pos ON cm IS 'positive';
COMMENT ON CONSTRAINT cm_code_key ON cm IS 'codes differ';
COMMENT ON VIEW cm_v IS 'a view';
COMMENT ON COLUMN cm_v.name IS 'its name';
SELECT obj_description('cm'::regclass, 'pg_class');
SELECT obj_description('cm'::regclass);
SELECT col_description('cm'::regclass, 1), col_description('cm'::regclass, 2), col_description('cm'::regclass, 3);
SELECT obj_description('cm_name'::regclass, 'pg_class'), obj_description('cm_pkey'::regclass, 'pg_class');
SELECT obj_description('cm_v'::regclass, 'pg_class'), col_description('cm_v'::regclass, 2);
SELECT c.conname, obj_description(c.oid, 'pg_constraint') FROM pg_constraint c WHERE c.conrelid = 'cm'::regclass ORDER BY 1;
SELECT obj_description('cm'::regclass, 'pg_constraint');
SELECT c.relname, d.objsubid, d.description FROM pg_description d JOIN pg_class c ON c.oid = d.objoid WHERE d.classoid = 'pg_class'::regclass AND c.relname LIKE 'cm%' ORDER BY 1, 2;
SELECT a.attname, d.description FROM pg_attribute a LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.objsubid = a.attnum WHERE a.attrelid = 'cm'::regclass AND a.attnum > 0 ORDER BY a.attnum;
COMMENT ON COLUMN cm.name IS NULL;
COMMENT ON TABLE cm IS '';
SELECT obj_description('cm'::regclass, 'pg_class'), col_description('cm'::regclass, 2);
COMMENT ON TABLE cm IS 'it''s back';
SELECT obj_description('cm'::regclass, 'pg_class');
ALTER TABLE cm RENAME COLUMN qty TO amount;
ALTER TABLE cm RENAME TO cm2;
SELECT obj_description('cm2'::regclass, 'pg_class'), col_description('cm2'::regclass, 3);
DROP VIEW cm_v;
ALTER TABLE cm2 DROP COLUMN name;
SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a WHERE a.attrelid = 'cm2'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname;
CREATE VIEW cm_v AS SELECT id FROM cm2;
-- error 42P01
COMMENT ON TABLE nope IS 'x';
-- error 42703
COMMENT ON COLUMN cm2.nope IS 'x';
-- error 42704
COMMENT ON CONSTRAINT nope ON cm2 IS 'x';
-- error 42809
COMMENT ON TABLE cm_v IS 'x';
-- error 42809
COMMENT ON VIEW cm2 IS 'x';
-- error 42601
COMMENT ON TABLE cm2 IS 42;
-- error 42601
COMMENT ON TABLE cm2;
-- error 42P01
COMMENT ON INDEX nope IS 'x';
DROP VIEW cm_v;
DROP TABLE cm2;
CREATE TABLE cm2 (id int PRIMARY KEY);
SELECT obj_description('cm2'::regclass, 'pg_class');
DROP TABLE cm2;

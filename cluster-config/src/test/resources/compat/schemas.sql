-- Schemas: CREATE/DROP SCHEMA, objects in them by qualified name, the search path, the catalog's view.
CREATE SCHEMA sc_app;
CREATE SCHEMA IF NOT EXISTS sc_app;
-- error 42P06
CREATE SCHEMA sc_app;
-- error 42939
CREATE SCHEMA pg_mine;
CREATE TABLE sc_app.items (id int PRIMARY KEY, name text NOT NULL, qty int DEFAULT 0);
CREATE TABLE items (id int PRIMARY KEY, label text);
CREATE INDEX items_name ON sc_app.items (name);
CREATE INDEX items_name ON items (label);
INSERT INTO sc_app.items (id, name, qty) VALUES (1, 'bolt', 5), (2, 'nut', 7);
INSERT INTO public.items VALUES (10, 'public one');
SELECT id, name, qty FROM sc_app.items ORDER BY id;
SELECT id, label FROM items ORDER BY id;
SELECT i.name, p.label FROM sc_app.items i CROSS JOIN public.items p ORDER BY i.id;
SELECT sc_app.items.name FROM sc_app.items WHERE sc_app.items.id = 2;
UPDATE sc_app.items SET qty = qty + 1 WHERE id = 1;
DELETE FROM sc_app.items WHERE id = 2;
SELECT id, qty FROM sc_app.items ORDER BY id;
CREATE VIEW sc_app.big AS SELECT id, name FROM sc_app.items WHERE qty > 1;
SELECT * FROM sc_app.big;
CREATE SEQUENCE sc_app.counter CACHE 1;
SELECT nextval('sc_app.counter'), nextval('sc_app.counter');
-- error 42P01
SELECT * FROM sc_app.nothing;
-- error 3F000
CREATE TABLE sc_none.t (a int);
-- error 42P01
SELECT * FROM sc_none.t;
SELECT nspname FROM pg_namespace WHERE nspname LIKE 'sc\_%' ORDER BY 1;
SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'sc_app' ORDER BY 2;
SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_name IN ('items', 'big') ORDER BY 1, 2;
SELECT schemaname, tablename, indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY 1, 3;
SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'sc\_%';
SELECT 'sc_app.items'::regclass, 'items'::regclass, 'sc_app'::regnamespace;
SELECT pg_get_indexdef('sc_app.items_name'::regclass);
SELECT pg_table_is_visible('sc_app.items'::regclass), pg_table_is_visible('public.items'::regclass);
SET search_path TO sc_app, public;
SELECT current_schema(), current_schemas(false);
SELECT id, name FROM items ORDER BY id;
SELECT 'items'::regclass, pg_table_is_visible('sc_app.items'::regclass), pg_table_is_visible('public.items'::regclass);
SELECT id, label FROM public.items;
CREATE TABLE made_here (x int PRIMARY KEY);
INSERT INTO made_here VALUES (1);
SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'made_here';
ALTER TABLE made_here ADD COLUMN y text;
ALTER TABLE made_here RENAME TO made_there;
SELECT * FROM sc_app.made_there;
COMMENT ON TABLE made_there IS 'in sc_app';
SELECT obj_description('sc_app.made_there'::regclass, 'pg_class');
DROP TABLE made_there;
DROP INDEX items_name;
SELECT schemaname, indexname FROM pg_indexes WHERE tablename = 'items' ORDER BY 1, 2;
SET search_path TO public;
SELECT id, label FROM items;
-- error 42P01
SELECT * FROM big;
-- error 2BP01
DROP SCHEMA sc_app;
DROP VIEW sc_app.big;
DROP SEQUENCE sc_app.counter;
DROP TABLE sc_app.items;
DROP SCHEMA sc_app;
DROP SCHEMA IF EXISTS sc_app;
-- error 3F000
DROP SCHEMA sc_app;
SET search_path TO sc_gone;
-- error 3F000
CREATE TABLE orphan (a int);
RESET search_path;
DROP INDEX items_name;
DROP TABLE items;
DROP TABLE IF EXISTS sc_gone.t;
DROP VIEW IF EXISTS sc_gone.v;
-- error 3F000
DROP TABLE sc_gone.t;
-- error 3F000
ALTER TABLE sc_gone.t ADD COLUMN b int;
-- error 3F000
SELECT nextval('sc_gone.s');

-- System catalogs: pg_catalog and information_schema as psql, pgjdbc and ORMs query them.
-- OIDs of user objects, owners and the database's name differ by nature and are not compared.
CREATE TABLE cat_customers (id bigint PRIMARY KEY, email varchar(120) NOT NULL UNIQUE, name text, created_at timestamptz NOT NULL DEFAULT now(), active boolean DEFAULT true, balance numeric(12,2) DEFAULT 0, code char(3) DEFAULT 'abc', rank int DEFAULT -1);
CREATE TABLE cat_orders (customer_id bigint NOT NULL, order_no integer NOT NULL, placed date, total numeric, note char(10), tags text[], PRIMARY KEY (customer_id, order_no));
CREATE INDEX cat_orders_placed ON cat_orders (placed) INCLUDE (total);
CREATE UNIQUE INDEX cat_orders_note ON cat_orders (note, placed);
CREATE TABLE cat_events (payload jsonb, at timestamp(3), dur interval, uid uuid, ratio double precision, small smallint, r real, b bytea, t time, tz timetz, d date, v varchar, big bigint, n numeric(5), UNIQUE (uid, at));
CREATE TABLE "Cat Mixed" ("Id" int PRIMARY KEY, "select" text);
-- pg_class, pg_namespace
SELECT c.relname, c.relkind::text, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY c.relname;
SELECT relname, relnatts, relhasindex, relpersistence::text, relispartition, relchecks, relhasrules, relhastriggers, reltuples FROM pg_catalog.pg_class WHERE relname LIKE 'cat%' AND relkind = 'r' ORDER BY relname;
SELECT relname, relam = (SELECT oid FROM pg_am WHERE amname = 'btree') AS btree FROM pg_class WHERE relkind = 'i' AND relname LIKE 'cat%' ORDER BY relname;
SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'pg_catalog', 'information_schema') ORDER BY nspname;
SELECT oid, nspname FROM pg_namespace WHERE nspname IN ('public', 'pg_catalog') ORDER BY oid;
SELECT count(*) FROM pg_class WHERE relname = 'pg_class';
SELECT relname FROM pg_class WHERE oid = 'cat_orders'::regclass;
SELECT 'cat_orders'::regclass, 'public.cat_orders'::regclass, '"Cat Mixed"'::regclass, 'pg_class'::regclass, 'pg_catalog.pg_type'::regclass;
SELECT 'pg_class'::regclass::oid, 'pg_namespace'::regclass::oid, 'pg_attribute'::regclass::oid, 'pg_type'::regclass::oid;
SELECT 'cat_orders'::regclass::oid = (SELECT oid FROM pg_class WHERE relname = 'cat_orders');
SELECT relname::regclass FROM pg_class WHERE relname IN ('cat_orders', 'cat_events') ORDER BY relname;
-- error 42P01
SELECT 'no_such_table'::regclass;
SELECT to_regclass('no_such_table') IS NULL, to_regclass('cat_orders');
SELECT c.relname FROM pg_class c WHERE c.relname OPERATOR(pg_catalog.~) '^(cat_orders)$' COLLATE pg_catalog.default AND pg_catalog.pg_table_is_visible(c.oid);
SELECT pg_table_is_visible('cat_orders'::regclass), pg_table_is_visible('pg_class'::regclass);
-- pg_attribute, pg_type, format_type, defaults
SELECT a.attname, a.attnum, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef, a.attisdropped, a.atttypmod FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'cat_customers'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname, a.attlen, a.attndims FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = 'cat_events'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = 'cat_orders'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = 'cat_customers'::regclass ORDER BY a.attnum;
SELECT a.attname, (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef) AS def, a.attnotnull FROM pg_catalog.pg_attribute a WHERE a.attrelid = 'cat_customers'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SELECT a.attname, a.attidentity::text, a.attgenerated::text, a.attcollation <> 0 AS collatable FROM pg_attribute a WHERE a.attrelid = 'cat_customers'::regclass AND a.attnum > 0 ORDER BY a.attnum;
SELECT format_type(23, -1), format_type(1043, 24), format_type(1042, -1), format_type(1042, 14), format_type(1700, 655366), format_type(1184, 3), format_type(1009, -1), format_type(1015, 14), format_type(16, -1), format_type(99999, -1);
SELECT typname, typlen, typtype::text, typcategory::text, typelem, typarray FROM pg_type WHERE typname IN ('int4', '_int4', 'text', 'varchar', 'numeric', 'bool', 'timestamptz', 'uuid', 'jsonb', 'bytea', 'interval', 'date') ORDER BY typname;
SELECT oid, typname FROM pg_type WHERE oid IN (16, 20, 21, 23, 25, 700, 701, 1043, 1082, 1114, 1184, 1700, 2950, 3802) ORDER BY oid;
SELECT 23::regtype, 'integer'::regtype, 'character varying'::regtype, 'int8'::regtype::oid, 'text[]'::regtype, 1043::regtype::text;
SELECT typinput = 'array_in'::regproc AS is_array, typname FROM pg_type WHERE typname IN ('_int4', 'int4') ORDER BY typname;
-- error 42704
SELECT 'no_such_type'::regtype;
SELECT 'public'::regnamespace, 2200::regnamespace, 11::regnamespace::text, 'pg_catalog'::regnamespace::oid;
-- error 3F000
SELECT 'no_such_schema'::regnamespace;
SELECT t.typname FROM pg_type t WHERE t.oid = 'cat_orders'::regclass;
-- pg_index, pg_constraint, pg_get_indexdef, pg_get_constraintdef
SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, i.indnatts, i.indnkeyatts, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true) FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i WHERE c.relname = 'cat_orders' AND c.oid = i.indrelid AND i.indexrelid = c2.oid ORDER BY i.indisprimary DESC, c2.relname;
SELECT c2.relname, pg_get_indexdef(i.indexrelid), pg_get_indexdef(i.indexrelid, 1, false), pg_get_indexdef(i.indexrelid, 2, true) FROM pg_index i JOIN pg_class c2 ON c2.oid = i.indexrelid WHERE i.indrelid = 'cat_customers'::regclass ORDER BY c2.relname;
SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = '"Cat Mixed"'::regclass;
SELECT conname, contype::text, condeferrable, condeferred, convalidated, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid IN ('cat_customers'::regclass, 'cat_orders'::regclass, 'cat_events'::regclass, '"Cat Mixed"'::regclass) ORDER BY conname;
SELECT con.conname, c.relname, con.conkey FROM pg_constraint con JOIN pg_class c ON c.oid = con.conindid WHERE con.conrelid = 'cat_orders'::regclass;
SELECT c2.relname, con.contype::text FROM pg_index i JOIN pg_class c2 ON c2.oid = i.indexrelid LEFT JOIN pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x')) WHERE i.indrelid = 'cat_orders'::regclass ORDER BY c2.relname;
SELECT count(*) FROM pg_constraint WHERE contype = 'f';
SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname;
SELECT schemaname, tablename, hasindexes, hasrules, hastriggers, rowsecurity FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename;
SELECT count(*) FROM pg_views WHERE schemaname = 'public';
SELECT count(*) FROM pg_sequences WHERE schemaname = 'public';
SELECT count(*) FROM pg_inherits, pg_trigger, pg_policy;
SELECT count(*) FROM pg_catalog.pg_statistic_ext WHERE stxrelid = 'cat_orders'::regclass;
SELECT count(*) FROM pg_foreign_table;
SELECT count(*) FROM pg_partitioned_table;
SELECT count(*) FROM pg_publication;
SELECT amname, amtype::text FROM pg_am WHERE amname IN ('btree', 'heap', 'hash') ORDER BY amname;
SELECT collname, collprovider::text FROM pg_collation WHERE collname IN ('default', 'C', 'POSIX') ORDER BY collname;
SELECT spcname FROM pg_tablespace ORDER BY spcname;
SELECT count(*) FROM pg_description WHERE objoid = 'cat_orders'::regclass;
SELECT obj_description('cat_orders'::regclass, 'pg_class'), col_description('cat_orders'::regclass, 1), obj_description('cat_orders'::regclass);
SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public';
SELECT datname = current_database(), pg_encoding_to_char(encoding), datcollate, datctype, datallowconn, datistemplate FROM pg_database WHERE datname = current_database();
SELECT rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit FROM pg_roles WHERE rolname = current_user;
SELECT usesuper, usecreatedb FROM pg_user WHERE usename = current_user;
SELECT r.rolname = current_user FROM pg_roles r WHERE r.oid = (SELECT relowner FROM pg_class WHERE relname = 'cat_orders');
SELECT pg_get_userbyid(c.relowner) = current_user FROM pg_class c WHERE c.relname = 'cat_orders';
SELECT pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE n.nspname = 'public';
-- pg_settings, SHOW, search_path
SELECT name, setting FROM pg_settings WHERE name IN ('max_index_keys', 'max_identifier_length', 'standard_conforming_strings', 'integer_datetimes') ORDER BY name;
SELECT setting FROM pg_catalog.pg_settings WHERE name = 'max_index_keys';
SHOW search_path;
SELECT current_schema(), current_schema, current_schemas(false), current_schemas(true);
SET search_path = pg_catalog, public;
SELECT current_schema(), current_schemas(false), current_schemas(true);
SELECT setting FROM pg_settings WHERE name = 'search_path';
SET search_path = nothing_here, public;
SELECT current_schema(), current_schemas(true);
SET search_path = nothing_here;
SELECT current_schema() IS NULL, current_schemas(true);
SELECT count(*) FROM pg_class WHERE relname = 'cat_orders' AND pg_table_is_visible(oid);
RESET search_path;
SHOW search_path;
-- information_schema
SELECT table_schema::text, table_name::text, table_type::text, is_insertable_into::text, is_typed::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name;
SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1;
SELECT column_name::text, ordinal_position::int, column_default::text, is_nullable::text, data_type::text, character_maximum_length::int, character_octet_length::int, numeric_precision::int, numeric_precision_radix::int, numeric_scale::int, datetime_precision::int, udt_name::text, dtd_identifier::text, is_updatable::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'cat_customers' ORDER BY ordinal_position;
SELECT column_name::text, data_type::text, character_maximum_length::int, numeric_precision::int, numeric_scale::int, datetime_precision::int, udt_name::text FROM information_schema.columns WHERE table_name = 'cat_events' ORDER BY ordinal_position;
SELECT column_name::text, data_type::text, udt_name::text, is_nullable::text FROM information_schema.columns WHERE table_name = 'cat_orders' AND table_schema = current_schema() ORDER BY ordinal_position;
SELECT column_name::text, is_identity::text, is_generated::text, is_self_referencing::text FROM information_schema.columns WHERE table_name = 'Cat Mixed' ORDER BY ordinal_position;
SELECT schema_name::text FROM information_schema.schemata WHERE schema_name IN ('public', 'pg_catalog', 'information_schema') ORDER BY 1;
SELECT constraint_name::text, table_name::text, constraint_type::text, is_deferrable::text, initially_deferred::text, enforced::text FROM information_schema.table_constraints WHERE table_schema = 'public' AND constraint_type <> 'CHECK' ORDER BY constraint_name;
SELECT table_name::text, count(*) FROM information_schema.table_constraints WHERE table_schema = 'public' AND constraint_type = 'CHECK' GROUP BY table_name ORDER BY 1;
SELECT constraint_name::text, table_name::text, column_name::text, ordinal_position::int, position_in_unique_constraint::int FROM information_schema.key_column_usage WHERE table_schema = 'public' ORDER BY constraint_name, ordinal_position;
SELECT tc.table_name::text, kcu.column_name::text FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'public' ORDER BY 1, kcu.ordinal_position;
SELECT constraint_name::text, table_name::text, column_name::text FROM information_schema.constraint_column_usage WHERE table_schema = 'public' ORDER BY constraint_name, column_name;
SELECT count(*) FROM information_schema.referential_constraints WHERE constraint_schema = 'public';
SELECT count(*) FROM information_schema.views WHERE table_schema = 'public';
SELECT count(*) FROM information_schema.sequences WHERE sequence_schema = 'public';
SELECT count(*) FROM information_schema.routines WHERE routine_schema = 'public';
SELECT character_set_name::text FROM information_schema.character_sets;
SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public';
-- The catalog as the transaction sees it, its own DDL included
BEGIN;
CREATE TABLE cat_temp (a int PRIMARY KEY, b text NOT NULL);
SELECT relname FROM pg_class WHERE relname = 'cat_temp';
SELECT column_name::text, is_nullable::text FROM information_schema.columns WHERE table_name = 'cat_temp' ORDER BY ordinal_position;
ROLLBACK;
SELECT count(*) FROM pg_class WHERE relname = 'cat_temp';
-- Functions tools call
SELECT pg_size_pretty(0::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(123456789::bigint), pg_size_pretty(1099511627776::bigint), pg_size_pretty(-20480::bigint);
SELECT pg_size_pretty(123456789::numeric);
SELECT has_table_privilege('cat_orders', 'SELECT'), has_schema_privilege('public', 'USAGE'), has_database_privilege(current_database(), 'CONNECT'), pg_has_role(current_user, 'MEMBER');
SELECT pg_is_in_recovery(), pg_get_serial_sequence('cat_orders', 'order_no');
SELECT pg_backend_pid() > 0, pg_postmaster_start_time() < now() + interval '1 day';
SELECT quote_ident('Cat Mixed'), quote_ident('cat_orders'), quote_ident('select');
SELECT array_to_string(ARRAY(SELECT relname FROM pg_class WHERE relname LIKE 'cat_o%' AND relkind = 'r' ORDER BY 1), ',');
SELECT version() LIKE 'PostgreSQL 15%';
SELECT substring(version() from 'PostgreSQL ([0-9]+)');
SELECT current_setting('server_version_num')::int >= 150000;
-- pg_get_keywords (Liquibase reads the reserved words)
SELECT word FROM pg_get_keywords() WHERE catcode = 'R' ORDER BY word;
SELECT catcode::text, catdesc, count(*) FROM pg_catalog.pg_get_keywords() GROUP BY 1, 2 ORDER BY 1;
SELECT word, catcode::text, barelabel, baredesc FROM pg_get_keywords() WHERE word IN ('select', 'abort', 'between', 'authorization', 'as') ORDER BY word;
SELECT k.w FROM pg_get_keywords() AS k(w) WHERE k.w LIKE 'z%';
-- error 42883
SELECT * FROM pg_get_keywords(1);
-- Tools' catalog queries: Flyway, knex, Hibernate, Liquibase
SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'public';
SELECT t.table_name::text FROM information_schema.tables t LEFT JOIN pg_depend dep ON dep.objid = (quote_ident(t.table_schema)||'.'||quote_ident(t.table_name))::regclass::oid AND dep.deptype = 'e' WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND dep.objid IS NULL AND NOT (SELECT EXISTS (SELECT inhrelid FROM pg_catalog.pg_inherits WHERE inhrelid = (quote_ident(t.table_schema)||'.'||quote_ident(t.table_name))::regclass::oid)) ORDER BY 1;
SELECT count(*) FROM information_schema.tables WHERE table_name = 'cat_orders' AND table_schema = current_schema();
SELECT column_name::text, data_type::text, character_maximum_length::int, is_nullable::text FROM information_schema.columns WHERE table_name = 'cat_customers' AND table_catalog = current_database() AND table_schema = current_schema() ORDER BY ordinal_position;
SELECT to_regclass('public.cat_orders') IS NOT NULL, to_regclass('"Cat Mixed"')::text;
SELECT sequence_name::text FROM information_schema.sequences;
SELECT n.nspname, c.relname, a.attname FROM pg_catalog.pg_namespace n JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum;

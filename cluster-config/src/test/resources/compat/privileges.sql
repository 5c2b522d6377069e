-- Privileges: has_*_privilege and the ACLs (relacl, nspacl) answer from the grants. The owner is the
-- connecting superuser (postgres there, admin here): ACLs are shown with it replaced by "owner".
CREATE TABLE pv_t (a int PRIMARY KEY, b int);
CREATE TABLE pv_u (x int PRIMARY KEY);
CREATE VIEW pv_v AS SELECT a FROM pv_t;
CREATE SCHEMA pv_s;
CREATE TABLE pv_s.w (k int PRIMARY KEY);
CREATE SEQUENCE pv_seq CACHE 1;
CREATE ROLE pv_app;
CREATE ROLE pv_app2 WITH LOGIN;
-- relacl and nspacl are text[] here, aclitem[] there: compared as text.
SELECT relname, relacl::text FROM pg_class WHERE relname IN ('pv_t', 'pv_u', 'pv_v', 'pv_seq') ORDER BY relname;
SELECT nspacl::text FROM pg_namespace WHERE nspname = 'pv_s';
GRANT SELECT ON pv_t TO pv_app;
GRANT SELECT ON pv_t TO PUBLIC;
GRANT SELECT, INSERT ON pv_t TO pv_app2;
GRANT UPDATE ON pv_t TO pv_app;
GRANT ALL ON pv_v TO pv_app2;
GRANT INSERT, UPDATE ON pv_s.w TO pv_app;
GRANT USAGE ON SCHEMA pv_s TO pv_app;
GRANT REFERENCES, TRIGGER ON pv_u TO pv_app;
SELECT relname, replace(array_to_string(relacl, ','), current_user, 'owner') FROM pg_class WHERE relname IN ('pv_t', 'pv_u', 'pv_v', 'w') ORDER BY relname;
SELECT replace(nspacl::text, current_user, 'owner') FROM pg_namespace WHERE nspname = 'pv_s';
REVOKE ALL ON pv_v FROM pv_app2;
REVOKE SELECT ON pv_t FROM PUBLIC;
SELECT relname, replace(relacl::text, current_user, 'owner') FROM pg_class WHERE relname IN ('pv_t', 'pv_v') ORDER BY relname;
SELECT has_table_privilege('pv_app', 'pv_t', 'select'), has_table_privilege('pv_app', 'pv_t', 'insert'), has_table_privilege('pv_app', 'pv_t', 'delete, UPDATE');
SELECT has_table_privilege('pv_app', 'pv_t', 'select with grant option'), has_table_privilege('pv_t', 'select with grant option');
SELECT has_table_privilege('pv_app', 'pv_t', ' Select '), has_table_privilege('pv_app', 'public.pv_t', 'rule');
SELECT has_table_privilege('pv_app', 'pv_t'::regclass, 'select'), has_table_privilege('pv_app', 999999::oid, 'select');
SELECT has_table_privilege((SELECT oid FROM pg_roles WHERE rolname = 'pv_app'), 'pv_t', 'select');
SELECT has_table_privilege(999999::oid, 'pv_t', 'select'), has_table_privilege(NULL, 'pv_t', 'select');
SELECT has_table_privilege('pv_app2', 'pv_v', 'select'), has_table_privilege('public', 'pv_t', 'select');
SELECT has_table_privilege('pv_app', 'pv_u', 'references'), has_table_privilege('pv_app', 'pv_u', 'trigger'), has_table_privilege('pv_app2', 'pv_u', 'references');
SELECT has_table_privilege('pv_app', 'pg_class', 'select'), has_table_privilege('pv_app', 'pg_class', 'insert');
SELECT has_table_privilege('pv_app', 'pv_seq', 'select'), has_table_privilege('pv_seq', 'select');
SELECT has_table_privilege('pv_t', 'truncate'), has_table_privilege('pv_v', 'insert');
-- error 22023
SELECT has_table_privilege('pv_app', 'pv_t', 'foo');
-- error 22023
SELECT has_table_privilege('pv_app', 'pv_t', '');
-- error 22023
SELECT has_table_privilege('pv_app', 'pv_t', 'select,');
-- error 22023
SELECT has_table_privilege('pv_app', 'pv_t', 'usage');
-- error 22023
SELECT has_table_privilege('pv_app', 'pv_t', 'select with  grant option');
-- error 42P01
SELECT has_table_privilege('pv_app', 'pv_nope', 'select');
-- error 3F000
SELECT has_table_privilege('pv_app', 'pv_nope.pv_t', 'select');
-- error 42704
SELECT has_table_privilege('pv_nobody', 'pv_t', 'select');
SELECT has_schema_privilege('pv_app', 'pv_s', 'usage'), has_schema_privilege('pv_app', 'pv_s', 'create'), has_schema_privilege('pv_app2', 'pv_s', 'usage');
SELECT has_schema_privilege('pv_app', 'public', 'usage'), has_schema_privilege('pv_app', 'public', 'create'), has_schema_privilege('pv_app', 'pg_catalog', 'USAGE');
SELECT has_schema_privilege('pv_s', 'create'), has_schema_privilege(999999::oid, 'usage');
-- error 3F000
SELECT has_schema_privilege('pv_app', 'pv_nope', 'usage');
-- error 22023
SELECT has_schema_privilege('pv_app', 'pv_s', 'select');
SELECT has_database_privilege('pv_app', current_database(), 'connect'), has_database_privilege('pv_app', current_database(), 'temp, create'), has_database_privilege('pv_app', current_database(), 'create');
SELECT has_database_privilege(current_database(), 'create'), has_database_privilege('pv_app', 999999::oid, 'connect');
-- error 3D000
SELECT has_database_privilege('pv_app', 'pv_nodb', 'connect');
-- error 22023
SELECT has_database_privilege('pv_app', current_database(), 'select');
SELECT has_column_privilege('pv_app', 'pv_t', 'a', 'select'), has_column_privilege('pv_app', 'pv_t', 'b', 'insert'), has_column_privilege('pv_app', 'pv_s.w', 'k', 'update');
SELECT has_column_privilege('pv_app', 'pv_t', 1::int2, 'select'), has_column_privilege('pv_app', 'pv_t', 9::int2, 'select'), has_column_privilege('pv_app', 999999::oid, 'a', 'select');
SELECT has_column_privilege('pv_t', 'a', 'references'), has_column_privilege('pv_t'::regclass, 2::int2, 'update');
-- error 42703
SELECT has_column_privilege('pv_app', 'pv_t', 'zz', 'select');
-- error 22023
SELECT has_column_privilege('pv_app', 'pv_t', 'a', 'delete');
SELECT has_any_column_privilege('pv_app', 'pv_t', 'select'), has_any_column_privilege('pv_app', 'pv_s.w', 'update'), has_any_column_privilege('pv_app', 'pv_s.w', 'select');
SELECT has_any_column_privilege('pv_t', 'insert'), has_any_column_privilege('pv_app', 'pv_t'::regclass, 'references');
-- error 22023
SELECT has_any_column_privilege('pv_app', 'pv_t', 'truncate');
SELECT has_sequence_privilege('pv_app', 'pv_seq', 'usage'), has_sequence_privilege('pv_seq', 'select, update'), has_sequence_privilege('pv_app', 'pv_seq'::regclass, 'select');
-- error 42809
SELECT has_sequence_privilege('pv_app', 'pv_t', 'usage');
-- error 22023
SELECT has_sequence_privilege('pv_app', 'pv_seq', 'insert');
-- error 42P01
SELECT has_sequence_privilege('pv_app', 'pv_noseq', 'usage');
SELECT c.relname, has_table_privilege('pv_app', c.oid, 'select') FROM pg_class c WHERE c.relname IN ('pv_t', 'pv_u', 'pv_v') ORDER BY 1;
ALTER TABLE pv_u RENAME TO pv_u2;
SELECT has_table_privilege('pv_app', 'pv_u2', 'references'), replace(relacl::text, current_user, 'owner') FROM pg_class WHERE relname = 'pv_u2';
REVOKE ALL ON pv_t FROM pv_app, pv_app2;
REVOKE ALL ON pv_s.w FROM pv_app;
REVOKE ALL ON SCHEMA pv_s FROM pv_app;
REVOKE ALL ON pv_u2 FROM pv_app;
SELECT replace(nspacl::text, current_user, 'owner') FROM pg_namespace WHERE nspname = 'pv_s';
DROP VIEW pv_v;
DROP TABLE pv_u2;
DROP TABLE pv_s.w;
DROP SCHEMA pv_s;
DROP SEQUENCE pv_seq;
-- pg_has_role: no role is a member of another here (none in the reference either); the connecting
-- superuser holds every role, with admin option.
SELECT pg_has_role('pv_app', 'member'), pg_has_role('pv_app', 'pv_app', 'member'), pg_has_role('pv_app', 'pv_app2', 'usage');
SELECT pg_has_role(current_user, 'pv_app', 'member with admin option'), pg_has_role('pv_app', 'pv_app', 'MEMBER, usage'), pg_has_role('pv_app', 'pv_app', 'member with admin option');
SELECT pg_has_role('pv_app', 999999::oid, 'member'), pg_has_role(999999::oid, 'pv_app', 'member'), pg_has_role('pv_app2', ' Usage With Grant Option , member');
-- error 42704
SELECT pg_has_role('pv_nosuch', 'member');
-- error 42704
SELECT pg_has_role('public', 'member');
-- error 22023
SELECT pg_has_role('pv_app', 'pv_app', 'set');
-- error 42704
SELECT pg_has_role('pv_nosuch', 'pv_app', 'foo');
DROP ROLE pv_app;
DROP ROLE pv_app2;

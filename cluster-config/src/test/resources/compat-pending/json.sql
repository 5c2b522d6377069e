-- json and jsonb statements PostgreSQL answers that OpenDSQL does not support yet.
-- jsonb has no key encoding here: it cannot be a primary key, unique or index key column (0A000).
CREATE TABLE jk (k jsonb PRIMARY KEY);
INSERT INTO jk VALUES ('{"a":1}'), ('[1]');
SELECT k FROM jk ORDER BY k;
-- SQL/JSON path (jsonb_path_query and the jsonpath type) fails with 0A000 naming it.
SELECT jsonb_path_query('{"a":[1,2]}', '$.a[*]');
SELECT jsonb_path_exists('{"a":1}', '$.a');
SELECT '{"a":1}'::jsonb @? '$.a';
SELECT '{"a":1}'::jsonb @@ '$.a == 1';
SELECT '$.a'::jsonpath;
-- A table's star as a function argument is its whole row.
CREATE TABLE jr (id int PRIMARY KEY, v text);
INSERT INTO jr VALUES (1, 'x');
SELECT jsonb_agg(jr.* ORDER BY id) FROM jr;
-- pg_typeof answers regtype, which OpenDSQL shows as text.
SELECT pg_typeof('{}'::jsonb);

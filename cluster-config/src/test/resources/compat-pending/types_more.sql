-- Types the engine lacks or handles partially: char(n), time, interval, json/jsonb, date
-- arithmetic with integers, numeric beyond 64 bits in columns, DEFAULT expressions.
CREATE TABLE tm_codes (id int PRIMARY KEY, code char(3), flag character, v varchar);
INSERT INTO tm_codes VALUES (1, 'ab', 'y', 'x'), (2, 'abc', 'n', 'yy'), (3, NULL, NULL, NULL), (4, 'a  ', 'y', 'z ');
-- error 22001
INSERT INTO tm_codes VALUES (5, 'abcd', 'y', 'x');
CREATE TABLE tm_slots (id int PRIMARY KEY, starts time, length interval, note text DEFAULT 'none', created date DEFAULT DATE '2024-01-01', score int DEFAULT 10 + 5);
INSERT INTO tm_slots (id, starts, length) VALUES (1, '09:00', '30 minutes'), (2, '13:30:15', '1 hour 15 minutes'), (3, '23:45', '2 hours');
INSERT INTO tm_slots VALUES (4, NULL, NULL, DEFAULT, DEFAULT, DEFAULT);
INSERT INTO tm_slots (id) VALUES (5) RETURNING note, created, score;
CREATE TABLE tm_docs (id int PRIMARY KEY, j json, jb jsonb);
INSERT INTO tm_docs VALUES
  (1, '{"name": "ada", "tags": ["x", "y"], "age": 36}', '{"name": "ada", "tags": ["x", "y"], "age": 36}'),
  (2, '{"b": 1,  "a": 2}', '{"b": 1,  "a": 2, "a": 3}'),
  (3, '[1, 2, {"k": null}]', '[1, 2, {"k": null}]'),
  (4, 'null', 'null'),
  (5, NULL, NULL);
SELECT id, j, jb FROM tm_docs ORDER BY id;
SELECT id, jb -> 'name' AS n, jb ->> 'name' AS ns, jb -> 'tags' -> 0 AS t0, jb #> '{tags,1}' AS t1, jb #>> '{tags,1}' AS t1s FROM tm_docs ORDER BY id;
SELECT id, j ->> 'age' AS age, (jb ->> 'age')::int + 1 AS next_age FROM tm_docs ORDER BY id;
SELECT id FROM tm_docs WHERE jb @> '{"name": "ada"}' ORDER BY id;
SELECT id FROM tm_docs WHERE jb ? 'a' ORDER BY id;
SELECT id, jsonb_typeof(jb), json_typeof(j) FROM tm_docs ORDER BY id;
SELECT jsonb_build_object('a', 1, 'b', 'two', 'c', NULL, 'd', true), json_build_array(1, 'x', NULL);
SELECT to_jsonb('it''s'::text), to_jsonb(1.50), to_jsonb(true), to_jsonb(DATE '2024-01-02');
SELECT json_agg(id ORDER BY id), jsonb_agg(jb -> 'name' ORDER BY id) FROM tm_docs WHERE id <= 2;
SELECT jsonb_object_agg(code, id ORDER BY id) FROM tm_codes WHERE code IS NOT NULL;
SELECT '{"a": {"b": [1, 2]}}'::jsonb #> '{a,b}', '{"a":1}'::jsonb || '{"b":2}'::jsonb, '{"a":1,"b":2}'::jsonb - 'a';
SELECT '{"b":2,"a":1}'::jsonb = '{"a":1,"b":2}'::jsonb, '[1,2]'::jsonb @> '[1]'::jsonb;
SELECT jsonb_array_length('[1,2,3]'), jsonb_pretty('{"a":1}') IS NOT NULL, jsonb_set('{"a":1}', '{a}', '2');
UPDATE tm_docs SET jb = jb || '{"seen": true}' WHERE id = 1 RETURNING jb;
CREATE TABLE tm_big (id int PRIMARY KEY, n numeric, n30 numeric(30,10));
INSERT INTO tm_big VALUES (1, 123456789012345678901234567890.123456789, 12345678901234567890.0123456789), (2, -0.000000000000000000001, -1);
CREATE TABLE tm_serial (id serial PRIMARY KEY, name text);
INSERT INTO tm_serial (name) VALUES ('a'), ('b') RETURNING id, name;
CREATE TABLE tm_identity (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text);
INSERT INTO tm_identity (name) VALUES ('x') RETURNING id;
SELECT '\x0102'::bytea || '\x03'::bytea, length('\x0102'::bytea), octet_length('\xdeadbeef'::bytea);
SELECT 1::money IS NOT NULL, '1.5'::float4::text, 0.1::float4 + 0.2::float4;
SELECT pg_typeof(1), pg_typeof(1.5), pg_typeof('x'::text), pg_typeof(1::bigint + 1), pg_typeof(now());

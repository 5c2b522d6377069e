-- json and jsonb: input and output, operators, casts, tables with json columns.
-- Literals and normalization: jsonb sorts keys (shorter first), keeps the last of duplicate keys,
-- keeps numeric text; json keeps its input verbatim.
SELECT '{"b":1,"a":[1,2.50,1e2],"aa":null}'::jsonb;
SELECT '{"b":1,"a":[1,2.50,1e2],"aa":null}'::json;
SELECT '{"a":1,"a":2}'::jsonb, '{"a":1,"a":2}'::json;
SELECT '1E-2'::jsonb, '-0'::jsonb, '0.0'::jsonb, '-0.0'::jsonb, '1.0e2'::jsonb, '12.30'::jsonb;
SELECT '  [1,  2 ,3]  '::jsonb, '  [1,  2 ,3]  '::json;
SELECT 'true'::jsonb, 'false'::jsonb, 'null'::jsonb, '"x"'::jsonb, '123456789012345678901234567890.5'::jsonb;
SELECT '{}'::jsonb, '[]'::jsonb, '{}'::json, '[]'::json, '[[],{}]'::jsonb;
SELECT '{"z":{"y":{"x":[{"w":1}]}}}'::jsonb;
SELECT '{"bb":1,"a":2,"ccc":3,"b":4,"aa":5}'::jsonb;
SELECT '{"é":1,"e":2,"ee":3}'::jsonb;
SELECT '"a\"b\\c\/d\b\f\n\r\t"'::jsonb;
SELECT '"\u00e9\u0041"'::jsonb, '"\u00e9\u0041"'::json;
SELECT '"\ud83d\ude00"'::jsonb, '"\ud83d\ude00"'::json;
SELECT '"\u0000"'::json;
SELECT '"\u001f"'::jsonb;
SELECT jsonb '{"a": 1}', json '[1, 2]';
SELECT CAST('{"a":1}' AS jsonb), CAST('[1]' AS json);
SELECT (repeat('[', 10000) || repeat(']', 10000))::jsonb IS NOT NULL;
SELECT (repeat('{"a":', 1000) || '1' || repeat('}', 1000))::json IS NOT NULL;
-- error 54001
SELECT (repeat('[', 40000) || repeat(']', 40000))::jsonb;
-- error 22P02
SELECT '{"a":1'::jsonb;
-- error 22P02
SELECT '{"a" 1}'::jsonb;
-- error 22P02
SELECT '[1,]'::jsonb;
-- error 22P02
SELECT '01'::json;
-- error 22P02
SELECT '1.'::jsonb;
-- error 22P02
SELECT '.5'::jsonb;
-- error 22P02
SELECT '+1'::jsonb;
-- error 22P02
SELECT 'NaN'::jsonb;
-- error 22P02
SELECT 'TRUE'::jsonb;
-- error 22P02
SELECT ''::jsonb;
-- error 22P02
SELECT '   '::json;
-- error 22P02
SELECT '{"a":1} x'::jsonb;
-- error 22P02
SELECT '{a:1}'::jsonb;
-- error 22P02
SELECT '"abc'::json;
-- error 22P02
SELECT '"\x"'::jsonb;
-- error 22P02
SELECT '"\u12"'::jsonb;
-- error 22P02
SELECT '"\ud83d"'::jsonb;
-- json keeps unpaired surrogate escapes; the functions that read its strings refuse them.
SELECT '"\ude00"'::json, '"\ud83d"'::json, '"\ud83dx"'::json;
-- error 22P02
SELECT '["\ude00"]'::json -> 0;
-- error 22P05
SELECT '"\u0000"'::jsonb;
-- error 22P02
SELECT E'"a\tb"'::jsonb;
-- error 22P02
SELECT '[1 2]'::json;
-- Casts between json, jsonb, text and the scalar types.
SELECT '{"b":1, "a":2}'::json::jsonb, '{"b":1, "a":2}'::jsonb::json;
SELECT '{"a":1}'::jsonb::text, '{"a" : 1}'::json::text, '[1]'::text::jsonb;
SELECT '1.5'::jsonb::numeric, '1.5'::jsonb::int, '2.5'::jsonb::bigint, '1e2'::jsonb::float8, '3'::jsonb::smallint, '0.5'::jsonb::real, 'true'::jsonb::boolean;
SELECT ('{"a":12}'::jsonb -> 'a')::int + 1;
-- error 22023
SELECT '"a"'::jsonb::int;
-- error 22023
SELECT 'null'::jsonb::int;
-- error 22023
SELECT '{}'::jsonb::numeric;
-- error 22023
SELECT '1'::jsonb::boolean;
-- error 42846
SELECT '1'::json::int;
-- error 42846
SELECT 1::jsonb;
-- error 42846
SELECT '{}'::jsonb::date;
-- Comparison and ordering of jsonb.
SELECT '{"a":1}'::jsonb = '{"a":1}', '{"a":1.0}'::jsonb = '{"a":1}', '[1,2]'::jsonb = '[2,1]', '{"a":1,"b":2}'::jsonb = '{"b":2,"a":1}';
SELECT '1'::jsonb < '2', '"a"'::jsonb < '1', 'null'::jsonb < '"a"', 'true'::jsonb > '1', '[]'::jsonb < 'null', '[1]'::jsonb > '{}';
SELECT '{"a":1}'::jsonb <> '{"a":2}', '[1,2]'::jsonb <= '[1,2]', '{"a":1,"b":1}'::jsonb > '{"c":1}';
SELECT x FROM (VALUES ('1'::jsonb), ('"a"'), ('null'), ('true'), ('false'), ('[]'), ('[1]'), ('[0,0]'), ('{}'), ('{"a":1}'), ('{"b":0}'), ('{"a":1,"b":1}'), ('2.5'), ('"b"'), ('"aa"'), ('[null]'), ('{"aa":1}')) v(x) ORDER BY x;
SELECT x FROM (VALUES ('1'::jsonb), ('"a"'), ('[1]'), ('{}')) v(x) ORDER BY x DESC;
SELECT x, count(*) FROM (VALUES ('1.0'::jsonb), ('1.00'), ('{"a":[1]}'), ('{"a":[1.0]}'), ('2')) v(x) GROUP BY x ORDER BY x;
SELECT count(DISTINCT x) FROM (VALUES ('1.0'::jsonb), ('1'), ('{"a":1}'), ('{"a":1}'), (NULL)) v(x);
SELECT max(x::text) FROM (VALUES ('{"a":1}'::jsonb)) v(x);
-- error 42883
SELECT '{"a":1}'::json = '{"a":1}';
-- error 42883
SELECT '{"a":1}'::json = '{"a":1}'::json;
-- error 42883
SELECT '{"a":1}'::jsonb = '{"a":1}'::json;
-- error 42883
SELECT DISTINCT x FROM (VALUES ('{}'::json)) v(x);
-- error 42883
SELECT x FROM (VALUES ('{}'::json)) v(x) ORDER BY x;
-- error 42883
SELECT x FROM (VALUES ('{}'::json)) v(x) GROUP BY x;
-- Extraction operators.
SELECT '{"a":{"b":[1,2,{"c":"x"}]}}'::jsonb -> 'a', '{"a":{"b":[1,2,{"c":"x"}]}}'::jsonb -> 'a' -> 'b' -> 2 ->> 'c';
SELECT '[1,2,3]'::jsonb -> 0, '[1,2,3]'::jsonb -> -1, '[1,2,3]'::jsonb -> 3, '[1,2,3]'::jsonb -> -4, '{"a":1}'::jsonb -> 0, '[1]'::jsonb -> 'a';
SELECT '{"a":"x","b":null,"c":1.50,"d":[1],"e":{"f":true}}'::jsonb ->> 'a', '{"b":null}'::jsonb ->> 'b' IS NULL, '{"c":1.50}'::jsonb ->> 'c', '{"d":[1, 2]}'::jsonb ->> 'd', '{"e":{"f":true}}'::jsonb ->> 'e';
SELECT '{"b":null}'::jsonb -> 'b', '{"b":null}'::jsonb -> 'b' IS NULL, '{"b":null}'::jsonb -> 'c' IS NULL;
SELECT '"x"'::jsonb -> 0, '"x"'::jsonb ->> 'a', '5'::jsonb -> 0, '"x"'::jsonb -> -1, '"x"'::jsonb -> 1, '"x"'::jsonb ->> 0, '"x"'::jsonb #> '{0}', '"x"'::json -> 0;
SELECT '{"a":{"b":{"c":7}}}'::jsonb #> '{a,b}', '{"a":{"b":{"c":7}}}'::jsonb #>> '{a,b,c}', '{"a":[1,{"x":2}]}'::jsonb #> '{a,1,x}', '{"a":[1,2]}'::jsonb #> '{a,-1}';
SELECT '{"a":1}'::jsonb #> '{}', '"s"'::jsonb #>> '{}', '{"a":[1]}'::jsonb #> '{a,x}', '{"a":1}'::jsonb #> '{a,b}', '{"a":1}'::jsonb #> '{b}';
SELECT '{"a":1}'::jsonb #> ARRAY['a'], '{"a":[5,6]}'::jsonb #>> ARRAY['a', '1'];
SELECT '{"a": [1,  2], "b": "x\ty"}'::json -> 'a', '{"a": [1,  2], "b": "x\ty"}'::json ->> 'b', '{"a":1,"a":2}'::json -> 'a';
SELECT '[10, "x", null]'::json -> 1, '[10, "x", null]'::json ->> 1, '[10, "x", null]'::json ->> 2 IS NULL, '[10, 20]'::json -> -1;
SELECT '{"a":{"b": [1, 2]}}'::json #> '{a,b}', '{"a":{"b": [1, 2]}}'::json #>> '{a,b,0}', '{"a": 1}'::json #> '{}';
SELECT '{"a":1}'::jsonb -> 'a' = '1', '{"a":"x"}'::jsonb ->> 'a' = 'x', '{"a":"x"}'::jsonb ->> 'a' || 'y';
SELECT '{"a":"xyz"}'::jsonb ->> 'a' LIKE 'x%', '{"a":null}'::jsonb ->> 'a' IS NULL, NOT '{"a":1}'::jsonb ? 'a';
SELECT ('{"a":{"b":2}}'::jsonb -> 'a') ->> 'b', '{"a":[3]}'::jsonb->'a'->>0;
-- error 42725
SELECT '{"a":1}' -> 'a';
-- error 42883
SELECT '{"a":1}'::text -> 'a';
-- error 42883
SELECT '{"a":1}'::json ? 'a';
-- error 42883
SELECT '{"a":1}'::jsonb -> 1.5;
-- Containment and existence.
SELECT '{"a":1,"b":2}'::jsonb @> '{"a":1}', '{"a":1}'::jsonb @> '{"a":1,"b":2}', '{"a":1}'::jsonb <@ '{"a":1,"b":2}';
SELECT '[1,2,3]'::jsonb @> '[3,1]', '[1,2,3]'::jsonb @> '[1,1]', '[1,2]'::jsonb @> '1', '1'::jsonb @> '[1]', '1'::jsonb @> '1', '"a"'::jsonb @> '"a"';
SELECT '{"a":[1,2,{"b":3}]}'::jsonb @> '{"a":[{"b":3}]}', '{"a":[1,[2,3]]}'::jsonb @> '{"a":[[3]]}', '{"a":{"b":1}}'::jsonb @> '{"a":{}}', '{"a":{"b":1}}'::jsonb @> '{"a":[]}';
SELECT '[{"a":1},{"b":2}]'::jsonb @> '[{"b":2}]', '[[1,2]]'::jsonb @> '[1]', '{"a":1}'::jsonb @> '[]', '[]'::jsonb @> '{}', '{}'::jsonb @> '{}';
SELECT '{"a":1.0}'::jsonb @> '{"a":1}', '{"a":null}'::jsonb @> '{"a":null}', '{"a":"1"}'::jsonb @> '{"a":1}';
SELECT '{"a":1,"b":2}'::jsonb ? 'a', '{"a":1}'::jsonb ? 'b', '["a","b"]'::jsonb ? 'a', '[1,2]'::jsonb ? '1', '"a"'::jsonb ? 'a', '{"x":{"a":1}}'::jsonb ? 'a';
SELECT '{"a":1,"b":2}'::jsonb ?| ARRAY['b','c'], '{"a":1,"b":2}'::jsonb ?& ARRAY['a','b'], '{"a":1}'::jsonb ?& ARRAY['a','c'], '{"a":1}'::jsonb ?| ARRAY[]::text[], '{"a":1}'::jsonb ?& ARRAY[]::text[];
SELECT '{"a":1}'::jsonb ?| ARRAY['b', NULL], '{"a":1}'::jsonb ?& ARRAY['a', NULL], '["x"]'::jsonb ?| '{x,y}';
-- error 42883
SELECT '{"a":1}'::json @> '{"a":1}';
-- error 42883
SELECT '{"a":1}'::jsonb @> ARRAY[1];
-- Concatenation and deletion.
SELECT '{"a":1,"b":2}'::jsonb || '{"b":3,"c":4}', '[1,2]'::jsonb || '[3]', '[1]'::jsonb || '{"a":1}', '{"a":1}'::jsonb || '[1]';
SELECT '1'::jsonb || '2', '"a"'::jsonb || '[1]', '{"a":1}'::jsonb || '2', '[]'::jsonb || '{}', '{}'::jsonb || '{}', 'null'::jsonb || 'null';
SELECT '{"a":{"b":1}}'::jsonb || '{"a":{"c":2}}';
SELECT '{"a":1}'::jsonb || '{"b":2}'::jsonb || '{"a":3}';
SELECT '{"a":1,"b":2}'::jsonb - 'a', '{"a":1}'::jsonb - 'x', '["a","b","a",1]'::jsonb - 'a', '["a","b"]'::jsonb - 1, '[1,2,3]'::jsonb - -1, '[1,2,3]'::jsonb - 5;
SELECT '{"a":1,"b":2,"c":3}'::jsonb - ARRAY['a','c'], '["a","b","c"]'::jsonb - '{a,b}'::text[], '{"a":1}'::jsonb - ARRAY[]::text[];
SELECT '{"a":{"b":{"c":1,"d":2}}}'::jsonb #- '{a,b,c}', '[1,[2,3]]'::jsonb #- '{1,0}', '[1,2,3]'::jsonb #- '{-1}', '{"a":1}'::jsonb #- '{x,y}', '{"a":1}'::jsonb #- '{}';
-- error 22023
SELECT '1'::jsonb - 'a';
-- error 22023
SELECT '{}'::jsonb - 1;
-- error 22023
SELECT '"x"'::jsonb - ARRAY['a'];
-- error 22023
SELECT '1'::jsonb #- '{a}';
-- error 22P02
SELECT '[1,2]'::jsonb #- '{x}';
-- error 22004
SELECT '{"a":1}'::jsonb #- ARRAY[NULL];
-- error 42883
SELECT '{"a":1}'::json - 'a';
-- The json types in tables: inserts, updates, filters, ordering, grouping, joins.
CREATE TABLE docs (id int PRIMARY KEY, doc jsonb, raw json);
INSERT INTO docs VALUES
  (1, '{"name":"ann","age":31,"tags":["a","b"],"addr":{"city":"Oslo","zip":"0150"}}', '{"name": "ann",  "age": 31}'),
  (2, '{"name":"bob","age":25,"tags":["b"],"addr":{"city":"Rome"}}', '{"name":"bob"}'),
  (3, '{"name":"cid","age":40,"tags":[],"active":true}', '[1, 2, 3]'),
  (4, '{"name":"dan","age":null}', 'null'),
  (5, NULL, NULL),
  (6, '[1, 2, 3]', '"text"'),
  (7, '"just a string"', '42');
SELECT id, doc, raw FROM docs ORDER BY id;
SELECT id, doc->>'name' AS name, doc->'age' AS age, raw->'name' AS raw_name FROM docs ORDER BY id;
SELECT id FROM docs WHERE doc @> '{"tags":["b"]}' ORDER BY id;
SELECT id FROM docs WHERE doc ? 'active' ORDER BY id;
SELECT id FROM docs WHERE doc->>'name' = 'bob';
SELECT id FROM docs WHERE (doc->>'age')::int > 30 ORDER BY id;
SELECT id, doc #>> '{addr,city}' AS city FROM docs WHERE doc #> '{addr}' IS NOT NULL ORDER BY city;
SELECT id FROM docs WHERE doc -> 'age' = 'null'::jsonb;
SELECT id FROM docs WHERE doc -> 'age' IS NULL ORDER BY id;
SELECT id, doc->>'name' FROM docs ORDER BY doc->>'name' NULLS FIRST, id;
SELECT id FROM docs ORDER BY doc, id;
SELECT id FROM docs ORDER BY doc DESC NULLS LAST, id;
SELECT doc->'tags' AS tags, count(*) FROM docs GROUP BY doc->'tags' ORDER BY 1;
SELECT jsonb_typeof(doc) AS kind, count(*) FROM docs GROUP BY 1 ORDER BY 1;
SELECT DISTINCT doc->'addr'->'city' AS city FROM docs ORDER BY 1;
SELECT id, jsonb_array_length(doc->'tags') FROM docs WHERE jsonb_typeof(doc->'tags') = 'array' ORDER BY id;
UPDATE docs SET doc = doc || '{"seen":true}' WHERE id IN (1, 2);
UPDATE docs SET doc = doc - 'age' WHERE id = 3;
UPDATE docs SET doc = jsonb_set(doc, '{addr,city}', '"Bergen"') WHERE id = 1;
UPDATE docs SET doc = jsonb_set(doc, '{tags,0}', '"z"') WHERE doc @> '{"tags":["b"]}';
UPDATE docs SET raw = '{"changed": true}' WHERE id = 6;
SELECT id, doc, raw FROM docs ORDER BY id;
-- error 22P02
UPDATE docs SET doc = '{bad' WHERE id = 1;
-- error 22023
UPDATE docs SET doc = doc - 'x' WHERE id = 7;
SELECT id, doc FROM docs WHERE id IN (1, 7) ORDER BY id;
DELETE FROM docs WHERE doc @> '{"seen":true}';
SELECT id FROM docs ORDER BY id;
CREATE TABLE people (pid text, info jsonb);
INSERT INTO people VALUES ('ann', '{"team":"red"}'), ('cid', '{"team":"blue"}'), ('zed', '{"team":"red"}');
SELECT d.id, p.pid, p.info->>'team' AS team FROM docs d JOIN people p ON d.doc->>'name' = p.pid ORDER BY d.id;
SELECT p.info->>'team' AS team, count(*) FROM people p GROUP BY p.info->>'team' ORDER BY team;
SELECT pid FROM people WHERE info = '{"team":"red"}' ORDER BY pid;
SELECT pid FROM people WHERE info IN ('{"team":"blue"}', '{"team":"green"}');
INSERT INTO people VALUES ('sql null', NULL), ('json null', 'null');
SELECT pid, info IS NULL AS sql_null, info = 'null' AS json_null, jsonb_typeof(info) FROM people ORDER BY pid;
SELECT pid, info->'team' IS NULL FROM people ORDER BY pid;
-- error 42704
CREATE TABLE jk2 (k int PRIMARY KEY, j json UNIQUE);
-- error 42704
CREATE TABLE jk3 (j json PRIMARY KEY);
-- error 42804
INSERT INTO people VALUES ('x', 1);
-- error 42804
INSERT INTO people VALUES ('x', 'x'::text);
INSERT INTO people VALUES ('from json', '{"b": 1, "a": 2}'::json);
SELECT info FROM people WHERE pid = 'from json';

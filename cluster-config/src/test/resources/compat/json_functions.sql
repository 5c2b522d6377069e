-- json and jsonb functions: construction, decomposition, modification, set-returning functions, aggregates.
SELECT to_json(1), to_json(1.50), to_json('a"b'::text), to_json(true), to_json(NULL::int) IS NULL, to_json(ARRAY[1,2]), to_json(ARRAY[['a','b'],['c','d']]);
SELECT to_jsonb(1), to_jsonb(1.50), to_jsonb('a"b'::text), to_jsonb(true), to_jsonb(ARRAY[1,NULL]), to_jsonb(ARRAY[]::int[]);
SELECT to_json(1e20::float8), to_jsonb(1e20::float8), to_json(0.1::float8), to_jsonb(1.5::real), to_jsonb('NaN'::numeric), to_jsonb('Infinity'::float8), to_json('-Infinity'::float8);
SELECT to_json('2024-01-02'::date), to_json('2024-01-02 03:04:05.5'::timestamp), to_json('10:00'::time), to_json('infinity'::timestamp), to_jsonb('2024-01-02 03:04:05'::timestamp);
SELECT to_json('\x0102'::bytea), to_json('1 day 2 hours'::interval), to_json('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid), to_jsonb('x'::char(3)), to_jsonb('x'::varchar);
SELECT to_json('{"a": 1}'::json), to_jsonb('{"a": 1}'::json), to_json('{"b":1,"a":2}'::jsonb), to_jsonb('[1, "x"]'::jsonb);
SELECT to_json(row(1, 'a', NULL)), to_jsonb(row(1, 'a', NULL)), to_json(row(1, row(2, 3))), row_to_json(row(1, 'x'));
SELECT array_to_json(ARRAY[1,2,3]), array_to_json(ARRAY[['a','b']]), array_to_json('{}'::int[]), array_to_json(ARRAY['2024-01-02'::date]);
SET TIME ZONE 'Asia/Kolkata';
SELECT to_json('2024-01-02 10:00:00+00'::timestamptz), to_jsonb('2024-01-02 10:00:00+00'::timestamptz), json_build_object('t', '2024-01-02 10:00:00+00'::timestamptz);
SET TIME ZONE 'UTC';
SELECT to_json('2024-01-02 10:00:00+02'::timestamptz), to_json('10:00+02'::timetz);
-- error 42804
SELECT to_jsonb('abc');
-- error 42804
SELECT to_json(NULL);
-- error 42883
SELECT row_to_json(1);
-- error 42883
SELECT array_to_json(1);
SELECT json_build_object('a', 1, 'b', 'x', 'c', NULL, 'd', true, 'e', ARRAY[1,2], 'f', '{"g":1}'::jsonb, 'h', row(1, 2));
SELECT jsonb_build_object('a', 1, 'b', 'x', 'c', NULL, 'd', true, 'e', ARRAY[1,2], 'f', '{"g":1}'::jsonb, 'h', row(1, 2));
SELECT json_build_object(1, 2, true, 3, 1.5, 4, '2024-01-02'::date, 5), jsonb_build_object(1, 2, 'a', 3, 'a', 4);
SELECT json_build_object(), jsonb_build_object(), json_build_array(), jsonb_build_array();
SELECT json_build_array(1, 'a', NULL, true, ARRAY[1], '{"x":1}'::json), jsonb_build_array(1, 'a', NULL, true, ARRAY[1], '{"x":1}'::json);
SELECT json_build_array(json_build_object('a', 1), json_build_array(2, 3)), jsonb_build_object('k', jsonb_build_array(1, jsonb_build_object('z', 1, 'y', 2)));
-- error 22023
SELECT json_build_object('a', 1, 'b');
-- error 22023
SELECT jsonb_build_object(NULL, 1);
-- error 22023
SELECT json_build_object(ARRAY[1], 1);
-- error 22023
SELECT jsonb_build_object('{}'::jsonb, 1);
SELECT json_object('{a,1,b,2}'), json_object('{{a,1},{b,2}}'), json_object('{a,b}', '{1,2}'), json_object('{}'::text[]);
SELECT jsonb_object('{b,1,a,2,b,3}'), jsonb_object('{{a,NULL}}'), jsonb_object('{a,b}', '{x,NULL}'), json_object('{a,NULL}');
-- error 2202E
SELECT json_object('{a}');
-- error 2202E
SELECT jsonb_object('{{a,1,2}}');
-- error 2202E
SELECT json_object('{a,b}', '{1}');
-- error 22004
SELECT json_object('{NULL,1}');
-- error 22004
SELECT jsonb_object(ARRAY['a', NULL], ARRAY['1', '2']);
SELECT jsonb_typeof('{}'), jsonb_typeof('[]'), jsonb_typeof('"x"'), jsonb_typeof('1.5'), jsonb_typeof('true'), jsonb_typeof('null'), jsonb_typeof(NULL) IS NULL;
SELECT json_typeof('{"a": 1}'), json_typeof(' [ ] '), json_typeof('"x"'), json_typeof('-1e5'), json_typeof('false'), json_typeof('null');
SELECT jsonb_array_length('[1,2,[3,4]]'), jsonb_array_length('[]'), json_array_length('[1, {"a": [2]}, null]'), json_array_length('[]');
-- error 22023
SELECT jsonb_array_length('{"a":1}');
-- error 22023
SELECT jsonb_array_length('5');
-- error 22023
SELECT json_array_length('"x"');
-- error 22P02
SELECT json_array_length('[1,');
SELECT json_extract_path('{"a": {"b": [10, 20]}}', 'a', 'b'), json_extract_path_text('{"a": {"b": "x"}}', 'a', 'b'), json_extract_path_text('{"a": [1, 2]}', 'a', '-1');
SELECT jsonb_extract_path('{"a":1}', NULL) IS NULL, jsonb_extract_path_text('{"a":null}', 'a') IS NULL;
SELECT jsonb_set('{"a":1,"b":[1,2]}', '{b,1}', '"x"'), jsonb_set('{"a":1}', '{c}', '3'), jsonb_set('{"a":1}', '{c}', '3', false), jsonb_set('{"a":{"b":1}}', '{a,b}', '{"deep":true}');
SELECT jsonb_set('[1,2]', '{-5}', '0'), jsonb_set('[1,2]', '{5}', '0'), jsonb_set('[]', '{3}', '1'), jsonb_set('{}', '{a,b}', '1'), jsonb_set('{"a":1}', '{a,b}', '1'), jsonb_set('[1,2,3]', '{-1}', '9');
SELECT jsonb_set('{"a":1}', '{}', '2'), jsonb_set('{"a":[1,{"b":2}]}', '{a,1,c}', '3'), jsonb_set('{"a":1}', '{a}', 'null');
SELECT jsonb_set('{"a":1}', '{a}', NULL) IS NULL, jsonb_set(NULL, '{a}', '1') IS NULL;
SELECT jsonb_insert('[1,2,3]', '{1}', '"x"'), jsonb_insert('[1,2,3]', '{1}', '"x"', true), jsonb_insert('[1,2]', '{-5}', '0'), jsonb_insert('[1,2]', '{9}', '0'), jsonb_insert('{"a":1}', '{b}', '2'), jsonb_insert('{"a":[1,2]}', '{a,0}', '0');
-- error 22023
SELECT jsonb_insert('{"a":1}', '{a}', '2');
-- error 22023
SELECT jsonb_set('1', '{a}', '2');
-- error 22P02
SELECT jsonb_set('[1,2]', '{x}', '3');
-- error 22004
SELECT jsonb_set('{"a":1}', '{a,NULL}', '3');
SELECT jsonb_strip_nulls('{"a":1,"b":null,"c":{"d":null,"e":[1,null]}}'), jsonb_strip_nulls('[null,{"a":null}]'), jsonb_strip_nulls('null');
SELECT json_strip_nulls('{"a": 1, "b": null, "c": [1, null], "d": {"e": null}}');
SELECT jsonb_pretty('{"a":[],"b":{},"c":[1,{"d":null}],"e":"x"}'), jsonb_pretty('1'), jsonb_pretty('[]'), jsonb_pretty('{}');
SELECT jsonb_pretty('[{"a": [1, [2, {"b": {}}]]}]');
-- Set-returning functions in FROM and in the select list.
SELECT * FROM jsonb_each('{"b":1,"a":"x","c":null}') ORDER BY key;
SELECT key, value, jsonb_typeof(value) FROM jsonb_each('{"b":[1],"a":{"c":2}}') ORDER BY key;
SELECT * FROM jsonb_each_text('{"b":1,"a":"x","c":null,"d":[1, 2]}') ORDER BY key;
SELECT * FROM json_each('{"b": 1, "a": "x", "b": [2,  3]}');
SELECT * FROM json_each_text('{"b": 1, "a": "x\ny", "n": null}');
SELECT * FROM jsonb_array_elements('[1,"a",null,{"b":2},[3]]');
SELECT * FROM jsonb_array_elements_text('[1,"a",null,{"b":2},[3]]');
SELECT * FROM json_array_elements('[1, "a",  null, {"b": 2}]');
SELECT * FROM json_array_elements_text('[1, "a", null, {"b": 2}]');
SELECT * FROM jsonb_object_keys('{"bb":1,"a":2,"c":3}');
SELECT * FROM json_object_keys('{"bb": 1, "a": 2, "bb": 3}');
SELECT k FROM jsonb_object_keys('{"x":1,"y":2}') k ORDER BY k;
SELECT e.value, e.ordinality FROM jsonb_array_elements('["x","y","z"]') WITH ORDINALITY e ORDER BY e.ordinality;
SELECT t.k, t.v FROM jsonb_each('{"a":1,"b":2}') AS t(k, v) ORDER BY t.k;
SELECT * FROM jsonb_array_elements('[]');
SELECT * FROM jsonb_each(NULL);
SELECT jsonb_array_elements('[1,2,3]');
SELECT jsonb_array_elements_text('["a","b"]') AS v;
SELECT jsonb_each('{"a":1,"b":"x"}');
SELECT json_each_text('{"a": 1, "b": "x"}');
SELECT jsonb_object_keys('{"b":1,"a":2}');
SELECT json_array_elements('[1, [2]]'), json_object_keys('{"z": 1}');
-- error 22023
SELECT * FROM jsonb_each('[1]');
-- error 22023
SELECT * FROM jsonb_array_elements('{"a":1}');
-- error 22023
SELECT * FROM jsonb_array_elements('1');
-- error 22023
SELECT * FROM jsonb_object_keys('[1]');
-- error 22023
SELECT * FROM json_each('[1]');
-- error 22023
SELECT * FROM json_array_elements('{"a": 1}');
CREATE TABLE events (id int PRIMARY KEY, payload jsonb, meta json);
INSERT INTO events VALUES (1, '{"type":"click","tags":["x","y"],"n":3}', '{"src": "web"}'), (2, '{"type":"view","tags":["y"],"n":1}', '{"src": "app"}'),
  (3, '{"type":"click","tags":[],"n":5}', '{"src": "web"}'), (4, '{"type":"buy","n":2}', NULL), (5, NULL, '{"src": null}');
SELECT e.id, t.tag FROM events e, jsonb_array_elements_text(e.payload->'tags') t(tag) ORDER BY e.id, t.tag;
SELECT e.id, t.tag FROM events e CROSS JOIN LATERAL jsonb_array_elements_text(e.payload->'tags') AS t(tag) ORDER BY e.id, t.tag;
SELECT e.id, t.tag FROM events e LEFT JOIN LATERAL jsonb_array_elements_text(e.payload->'tags') AS t(tag) ON true ORDER BY e.id, t.tag;
SELECT e.id, kv.key, kv.value FROM events e, jsonb_each(e.payload) kv WHERE kv.key <> 'tags' ORDER BY e.id, kv.key;
SELECT e.id, m.key, m.value FROM events e, json_each_text(e.meta) m ORDER BY e.id, m.key;
SELECT id, jsonb_array_elements_text(payload->'tags') AS tag FROM events ORDER BY id, tag;
SELECT tag, count(*) FROM events, jsonb_array_elements_text(payload->'tags') tag GROUP BY tag ORDER BY tag;
SELECT payload->>'type' AS type, sum((payload->>'n')::int) AS n FROM events GROUP BY payload->>'type' ORDER BY type;
-- Aggregates.
SELECT json_agg(id ORDER BY id), jsonb_agg(id ORDER BY id DESC) FROM events;
SELECT json_agg(payload->'n' ORDER BY id), jsonb_agg(payload->'type' ORDER BY id) FROM events;
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (1), (NULL), (3)) v(x);
SELECT json_agg(x), jsonb_agg(x) FROM (VALUES (ARRAY[1,2]), (ARRAY[3])) v(x);
SELECT json_agg(v), jsonb_agg(v) FROM (VALUES (1, 'a'), (2, 'b')) v(x, y);
SELECT json_agg(e ORDER BY e.id) FROM (SELECT id, payload->'n' AS n FROM events WHERE id < 3) e;
SELECT jsonb_agg(e ORDER BY e.id) FROM (SELECT id, payload->>'type' AS type FROM events WHERE id < 3) e;
SELECT json_agg(x) IS NULL, jsonb_agg(x) IS NULL, json_object_agg(x, x) IS NULL FROM (VALUES (1)) v(x) WHERE false;
SELECT json_agg(DISTINCT payload->>'type'), jsonb_agg(id) FILTER (WHERE payload @> '{"type":"click"}') FROM events;
SELECT json_object_agg(id, payload->'type' ORDER BY id), jsonb_object_agg(payload->>'type', id) FILTER (WHERE payload IS NOT NULL) FROM events;
SELECT json_object_agg(k, v), jsonb_object_agg(k, v) FROM (VALUES ('a', 1), ('b', NULL), ('a', 2)) t(k, v);
SELECT meta->>'src' AS src, json_agg(id ORDER BY id), jsonb_agg(payload->'n' ORDER BY id) FROM events WHERE meta IS NOT NULL GROUP BY meta->>'src' ORDER BY src;
SELECT jsonb_object_agg(id, payload) FROM events WHERE id <= 2;
SELECT to_jsonb(e) FROM events e WHERE id = 1;
SELECT to_json(e), row_to_json(e) FROM events e WHERE id = 2;
SELECT json_agg(e ORDER BY id) FROM events e WHERE id >= 4;
-- error 22023
SELECT json_object_agg(k, v) FROM (VALUES (NULL::text, 1)) t(k, v);
-- error 42804
SELECT json_agg('a');
SELECT jsonb_extract_path('{"a":{"b":[10,20]}}', 'a', 'b', '1'), jsonb_extract_path_text('{"a":{"b":"x"}}', 'a', 'b'), jsonb_extract_path('{"a":1}', 'z');
-- error 42883
SELECT jsonb_extract_path('{"a":1}');

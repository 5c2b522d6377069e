-- Arrays: literals, constructors, columns, subscripts and slices, ANY/ALL, operators, comparison, casts.
CREATE TABLE arr_posts (id int PRIMARY KEY, title text NOT NULL, tags text[], scores int[], ratings numeric(4,1)[], flags boolean[], days date[], codes varchar(3)[], big bigint[], reals double precision[]);
INSERT INTO arr_posts VALUES (1, 'first', '{sql,db}', '{1,2,3}', '{4.5,3}', '{t,f}', '{2024-01-01,2024-02-01}', '{abc,de}', '{9000000000}', '{1.5,NaN}');
INSERT INTO arr_posts VALUES (2, 'second', ARRAY['java','sql'], ARRAY[10,20], NULL, ARRAY[true], NULL, ARRAY['x'], NULL, ARRAY[0.1, 2]);
INSERT INTO arr_posts VALUES (3, 'third', '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}'), (4, 'fourth', NULL, '{5,NULL,7}', '{1.25}', NULL, NULL, NULL, '{-1,0}', NULL);
INSERT INTO arr_posts (id, title, tags, scores) VALUES (5, 'fifth', '{"with space","quote\"d",NULL,"null"}', '{100}'), (6, 'sixth', ARRAY['db', 'go', 'db'], ARRAY[2, 2, 3]);
SELECT * FROM arr_posts ORDER BY id;
SELECT id, tags[1], scores[2], ratings[1], flags[1], days[2], codes[1], big[1], reals[2] FROM arr_posts ORDER BY id;
SELECT id, tags[0], tags[3], scores[-1], scores[NULL] FROM arr_posts ORDER BY id;
SELECT id, scores[2:3], scores[:2], scores[2:], tags[1:1], scores[3:2] FROM arr_posts ORDER BY id;
SELECT id, array_length(tags, 1), cardinality(scores), array_upper(scores, 1), array_lower(tags, 1), array_ndims(scores), array_dims(scores) FROM arr_posts ORDER BY id;
SELECT id FROM arr_posts WHERE 'sql' = ANY(tags) ORDER BY id;
SELECT id FROM arr_posts WHERE 'sql' <> ALL(tags) ORDER BY id;
SELECT id FROM arr_posts WHERE tags @> ARRAY['sql'] ORDER BY id;
SELECT id FROM arr_posts WHERE tags @> '{sql,db}' ORDER BY id;
SELECT id FROM arr_posts WHERE tags <@ '{sql,db,java,go}' ORDER BY id;
SELECT id FROM arr_posts WHERE tags && '{java,rust}' ORDER BY id;
SELECT id FROM arr_posts WHERE NOT (tags && '{sql}') ORDER BY id;
SELECT id FROM arr_posts WHERE 5 = ANY(scores) ORDER BY id;
SELECT id FROM arr_posts WHERE 6 <> ALL(scores) ORDER BY id;
SELECT id FROM arr_posts WHERE 3 > ALL(scores) ORDER BY id;
SELECT id FROM arr_posts WHERE 15 < ANY(scores) ORDER BY id;
SELECT id FROM arr_posts WHERE cardinality(tags) = 0 ORDER BY id;
SELECT id FROM arr_posts WHERE tags = '{}' ORDER BY id;
SELECT id FROM arr_posts WHERE tags IS NULL ORDER BY id;
SELECT id FROM arr_posts WHERE scores = ARRAY[10, 20];
SELECT id FROM arr_posts WHERE scores > '{5}' ORDER BY id;
SELECT id FROM arr_posts WHERE scores[1] > 4 ORDER BY id;
SELECT id FROM arr_posts WHERE array_position(tags, 'db') IS NOT NULL ORDER BY id;
SELECT id, scores FROM arr_posts ORDER BY scores NULLS FIRST, id;
SELECT id, tags FROM arr_posts ORDER BY tags DESC NULLS LAST, id;
SELECT scores, count(*) FROM arr_posts GROUP BY scores ORDER BY scores NULLS FIRST;
SELECT DISTINCT tags FROM arr_posts ORDER BY tags NULLS FIRST;
SELECT max(scores), min(scores), max(tags), min(tags), count(tags) FROM arr_posts;
SELECT id, tags || 'new'::text, 'first'::text || tags, tags || ARRAY['x', 'y'], scores || 99, 0 || scores FROM arr_posts ORDER BY id;
SELECT id, scores || ARRAY[1.5], scores || '{}', scores || NULL::int[] FROM arr_posts ORDER BY id;
SELECT id, array_to_string(tags, ', '), array_to_string(scores, '-', '?'), array_to_string(flags, '') FROM arr_posts ORDER BY id;
SELECT id, array_position(tags, 'db'), array_positions(tags, 'db'), array_position(scores, NULL) FROM arr_posts ORDER BY id;
SELECT id, array_remove(tags, 'db'), array_replace(scores, 2, 20), array_remove(scores, NULL) FROM arr_posts ORDER BY id;
SELECT id, array_append(tags, 'z'), array_prepend('a', tags), array_cat(scores, ARRAY[0]) FROM arr_posts ORDER BY id;
SELECT id, tags::text, scores::text[], ratings::float8[], big::numeric[] FROM arr_posts ORDER BY id;
SELECT id, codes, codes::varchar(1)[], ratings::numeric(5,2)[] FROM arr_posts ORDER BY id;
SELECT id, flags::text[], days::text[], reals::text FROM arr_posts ORDER BY id;
UPDATE arr_posts SET tags = array_append(tags, 'updated') WHERE id = 2;
UPDATE arr_posts SET scores = scores || 99 WHERE id IN (1, 3);
UPDATE arr_posts SET tags = array_remove(tags, 'db') WHERE 'db' = ANY(tags);
UPDATE arr_posts SET codes = '{a,b,c}', big = big || 1::bigint WHERE id = 4;
SELECT id, tags, scores, codes, big FROM arr_posts ORDER BY id;
DELETE FROM arr_posts WHERE scores @> '{99}';
SELECT id FROM arr_posts ORDER BY id;
-- error 22001
INSERT INTO arr_posts (id, title, codes) VALUES (7, 'x', '{abcd}');
-- error 22P02
INSERT INTO arr_posts (id, title, scores) VALUES (8, 'x', '{1.5}');
INSERT INTO arr_posts (id, title, scores) VALUES (9, 'nine', ARRAY[1.5, 2.4]);
INSERT INTO arr_posts (id, title, codes) VALUES (10, 'ten', ARRAY['abc   ', 'x']);
INSERT INTO arr_posts (id, title, tags) VALUES (11, 'eleven', ARRAY['A', NULL]) RETURNING id, tags, tags[2] IS NULL;
INSERT INTO arr_posts (id, title, tags) VALUES (12, 'x', ARRAY[1, 2]);
-- error 42804
INSERT INTO arr_posts (id, title, scores) VALUES (13, 'x', 5);
SELECT id, scores, codes FROM arr_posts WHERE id >= 9 ORDER BY id;
CREATE TABLE arr_grid (id int PRIMARY KEY, m int[][], t text ARRAY);
INSERT INTO arr_grid VALUES (1, '{{1,2},{3,4}}', '{x}'), (2, ARRAY[[5,6,7]], NULL), (3, '[0:1][1:2]={{8,9},{10,11}}', '{}');
SELECT id, m, m[1][2], m[2][1], m[1:1], m[1:2][2], m[2], array_dims(m), array_length(m, 2), cardinality(m) FROM arr_grid ORDER BY id;
SELECT id, m[0][1], array_lower(m, 1), array_upper(m, 1), m::text FROM arr_grid ORDER BY id;
SELECT ARRAY[1,2,3], ARRAY['a','b'], ARRAY[1.5, 2], ARRAY[[1,2],[3,4]], ARRAY[ARRAY[1],ARRAY[2]], ARRAY[NULL::int];
SELECT '{1,2,3}'::int[], '{a,"b c",NULL,""}'::text[], '[0:2]={1,2,3}'::int[], '{}'::int[], ' { 1 , 2 } '::int[], '{{1},{2}}'::int[];
SELECT ARRAY['a b', '', 'NULL', 'x"y', 'p\q', '{', ',', NULL, 'tab	here'];
SELECT ARRAY[1.5, NULL]::numeric[], ARRAY[true, false], ARRAY['2024-01-02 03:04:05'::timestamp], ARRAY['\x6869'::bytea], ARRAY['2024-01-02'::date], ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid];
SELECT ARRAY[1::smallint, 2], ARRAY[1, 2::bigint], ARRAY[1.5::real, 2], ARRAY[0.1::float8, 1e300], ARRAY['a'::varchar, 'b'];
SELECT '{"\\x41"}'::bytea[], '{1e3,-0.5}'::numeric[], '{Infinity,-1.5}'::float8[], '{t,false,yes}'::bool[];
SELECT '{" a ",b  c}'::text[], '{\"}'::text[], '{a\,b}'::text[], '{NULL,"NULL",nULl}'::text[];
SELECT ARRAY[]::int[], ARRAY[]::text[] = '{}', ARRAY[NULL], ARRAY[1, '2'], ARRAY['x', NULL], ARRAY[ARRAY['a','b'], ARRAY['c', NULL]];
SELECT ARRAY(SELECT 1 UNION ALL SELECT 2), ARRAY(SELECT 'a' WHERE false), ARRAY(SELECT ARRAY[1,2] UNION ALL SELECT ARRAY[3,4]);
SELECT ARRAY(SELECT id FROM arr_posts ORDER BY id DESC), ARRAY(SELECT title FROM arr_posts WHERE id < 3 ORDER BY id);
SELECT (ARRAY[1,2,3])[2], (ARRAY[1,2,3])[0], (ARRAY[1,2,3])[NULL], (ARRAY[[1,2],[3,4]])[2][1], (ARRAY[[1,2],[3,4]])[2];
SELECT (ARRAY[1,2,3])[2:3], (ARRAY[1,2,3])[:2], (ARRAY[1,2,3])[2:], (ARRAY[1,2,3])[5:9], (ARRAY[[1,2],[3,4]])[1:2][2], (ARRAY[[1,2],[3,4]])[2:2], (ARRAY[1,2,3])[:];
SELECT (ARRAY[1,2])[1.6], (ARRAY[10,20,30])[1 + 1], ('{a,b}'::text[])[2], (string_to_array('x,y,z', ','))[3];
SELECT 1 = ANY('{1,2}'), 'a' = ANY(ARRAY['a','b']), NULL = ANY(ARRAY[1]), 1 = ANY('{}'::int[]), NULL = ALL('{}'::int[]), 3 = ANY(ARRAY[1,NULL]), 3 <> ALL(ARRAY[1,NULL]), 1 = ANY(NULL::int[]);
SELECT 2 > ALL(ARRAY[1,0]), 2 >= SOME(ARRAY[3,2]), 1.5 = ANY(ARRAY[1,2]), 'b' < ANY('{a,c}'), 2 = ANY(ARRAY[[1,2],[3,4]]), 5 = ANY(ARRAY[1,2,3]);
SELECT array[1,2] || 3, 0 || array[1,2], array[1] || array[2.5], array[[1,2]] || array[3,4], array[1,2] || array[[3,4]], array[1] || '{2,3}';
SELECT array[1] || null, null || array[1], array[1] || null::int[], '[0:1]={1,2}'::int[] || 3, '{}'::int[] || '{}';
SELECT ARRAY[1,2] @> ARRAY[1], ARRAY[1,2] <@ ARRAY[1], ARRAY[1,2] && ARRAY[2,3], ARRAY[1,NULL] @> ARRAY[NULL::int], ARRAY[1] @> '{}', '{}'::int[] && '{}', ARRAY[[1,2],[3,4]] @> ARRAY[4];
SELECT '{1,2}' @> ARRAY[1], ARRAY['a'] <@ '{a,b}', ARRAY[1,1,1] <@ ARRAY[1], ARRAY[NULL::int] && ARRAY[NULL::int];
SELECT ARRAY[1,2] = ARRAY[1,2], ARRAY[1,2] < ARRAY[1,3], ARRAY[1] < ARRAY[1,0], ARRAY[NULL::int] = ARRAY[NULL::int], '{1,2}'::int[] = '[0:1]={1,2}'::int[], ARRAY[[1,2]] = ARRAY[1,2];
SELECT ARRAY[2] > ARRAY[1,5], ARRAY[1,NULL] > ARRAY[1,2], ARRAY['b'] >= ARRAY['a','z'], ARRAY[1] IS DISTINCT FROM ARRAY[1], ARRAY[1] IN (ARRAY[2], ARRAY[1]);
SELECT ARRAY[1,2]::text[], ARRAY['1','2']::int[], ARRAY[1,2]::text, '{1,2}'::text[]::bigint[], ARRAY[1.7,2.2]::int[], ARRAY[true]::text;
SELECT CAST('{1,2}' AS int[]), CAST(ARRAY[1] AS numeric[]), CAST('{a}' AS text ARRAY), '{1}'::integer[][], '{x}'::varchar(5)[];
SELECT greatest(ARRAY[1,2], ARRAY[1,3]), least(ARRAY[2], ARRAY[1,9]), coalesce(NULL::int[], '{7}'), nullif(ARRAY[1], ARRAY[1]);
SELECT CASE WHEN true THEN ARRAY[1] ELSE ARRAY[2,3] END, CASE WHEN false THEN '{x}'::text[] END;
-- error 22P02
SELECT '{1,2'::int[];
-- error 22P02
SELECT '{{1,2},{3}}'::int[];
-- error 22P02
SELECT '{a}'::int[];
-- error 22P02
SELECT '1,2'::int[];
-- error 22P02
SELECT '{1,2}x'::int[];
-- error 22P02
SELECT '[0:1]={1,2,3}'::int[];
-- error 22P02
SELECT '{"a"b}'::text[];
-- error 22P02
SELECT '{{}}'::text[];
-- error 42P18
SELECT ARRAY[];
-- error 22P02
SELECT ARRAY[1, 'a'];
-- error 2202E
SELECT ARRAY[ARRAY[1,2], ARRAY[3]];
-- error 42804
SELECT ARRAY[1, 'x'::text];
-- error 42846
SELECT ARRAY[1]::uuid[];
-- error 42846
SELECT 1::int[];
-- error 42804
SELECT (1)[1];
-- error 42809
SELECT 1 = ANY(1);
-- error 42883
SELECT 1 = ANY('{a}'::text[]);
-- error 42883
SELECT array[1,2] || array['a'];
-- error 22P02
SELECT array['a'] || 'b';
-- error 2202E
SELECT array[[1,2]] || array[[3]];
-- error 42883
SELECT ARRAY[1] @> ARRAY[1.0];
-- error 42883
SELECT ARRAY[1] = ARRAY[1::bigint];
-- error 42883
SELECT ARRAY[1] @> 1;
-- error 22P02
SELECT (ARRAY[1])['a'];
CREATE TABLE arr_set (id int PRIMARY KEY, a int[], m int[], t text[]);
INSERT INTO arr_set VALUES (1, '{1,2,3}', '{{1,2},{3,4}}', '{x}'), (2, NULL, NULL, NULL), (3, '{}', NULL, '{}');
UPDATE arr_set SET a[2] = 20 WHERE id = 1;
UPDATE arr_set SET a[5] = 50 WHERE id = 1;
UPDATE arr_set SET a[0] = 0 WHERE id = 1;
UPDATE arr_set SET a[3] = 7, t[1] = 'first' WHERE id = 2;
UPDATE arr_set SET a[-1] = 9 WHERE id = 3;
SELECT id, a, array_dims(a), t FROM arr_set ORDER BY id;
UPDATE arr_set SET a[1:2] = '{7,8,9}' WHERE id = 1;
UPDATE arr_set SET a[2:4] = ARRAY[1,2,3] WHERE id = 2;
SELECT id, a, array_dims(a) FROM arr_set ORDER BY id;
UPDATE arr_set SET a[1] = 1, a[2] = 2 WHERE id = 3;
UPDATE arr_set SET t[2] = upper(t[1]) WHERE id = 2 RETURNING id, t;
SELECT id, a, t FROM arr_set ORDER BY id;
UPDATE arr_set SET a[1] = NULL WHERE id = 1;
SELECT id, a FROM arr_set WHERE id = 1;
-- error 22004
UPDATE arr_set SET a[NULL] = 1 WHERE id = 1;
-- error 2202E
UPDATE arr_set SET a[1:3] = '{1}' WHERE id = 1;
-- error 22P02
UPDATE arr_set SET a[1] = 'x' WHERE id = 1;
-- error 42804
UPDATE arr_set SET a[1] = 'x'::text WHERE id = 1;
-- error 2202E
UPDATE arr_set SET m[1] = 5 WHERE id = 1;
-- error 42804
UPDATE arr_set SET id[1] = 5 WHERE id = 1;
SELECT x, count(*) FROM (VALUES ('{1.0}'::numeric[]), ('{1.00}'), ('{1}'), ('{2}')) v(x) GROUP BY x ORDER BY x;
SELECT DISTINCT x FROM (VALUES ('{1.0}'::numeric[]), ('{1.00}'), ('{NULL}'), ('{NULL}')) v(x) ORDER BY x;
SELECT x FROM (VALUES ('{1.0}'::numeric[]), ('{2}')) v(x) UNION SELECT '{1.000}'::numeric[] ORDER BY 1;
SELECT count(DISTINCT x) FROM (VALUES (ARRAY[1,2]), (ARRAY[1,2]), (ARRAY[2,1])) v(x);

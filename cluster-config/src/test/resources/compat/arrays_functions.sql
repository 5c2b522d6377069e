-- Array functions, array_agg, unnest (select list and FROM), ARRAY(subquery), string_to_array / array_to_string.
CREATE TABLE af_orders (id int PRIMARY KEY, customer text NOT NULL, item text, qty int, tags text[]);
INSERT INTO af_orders VALUES (1, 'ann', 'apple', 3, '{fruit,red}'), (2, 'ann', 'pear', 1, '{fruit}'), (3, 'bob', 'milk', 2, '{dairy,cold}'), (4, 'bob', NULL, 5, NULL), (5, 'cy', 'kale', NULL, '{}'), (6, 'ann', 'apple', 1, '{fruit,red,sale}');
SELECT customer, array_agg(id ORDER BY id) FROM af_orders GROUP BY customer ORDER BY customer;
SELECT customer, array_agg(item ORDER BY item NULLS FIRST), array_agg(DISTINCT item) FROM af_orders GROUP BY customer ORDER BY customer;
SELECT customer, array_agg(qty ORDER BY id DESC), array_agg(qty) FILTER (WHERE qty > 1) FROM af_orders GROUP BY customer ORDER BY customer;
SELECT array_agg(id ORDER BY id) FROM af_orders WHERE false;
SELECT array_agg(tags ORDER BY id) FROM af_orders WHERE id IN (1, 6) AND false;
SELECT array_agg(ARRAY[id, qty] ORDER BY id) FROM af_orders WHERE qty IS NOT NULL;
SELECT customer, array_to_string(array_agg(item ORDER BY id), ', ') AS items, string_agg(item, ', ' ORDER BY id) FROM af_orders GROUP BY customer ORDER BY customer;
SELECT customer, (array_agg(id ORDER BY qty DESC NULLS LAST))[1] AS top FROM af_orders GROUP BY customer ORDER BY customer;
SELECT customer, cardinality(array_agg(id)) FROM af_orders GROUP BY customer HAVING 1 = ANY(array_agg(id)) ORDER BY customer;
SELECT id, array_agg(id) OVER (PARTITION BY customer ORDER BY id) FROM af_orders ORDER BY id;
SELECT array_agg(x), array_agg(DISTINCT x), array_agg(x ORDER BY x DESC NULLS LAST) FROM (VALUES (3), (1), (NULL), (3)) v(x);
SELECT array_agg(x) FROM (VALUES (ARRAY[1,2]), (ARRAY[3,4])) v(x);
SELECT pg_typeof(array_agg(id))::text, pg_typeof(array_agg(item))::text, pg_typeof(array_agg(tags))::text FROM af_orders WHERE id = 1;
-- error 22004
SELECT array_agg(x) FROM (VALUES (ARRAY[1,2]), (NULL)) v(x);
-- error 2202E
SELECT array_agg(x) FROM (VALUES (ARRAY[1,2]), (ARRAY[3])) v(x);
-- error 42725
SELECT array_agg('a');
SELECT unnest(ARRAY[1,2,3]);
SELECT unnest(ARRAY[[1,2],[3,4]]);
SELECT unnest('{a,NULL,c}'::text[]) AS letter;
SELECT 1 AS one, unnest(ARRAY[1,2]), unnest(ARRAY[3,4,5]);
SELECT unnest(ARRAY[1,2]) + 1 AS x, upper(unnest(ARRAY['a','b'])) AS u;
SELECT id, unnest(tags) AS tag FROM af_orders ORDER BY id, tag;
SELECT id, unnest(tags) AS tag, qty FROM af_orders WHERE customer = 'ann' ORDER BY id, tag;
SELECT DISTINCT unnest(tags) AS tag FROM af_orders ORDER BY tag;
SELECT unnest(array_agg(id ORDER BY id DESC)) FROM af_orders;
SELECT customer, unnest(array_agg(qty ORDER BY id)) FROM af_orders GROUP BY customer ORDER BY customer;
SELECT count(*) FROM (SELECT unnest(tags) FROM af_orders) s;
SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b','c']) WITH ORDINALITY AS t(x, y, n);
SELECT * FROM unnest(ARRAY[1,2]) AS x;
SELECT x FROM unnest(ARRAY[1,2,3]) x WHERE x > 1 ORDER BY x DESC;
SELECT * FROM unnest(ARRAY[10,20]) WITH ORDINALITY;
SELECT u.*, u.ordinality * 10 FROM unnest(ARRAY['p','q']) WITH ORDINALITY u;
SELECT * FROM unnest('{}'::int[]);
SELECT * FROM unnest(NULL::int[]);
SELECT * FROM unnest(ARRAY[1,2], ARRAY['x']);
SELECT sum(x), avg(x), max(x) FROM unnest(ARRAY[4, 8, 15, 16, 23, 42]) AS x;
SELECT id, tag FROM af_orders, unnest(tags) AS tag ORDER BY id, tag;
SELECT id, tag, pos FROM af_orders CROSS JOIN LATERAL unnest(tags) WITH ORDINALITY AS x(tag, pos) ORDER BY id, pos;
SELECT id, tag FROM af_orders LEFT JOIN LATERAL unnest(tags) tag ON true ORDER BY id, tag;
SELECT tag, count(*) FROM af_orders, unnest(tags) tag GROUP BY tag ORDER BY count(*) DESC, tag;
SELECT o.id, o.item FROM af_orders o JOIN unnest(ARRAY[1, 3, 5]) AS ids(id) ON o.id = ids.id ORDER BY o.id;
SELECT t.id, w FROM af_orders t, unnest(string_to_array(t.item, 'p')) w WHERE t.item IS NOT NULL ORDER BY t.id, w;
-- error 0A000
SELECT id FROM af_orders WHERE unnest(tags) = 'red';
-- error 42725
SELECT unnest('{1,2}');
-- error 42883
SELECT unnest(1);
SELECT ARRAY(SELECT item FROM af_orders WHERE customer = 'ann' ORDER BY id);
SELECT customer, ARRAY(SELECT i.qty FROM af_orders i WHERE i.customer = o.customer ORDER BY i.id) FROM af_orders o ORDER BY id;
SELECT ARRAY(SELECT tags FROM af_orders WHERE id IN (1, 3) ORDER BY id);
SELECT cardinality(ARRAY(SELECT id FROM af_orders WHERE qty > 10));
-- error 42601
SELECT ARRAY(SELECT id, qty FROM af_orders);
SELECT array_length(ARRAY[1,2,3], 1), array_length(ARRAY[1,2,3], 2), array_length('{}'::int[], 1), array_length(ARRAY[[1,2],[3,4]], 2);
SELECT cardinality(ARRAY[[1,2],[3,4]]), cardinality('{}'::int[]), cardinality(NULL::int[]), array_ndims(ARRAY[[1]]), array_ndims('{}'::int[]);
SELECT array_dims(ARRAY[[1,2],[3,4]]), array_dims('[0:1]={1,2}'::int[]), array_dims('{}'::int[]), array_lower('[0:1]={1,2}'::int[], 1), array_upper(ARRAY[1,2], 1), array_upper(ARRAY[1,2], 2);
SELECT array_position(ARRAY['a','b','a'], 'a'), array_position(ARRAY['a','b','a'], 'a', 2), array_position(ARRAY[1,NULL], NULL), array_position(ARRAY[1,2], 3), array_position('[0:2]={5,6,7}'::int[], 6);
SELECT array_positions(ARRAY[1,2,1,NULL], 1), array_positions(ARRAY[1,NULL], NULL), array_positions(ARRAY[1], 5), array_position(ARRAY[1.5, 2], 2);
SELECT array_append(ARRAY[1,2], 3), array_append('{}'::int[], 1), array_append(NULL::int[], 1), array_prepend(0, ARRAY[1]), array_prepend(0, NULL::int[]);
SELECT array_cat(ARRAY[1], ARRAY[2,3]), array_cat(NULL::int[], ARRAY[1]), array_cat(ARRAY[1], NULL), array_cat(ARRAY[[1,2]], ARRAY[3,4]), array_cat('{}'::text[], '{a}');
SELECT array_append('[0:1]={1,2}'::int[], 3), array_prepend(0, '[0:1]={1,2}'::int[]), array_append(ARRAY[1], 2.5), array_cat(ARRAY[1], ARRAY[2.5]);
SELECT array_append(ARRAY[1], '2'), array_append('{1}', 2), array_prepend('a', '{b}'::text[]);
SELECT array_remove(ARRAY[1,2,1,NULL], 1), array_remove(ARRAY[1,NULL], NULL), array_remove(ARRAY['a'], 'a'), array_remove('{}'::int[], 1);
SELECT array_replace(ARRAY[1,2,1], 1, 9), array_replace(ARRAY[1,NULL], NULL, 0), array_replace(ARRAY['x','y'], 'z', 'w');
SELECT array_to_string(ARRAY[1,NULL,3], ','), array_to_string(ARRAY[1,NULL,3], ',', '*'), array_to_string(ARRAY[[1,2],[3,4]], '-'), array_to_string(ARRAY[true,false], ',');
SELECT array_to_string('{}'::int[], ','), array_to_string(ARRAY['a'], NULL), array_to_string(ARRAY['2024-01-02'::date, NULL], ' / ', 'none'), array_to_string(ARRAY[1.50, 2.0], ';');
SELECT string_to_array('a,b,,c', ','), string_to_array('a,b,,c', ',', ''), string_to_array('abc', NULL), string_to_array('abc', ''), string_to_array('', ',');
SELECT string_to_array(NULL, ','), string_to_array('a--b', '--'), string_to_array('1,2,3', ',')::int[], string_to_array('x', ',', 'x'), string_to_array('héllo', NULL);
SELECT (string_to_array('2024-05-17', '-'))[2]::int AS month, cardinality(string_to_array('a b c d', ' ')) AS words;
SELECT array_fill(7, ARRAY[2,2]), array_fill('x'::text, ARRAY[3], ARRAY[0]), array_fill(NULL::int, ARRAY[2]), array_fill(1, '{}'::int[]);
SELECT trim_array(ARRAY[1,2,3], 1), trim_array(ARRAY[1,2], 0), trim_array(ARRAY[1,2], 2), trim_array(ARRAY[[1,2],[3,4]], 1);
SELECT pg_typeof(array_positions(ARRAY[1], 1))::text, pg_typeof(string_to_array('a', ','))::text, pg_typeof(array_fill(1.5, ARRAY[1]))::text, pg_typeof(array_length(ARRAY[1], 1))::text;
SELECT id, array_length(tags, 1), array_to_string(tags, '|'), array_position(tags, 'red'), array_remove(tags, 'fruit') FROM af_orders ORDER BY id;
-- error 0A000
SELECT array_position(ARRAY[[1]], 1);
-- error 22000
SELECT array_append(ARRAY[[1]], 2);
-- error 22P02
SELECT array_append(ARRAY[1], 'x');
-- error 42883
SELECT array_append(1, 2);
-- error 42883
SELECT array_position(ARRAY['a'], 1);
-- error 42804
SELECT array_length('{1,2}', 1);
-- error 42804
SELECT array_to_string('{1,2}', ',');
-- error 2202E
SELECT trim_array(ARRAY[1,2], 3);
-- error 2202E
SELECT array_fill(7, ARRAY[2], ARRAY[1,2]);
-- error 22004
SELECT array_fill(7, NULL::int[]);
-- error 2202E
SELECT array_cat(ARRAY[[1,2]], ARRAY[[3]]);
SELECT * FROM generate_series(5, 7) WITH ORDINALITY;
SELECT * FROM generate_series(10, 1, -4) WITH ORDINALITY AS g(v, n);
SELECT g.n, g.v FROM generate_series(1, 3) WITH ORDINALITY g(v, n) ORDER BY n DESC;
-- error 42P10
SELECT * FROM generate_series(1, 2) AS x(a, b);
SELECT v, ARRAY(SELECT generate_series(1, v)) FROM generate_series(1, 3) v;
SELECT generate_series(1, 3);
SELECT generate_series(1, 10, 3) AS n, 'x';
SELECT generate_series(1, 3), generate_series(1, 2);
SELECT generate_series(5, 1, -2)::text || '!';
SELECT generate_series(1.5, 3), generate_series(1::bigint, 2);
SELECT v, ARRAY(SELECT generate_series(1, v)) FROM generate_series(1, 3) v;
SELECT generate_series(1, 0);
SELECT generate_series(1, NULL);
-- error 22023
SELECT generate_series(1, 3, 0);
SELECT x, generate_series(1, x) FROM (VALUES (2), (0), (3)) v(x) ORDER BY 1, 2;
SELECT unnest(ARRAY['a','b']), generate_series(1, 3);
SELECT generate_series(1, 3) FROM generate_series(1, 2) ORDER BY 1;

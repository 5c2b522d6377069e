-- Set-returning functions in the select list named by GROUP BY and ORDER BY (output alias, position
-- or the call itself): PostgreSQL computes set-returning GROUP BY items before grouping.
CREATE TABLE t (id int primary key, arr int[], tags text[]);
INSERT INTO t VALUES (1, '{1,2,3}', '{a,b}'), (2, '{2,3}', '{b}'), (3, '{}', NULL), (4, NULL, '{c,a}');
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x ORDER BY x;
SELECT unnest(arr), count(*) FROM t GROUP BY 1 ORDER BY 1;
SELECT unnest(arr) AS x FROM t ORDER BY x;
SELECT unnest(arr) AS x FROM t ORDER BY x DESC, 1;
SELECT id, unnest(arr) AS x FROM t ORDER BY x, id;
SELECT unnest(arr) FROM t ORDER BY 1;
SELECT unnest(tags) AS tag, count(*), sum(id) FROM t GROUP BY tag ORDER BY count(*) DESC, tag;
SELECT unnest(tags) AS tag, count(*) FROM t GROUP BY tag HAVING count(*) > 1;
SELECT unnest(arr) x, count(*) FROM t GROUP BY unnest(arr) ORDER BY x;
SELECT generate_series(1, id) AS n, count(*) FROM t GROUP BY n ORDER BY n;
SELECT DISTINCT unnest(arr) AS x FROM t ORDER BY x;
SELECT unnest(arr) + 1 AS x, count(*) FROM t GROUP BY x ORDER BY x;
SELECT unnest(arr) AS x, id FROM t GROUP BY x, id ORDER BY x, id;
SELECT unnest(arr) AS x FROM t GROUP BY x ORDER BY x;
SELECT unnest(arr) AS x, array_agg(id ORDER BY id) FROM t GROUP BY x ORDER BY x;
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY ROLLUP (x) ORDER BY x;
SELECT unnest(arr) AS x, row_number() OVER (ORDER BY id) FROM t ORDER BY x, 2;
SELECT x, count(*) FROM (SELECT unnest(arr) AS x FROM t) s GROUP BY x ORDER BY x;
SELECT count(*) FROM t GROUP BY unnest(arr);
SELECT unnest(arr) AS x, count(*) FROM t WHERE id < 3 GROUP BY x ORDER BY 2 DESC, 1;
SELECT id, unnest(arr) AS x FROM t ORDER BY id DESC, x DESC;
SELECT unnest(arr) AS id, count(*) FROM t GROUP BY id;
-- error 0A000
SELECT * FROM t WHERE unnest(arr) > 1;
-- error 0A000
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x HAVING unnest(arr) > 1;
-- error 0A000
SELECT sum(unnest(arr)) FROM t;
SELECT unnest(arr) AS x, unnest(tags) AS y, count(*) FROM t GROUP BY x, y ORDER BY x, y;
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x, id ORDER BY x, 2;
-- error 42803
SELECT unnest(arr) AS x, unnest(tags), count(*) FROM t GROUP BY x;
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY CUBE (x) ORDER BY 1, 2;
SELECT unnest(arr) AS x, count(*), unnest(ARRAY[1, 2]) AS y FROM t GROUP BY x ORDER BY x, y;
SELECT unnest(arr) AS x, count(*) c FROM t GROUP BY x ORDER BY c DESC, x LIMIT 2;
SELECT unnest(arr) AS x, sum(id) FILTER (WHERE id > 1) FROM t GROUP BY x ORDER BY x;
SELECT generate_series(1, 3) AS n, count(*) FROM t GROUP BY n ORDER BY n;
SELECT upper(unnest(tags)) AS u, count(*) FROM t GROUP BY u ORDER BY u;
SELECT unnest(tags) AS tag, string_agg(id::text, ',' ORDER BY id) FROM t GROUP BY 1 ORDER BY 1;
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x ORDER BY x DESC;
SELECT unnest(arr) AS x, rank() OVER (ORDER BY count(*) DESC) FROM t GROUP BY x ORDER BY x;

-- with joins, functions in FROM, grouping sets, windows, LIMIT
CREATE TABLE u (id int primary key, t_id int);
INSERT INTO u VALUES (10, 1), (11, 1), (12, 2);
SELECT t.id, t.arr, unnest(arr) x, count(*) FROM t GROUP BY t.id, x ORDER BY 1, 3;
SELECT unnest(t.arr) AS x, count(u.id) FROM t JOIN u ON u.t_id = t.id GROUP BY x ORDER BY x;
SELECT generate_series(1, 3) AS n FROM t GROUP BY n ORDER BY n;
SELECT unnest(arr) + 1 AS y FROM t GROUP BY unnest(arr) + 1 ORDER BY 1;
SELECT DISTINCT unnest(arr) AS x, count(*) FROM t GROUP BY x ORDER BY 1;
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x HAVING count(*) > 1 ORDER BY x;
SELECT unnest(arr) AS x, (SELECT count(*) FROM u WHERE u.t_id = unnest_x.x) FROM t, LATERAL (SELECT 1 AS x) unnest_x GROUP BY 1, unnest_x.x;
SELECT x, count(*) FROM t, unnest(arr) x GROUP BY x ORDER BY x;
-- error 0A000
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY GROUPING SETS ((x), ()) ORDER BY grouping(unnest(arr)), x;
SELECT unnest(arr) AS x, sum(count(*)) OVER () FROM t GROUP BY x ORDER BY x;
SELECT unnest(arr) AS x, count(*) FROM t GROUP BY x ORDER BY x LIMIT 1 OFFSET 1;
SELECT unnest(ARRAY[1,1,2]) AS x, count(*) GROUP BY x ORDER BY x;
-- error 0A000
SELECT unnest(arr) AS x, count(*) FROM t WHERE unnest(arr) > 1 GROUP BY x;
SELECT count(*) FROM t GROUP BY generate_series(1, id) ORDER BY 1;

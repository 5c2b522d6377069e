-- Correlated subqueries inside grouped queries: an outer reference reads the group row (it must
-- name a grouped column), and an aggregate whose arguments read only outer columns belongs to
-- the outer query.
CREATE TABLE a (id int primary key, g int, v text);
CREATE TABLE b (id int primary key, g int);
INSERT INTO a VALUES (1,1,'x'),(2,1,'y'),(3,2,'z'),(4,3,NULL);
INSERT INTO b VALUES (1,1),(2,2),(3,2),(4,5);
-- grouped columns read by subqueries in the select list, HAVING and ORDER BY
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY g ORDER BY g;
SELECT g FROM a GROUP BY g HAVING count(*) > (SELECT count(*) FROM b WHERE b.g = a.g) ORDER BY g;
SELECT g FROM a GROUP BY g ORDER BY (SELECT count(*) FROM b WHERE b.g = a.g), g;
SELECT a.g, (SELECT count(*) FROM b WHERE b.g = a.g) AS c FROM a GROUP BY a.g HAVING (SELECT count(*) FROM b WHERE b.g = a.g) > 0 ORDER BY c DESC;
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g) c FROM a GROUP BY g ORDER BY c, g;
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g GROUP BY b.g HAVING count(*) > 0) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT (SELECT count(*) FROM b WHERE b.g = a.g)) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT x FROM (SELECT a.g AS x) d) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT x FROM (SELECT a.g AS x) d) FROM a ORDER BY id;
SELECT id, v, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY id ORDER BY id;
SELECT g, EXISTS (SELECT 1 FROM b WHERE b.g = a.g) FROM a GROUP BY g ORDER BY g;
SELECT g, a.g IN (SELECT b.g FROM b) FROM a GROUP BY g ORDER BY g;
SELECT g, g = ANY (SELECT b.g FROM b WHERE b.id > a.g) FROM a GROUP BY g ORDER BY g;
SELECT g, ARRAY(SELECT b.id FROM b WHERE b.g = a.g ORDER BY b.id) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT sum(b.id + a.g) FROM b) FROM a GROUP BY g ORDER BY g;
SELECT g, sum((SELECT max(b.id) FROM b WHERE b.g = a.g)) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT count(*) FROM unnest(ARRAY[a.g, a.g + 1]) u WHERE u > 1) FROM a GROUP BY g ORDER BY g;
SELECT (SELECT count(*) FROM unnest(ARRAY[a.g, a.g + 1]) u WHERE u > 1) FROM a ORDER BY id;
SELECT g, (SELECT sum(x) FROM generate_series(1, a.g) x) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT count(*) FROM b JOIN LATERAL (SELECT b.id + a.g AS s) l ON true WHERE l.s > 3) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT count(*) FROM b, (SELECT a.g AS og) o WHERE b.g = o.og) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT max(c) FROM (SELECT count(*) AS c FROM b WHERE b.g <= a.g GROUP BY b.g) s) FROM a GROUP BY g ORDER BY g;
SELECT g, (WITH w AS (SELECT b.id FROM b WHERE b.g = 2) SELECT count(*) FROM w WHERE w.id > a.g) FROM a GROUP BY g ORDER BY g;
SELECT a.g, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a JOIN b USING (id) GROUP BY a.g ORDER BY 1;
SELECT DISTINCT g, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY g ORDER BY 2, 1;
SELECT (SELECT count(*) FROM b WHERE b.g = x.g) FROM (SELECT g FROM a GROUP BY g) x ORDER BY 1;
-- grouping sets: the rolled-up column is NULL in the group row the subquery reads
SELECT g, count(*), (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY ROLLUP (g) ORDER BY g;
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY GROUPING SETS ((g), ()) ORDER BY g;
-- window functions over grouped rows with correlated subqueries
SELECT g, rank() OVER (ORDER BY (SELECT count(*) FROM b WHERE b.g = a.g) DESC, g) FROM a GROUP BY g ORDER BY g;
SELECT g, sum(count(*)) OVER (ORDER BY g), (SELECT sum(b.id) FROM b WHERE b.g = a.g) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g), row_number() OVER (ORDER BY (SELECT count(*) FROM b WHERE b.g = a.g) DESC, g) FROM a GROUP BY g ORDER BY g;
SELECT g, sum(g) OVER (PARTITION BY (SELECT count(*) FROM b WHERE b.g = a.g) ORDER BY g) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g) + count(*) OVER () FROM a GROUP BY g ORDER BY g;
-- aggregates whose arguments read only outer columns belong to the outer query
SELECT (SELECT max(a.id)) FROM a;
SELECT g, (SELECT max(a.id)) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT count(*) FROM b WHERE b.g = a.g AND b.id <= max(a.id)) FROM a GROUP BY g ORDER BY g;
-- error 21000
SELECT (SELECT max(a.id) FROM b) FROM a;
-- error 21000
SELECT a.id, (SELECT max(a.id) FROM b) FROM a GROUP BY a.id ORDER BY 1;
SELECT g, (SELECT count(a.id) FROM b LIMIT 1) FROM a GROUP BY g ORDER BY g;
SELECT (SELECT count(a.id) FROM b LIMIT 1) FROM a;
SELECT g, (SELECT string_agg(a.v, ',' ORDER BY a.v)) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT max(a.id) FILTER (WHERE a.v IS NOT NULL)) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY a.id)) FROM a GROUP BY g ORDER BY g;
-- error 42803
SELECT g, (SELECT max(b.id) FROM b WHERE b.g = a.g AND b.id > count(*)) FROM a GROUP BY g ORDER BY g;
SELECT a1.g, (SELECT count(*) FROM a a2 WHERE a2.g = a1.g AND a2.id < max(a1.id)) FROM a a1 GROUP BY a1.g ORDER BY 1;
SELECT g FROM a GROUP BY g HAVING (SELECT max(a.id)) > 1 ORDER BY g;
SELECT g FROM a GROUP BY g HAVING EXISTS (SELECT 1 FROM b WHERE b.g = a.g AND b.id < max(a.id)) ORDER BY g;
SELECT (SELECT sum(a.id) FILTER (WHERE b.id > 1) FROM b) FROM a;
SELECT (SELECT sum(a.id) FROM b WHERE b.id = 1) + 1 FROM a;
SELECT 1 FROM a ORDER BY (SELECT max(a.id));
-- error 42803
-- errors: ungrouped outer columns, outer aggregates where aggregates are not allowed
SELECT g, (SELECT a.id) FROM a GROUP BY g ORDER BY g;
-- error 42803
SELECT g, (SELECT v) FROM a GROUP BY g;
-- error 42803
SELECT g, (SELECT sum(b.id + a.id) FROM b) FROM a GROUP BY g ORDER BY g;
-- error 42803
SELECT g FROM a GROUP BY g HAVING (SELECT a.v) IS NULL;
-- error 42803
SELECT g FROM a GROUP BY g ORDER BY (SELECT a.id);
-- error 42703
SELECT g AS gg, (SELECT count(*) FROM b WHERE b.g = gg) FROM a GROUP BY g;
-- error 42803
SELECT * FROM a WHERE (SELECT max(a.id)) > 1;
-- error 42803
SELECT count(*) FROM a WHERE (SELECT count(a.id)) > 0;
-- error 42803
SELECT * FROM a JOIN b ON (SELECT max(a.id)) > 1;
-- error 42803
SELECT g, max((SELECT max(a.id))) FROM a GROUP BY g;
-- error 42803
UPDATE a SET g = (SELECT max(a.id));
-- error 42803
DELETE FROM a WHERE id = 1 RETURNING (SELECT max(a.id));
-- error 42803
SELECT g, (SELECT a.id FROM b LIMIT 1) FROM a GROUP BY g;

-- more forms: FILTER, lateral, nested grouped levels, GROUP BY a subquery, DISTINCT ON a subquery
SELECT a.g, count(*) FROM a, LATERAL (SELECT b.id FROM b WHERE b.g = a.g) l GROUP BY a.g ORDER BY 1;
SELECT g, count(*) FILTER (WHERE a.id IN (SELECT b.id FROM b WHERE b.g = a.g)) FROM a GROUP BY g ORDER BY g;
SELECT (SELECT count(*) FROM b WHERE b.g = a.g GROUP BY b.g HAVING count(*) > (SELECT count(*) FROM a a2 WHERE a2.g = b.g)) FROM a ORDER BY id;
-- error 42803
SELECT 1 FROM a HAVING (SELECT count(*) FROM b WHERE b.g = a.g) > 0;
SELECT (SELECT count(*) FROM b WHERE b.g = a.g) AS k, count(*) FROM a GROUP BY (SELECT count(*) FROM b WHERE b.g = a.g) ORDER BY 1;
SELECT g, (SELECT sum(x) FROM unnest(array_agg(a.id)) x) FROM a GROUP BY g ORDER BY g;
SELECT g, (SELECT string_agg(u, '-') FROM unnest(array_agg(a.v ORDER BY a.v)) u) FROM a GROUP BY g ORDER BY g;
SELECT max(id), (SELECT count(*) FROM b WHERE b.id < max(a.id)) FROM a;
SELECT g, (SELECT count(*) FROM b WHERE b.id < max(a.id) + a.g) FROM a GROUP BY g ORDER BY g;
UPDATE a SET v = (SELECT max(b.id)::text FROM b WHERE b.g = a.g) WHERE id = 1 RETURNING v;
SELECT g, count(*) OVER w, (SELECT count(*) FROM b WHERE b.g = a.g) FROM a GROUP BY g WINDOW w AS (ORDER BY g) ORDER BY g;
SELECT DISTINCT ON ((SELECT count(*) FROM b WHERE b.g = a.g)) g FROM a GROUP BY g ORDER BY (SELECT count(*) FROM b WHERE b.g = a.g), g;

-- lateral items inside subqueries: correlated only when they read the enclosing query
CREATE TABLE t (id int primary key, arr int[]);
INSERT INTO t VALUES (1, '{1,2}'), (2, '{3}'), (3, '{}');
SELECT id, (SELECT count(*) FROM t t2, unnest(t2.arr) u WHERE u > t.id) FROM t ORDER BY id;
SELECT id, (SELECT count(*) FROM t t2, unnest(t.arr) u WHERE u > t2.id) FROM t ORDER BY id;
SELECT id, (SELECT sum(x) FROM t t2, LATERAL (SELECT t2.id + t.id AS x) l) FROM t ORDER BY id;
SELECT id, (SELECT sum(x) FROM t t2, LATERAL (SELECT t2.id * 10 AS x) l) FROM t ORDER BY id;
SELECT id, (SELECT count(*) FROM t t2 JOIN LATERAL generate_series(1, t.id) g ON true) FROM t ORDER BY id;
SELECT id FROM t WHERE id IN (SELECT u FROM t t2, unnest(t2.arr) u) ORDER BY id;

-- an aggregate of a query's own columns in a LATERAL item of its FROM clause
CREATE TABLE la (id int primary key, g int);
INSERT INTO la VALUES (1,1),(2,1),(3,2);
-- error 42803
SELECT * FROM la a, LATERAL (SELECT max(a.id)) l ORDER BY 1;
-- error 42803
SELECT * FROM la a, LATERAL (SELECT max(a.id) FROM la a2) l ORDER BY 1;
SELECT * FROM la a JOIN LATERAL (SELECT count(*) AS c FROM la a2 WHERE a2.g = a.g) l ON true ORDER BY 1;

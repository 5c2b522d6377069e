-- WITH and WITH RECURSIVE: named subqueries, chains, hierarchies, series, writable CTEs.
CREATE TABLE cte_nodes (id int PRIMARY KEY, parent_id int, name text NOT NULL, size int);
INSERT INTO cte_nodes VALUES (1, NULL, 'root', 1), (2, 1, 'etc', 2), (3, 1, 'home', 3), (4, 3, 'ada', 4), (5, 3, 'bob', 5),
  (6, 4, 'docs', 6), (7, 6, 'cv.pdf', 7), (8, NULL, 'other-root', 8), (9, 8, 'tmp', 9);
CREATE TABLE cte_sales (id int PRIMARY KEY, region text, amount numeric(10,2), sold date);
INSERT INTO cte_sales VALUES (1, 'north', 100.00, '2024-01-01'), (2, 'north', 50.00, '2024-01-02'), (3, 'south', 75.00, '2024-01-01'),
  (4, 'south', 25.00, '2024-01-03'), (5, 'east', 300.00, '2024-01-02'), (6, NULL, 10.00, '2024-01-04');
WITH totals AS (SELECT region, sum(amount) AS total FROM cte_sales GROUP BY region) SELECT region, total FROM totals ORDER BY total DESC;
WITH totals AS (SELECT region, sum(amount) AS total FROM cte_sales GROUP BY region) SELECT region FROM totals WHERE total > (SELECT avg(total) FROM totals) ORDER BY region;
WITH a AS (SELECT 1 AS x), b AS (SELECT x + 1 AS y FROM a) SELECT x, y FROM a, b;
WITH big AS (SELECT * FROM cte_sales WHERE amount >= 75), north AS (SELECT * FROM big WHERE region = 'north') SELECT id FROM north ORDER BY id;
WITH s (r, a) AS (SELECT region, amount FROM cte_sales) SELECT r, a FROM s WHERE a < 60 ORDER BY a;
WITH t AS (SELECT id, name FROM cte_nodes WHERE parent_id IS NULL) SELECT c.name FROM cte_nodes c JOIN t ON c.parent_id = t.id ORDER BY c.name;
WITH t AS MATERIALIZED (SELECT count(*) AS n FROM cte_sales) SELECT n FROM t;
WITH t AS NOT MATERIALIZED (SELECT * FROM cte_sales) SELECT count(*) FROM t WHERE region = 'south';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n ORDER BY i;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT count(*), sum(i) FROM n;
WITH RECURSIVE fib(a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 1000) SELECT a FROM fib ORDER BY a;
WITH RECURSIVE sub AS (SELECT id, name, 0 AS depth FROM cte_nodes WHERE id = 3 UNION ALL SELECT c.id, c.name, s.depth + 1 FROM cte_nodes c JOIN sub s ON c.parent_id = s.id) SELECT name, depth FROM sub ORDER BY depth, name;
WITH RECURSIVE path AS (SELECT id, parent_id, name::text AS p FROM cte_nodes WHERE parent_id IS NULL UNION ALL SELECT c.id, c.parent_id, path.p || '/' || c.name FROM cte_nodes c JOIN path ON c.parent_id = path.id) SELECT p FROM path ORDER BY p;
WITH RECURSIVE up AS (SELECT id, parent_id, name FROM cte_nodes WHERE name = 'cv.pdf' UNION ALL SELECT n.id, n.parent_id, n.name FROM cte_nodes n JOIN up ON n.id = up.parent_id) SELECT name FROM up;
WITH RECURSIVE tree AS (SELECT id, size FROM cte_nodes WHERE id = 1 UNION ALL SELECT c.id, c.size FROM cte_nodes c JOIN tree t ON c.parent_id = t.id) SELECT sum(size) FROM tree;
WITH RECURSIVE d(day) AS (SELECT DATE '2024-01-01' UNION ALL SELECT day + 1 FROM d WHERE day < DATE '2024-01-05') SELECT d.day, coalesce(sum(s.amount), 0) AS total FROM d LEFT JOIN cte_sales s ON s.sold = d.day GROUP BY d.day ORDER BY d.day;
WITH RECURSIVE cnt(x) AS (VALUES (1) UNION SELECT x + 1 FROM cnt WHERE x < 5) SELECT x FROM cnt ORDER BY x;
WITH RECURSIVE loop(x) AS (SELECT 1 UNION SELECT x FROM loop) SELECT x FROM loop;
WITH RECURSIVE t(n, label) AS (SELECT 1, 'a'::text UNION ALL SELECT n + 1, label || 'a' FROM t WHERE n < 4) SELECT n, label FROM t ORDER BY n;
WITH x AS (SELECT region, amount FROM cte_sales) SELECT region, max(amount) FROM x GROUP BY region HAVING count(*) > 1 ORDER BY region;
WITH v(k, val) AS (VALUES (1, 'one'), (2, 'two'), (3, NULL)) SELECT k, coalesce(val, '?') FROM v ORDER BY k;
-- error 42P01
WITH a AS (SELECT 1) SELECT * FROM b;
-- error 42P19
WITH RECURSIVE bad(x) AS (SELECT x FROM bad) SELECT * FROM bad;
WITH moved AS (DELETE FROM cte_sales WHERE amount < 20 RETURNING id, amount) SELECT count(*), sum(amount) FROM moved;
WITH changed AS (UPDATE cte_sales SET amount = amount * 2 WHERE region = 'east' RETURNING id, amount) SELECT id, amount FROM changed;
WITH inserted AS (INSERT INTO cte_sales VALUES (7, 'west', 1.00, '2024-02-01') RETURNING id) SELECT id FROM inserted;
SELECT id, region, amount FROM cte_sales ORDER BY id;
WITH ranked AS (SELECT region, amount, row_number() OVER (PARTITION BY region ORDER BY amount DESC) AS rn FROM cte_sales WHERE region IS NOT NULL) SELECT region, amount FROM ranked WHERE rn = 1 ORDER BY region;
WITH RECURSIVE d(day) AS (SELECT DATE '2024-01-01' UNION ALL SELECT day + 1 FROM d WHERE day < DATE '2024-01-05') SELECT d.day, coalesce(sum(s.amount), 0) AS total FROM d LEFT JOIN cte_sales s ON s.sold = d.day GROUP BY d.day ORDER BY d.day;

-- GROUP BY GROUPING SETS, ROLLUP and CUBE: mixed with plain items, nested, the empty set,
-- GROUP BY DISTINCT, grouping(), HAVING and ORDER BY over them, rolled-up NULLs vs real NULLs.
CREATE TABLE fg_sales (id int PRIMARY KEY, region text, product text, year int, qty int, price numeric(8,2));
INSERT INTO fg_sales VALUES
  (1, 'east', 'apple', 2023, 10, 1.50), (2, 'east', 'pear', 2023, 5, 2.00), (3, 'east', 'apple', 2024, 8, 1.60),
  (4, 'west', 'apple', 2023, 7, 1.50), (5, 'west', 'apple', 2024, 3, 1.75), (6, 'west', NULL, 2024, 2, 9.99),
  (7, NULL, 'pear', 2023, 4, 2.00), (8, 'north', 'kiwi', 2024, NULL, NULL), (9, 'north', 'kiwi', 2024, 6, 0.80);
CREATE TABLE fg_empty (k int PRIMARY KEY, g text, v int);
-- unordered
SELECT region, sum(qty) FROM fg_sales GROUP BY ROLLUP (region);
SELECT region, sum(qty) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), region;
SELECT region, product, sum(qty), grouping(region, product) AS g FROM fg_sales GROUP BY ROLLUP (region, product) ORDER BY g, region, product;
SELECT region, product, count(*), grouping(region) AS gr, grouping(product) AS gp FROM fg_sales GROUP BY CUBE (region, product) ORDER BY gr, gp, region, product;
SELECT region, product, count(*) FROM fg_sales GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY grouping(region, product), region, product;
SELECT region, year, sum(qty) FROM fg_sales GROUP BY GROUPING SETS ((region, year), (year)) ORDER BY grouping(region), region, year;
SELECT region, product, sum(qty) FROM fg_sales GROUP BY region, ROLLUP (product) ORDER BY grouping(product), region, product;
SELECT region, product, sum(qty) FROM fg_sales GROUP BY region, GROUPING SETS ((product), ()) ORDER BY grouping(product), region, product;
SELECT region, year, sum(qty) FROM fg_sales GROUP BY ROLLUP (region), CUBE (year) ORDER BY grouping(region, year), region, year;
SELECT region, product, sum(qty) FROM fg_sales GROUP BY ROLLUP ((region, product)) ORDER BY grouping(region), region, product;
SELECT region, product, year, sum(qty) FROM fg_sales GROUP BY ROLLUP (region, (product, year)) ORDER BY grouping(region, product), region, product, year;
SELECT region, product, sum(qty) FROM fg_sales GROUP BY GROUPING SETS ((region, product), region, ROLLUP (product)) ORDER BY grouping(region, product), region, product, 3;
SELECT region, sum(qty) FROM fg_sales GROUP BY GROUPING SETS (region, GROUPING SETS ((), region)) ORDER BY grouping(region), region, 2;
SELECT region, sum(qty) FROM fg_sales GROUP BY ROLLUP (region), ROLLUP (region) ORDER BY grouping(region), region, 2;
SELECT region, sum(qty) FROM fg_sales GROUP BY DISTINCT ROLLUP (region), ROLLUP (region) ORDER BY grouping(region), region;
SELECT region, product, count(*) FROM fg_sales GROUP BY DISTINCT CUBE (region, product), ROLLUP (product, region) ORDER BY grouping(region, product), region, product;
SELECT region, count(*) FROM fg_sales GROUP BY ALL region ORDER BY region;
SELECT region, count(*) FROM fg_sales GROUP BY DISTINCT region ORDER BY region;
SELECT sum(qty), count(*) FROM fg_sales GROUP BY ();
SELECT 1 AS one FROM fg_sales GROUP BY ();
SELECT count(*) FROM fg_sales GROUP BY GROUPING SETS (());
SELECT count(*), sum(v) FROM fg_empty GROUP BY ();
SELECT g, count(*) FROM fg_empty GROUP BY ROLLUP (g);
SELECT g, count(*) FROM fg_empty GROUP BY CUBE (g);
SELECT g, count(*) FROM fg_empty GROUP BY GROUPING SETS (g);
SELECT region, count(*) FROM fg_sales WHERE false GROUP BY GROUPING SETS ((region), ());
SELECT region, count(*) FROM fg_sales GROUP BY ROLLUP (region) HAVING count(*) > 2 ORDER BY grouping(region), region;
SELECT region, count(*) FROM fg_sales GROUP BY ROLLUP (region) HAVING grouping(region) = 1;
SELECT region, sum(qty) AS total FROM fg_sales GROUP BY ROLLUP (region) ORDER BY total DESC NULLS LAST, region;
SELECT coalesce(region, '(all)') AS r, sum(qty) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), r;
SELECT CASE WHEN grouping(region) = 1 THEN 'TOTAL' ELSE coalesce(region, '(none)') END AS r, sum(qty) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), r;
SELECT upper(region) AS r, count(*) FROM fg_sales GROUP BY ROLLUP (upper(region)) ORDER BY grouping(upper(region)), r;
SELECT region || '/' || product AS rp, count(*) FROM fg_sales GROUP BY ROLLUP (region, product) ORDER BY grouping(region, product), rp, count(*);
SELECT region, product, count(*) FROM fg_sales GROUP BY 1, ROLLUP (2) ORDER BY grouping(product), 1, 2;
SELECT region AS r, count(*) FROM fg_sales GROUP BY ROLLUP (r) ORDER BY grouping(region), r;
SELECT year, sum(qty * price) FROM fg_sales GROUP BY ROLLUP (year) ORDER BY grouping(year), year;
SELECT region, avg(price), min(product), max(qty) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), region;
SELECT region, count(DISTINCT product), string_agg(product, ',' ORDER BY product) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), region;
SELECT region, sum(qty) FILTER (WHERE year = 2024) FROM fg_sales GROUP BY CUBE (region) ORDER BY grouping(region), region;
SELECT region, sum(qty), rank() OVER (ORDER BY sum(qty) DESC NULLS LAST) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY 3, region;
SELECT region, sum(qty), sum(sum(qty)) OVER (PARTITION BY grouping(region)) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), region;
SELECT id, region FROM fg_sales GROUP BY id, ROLLUP (region) ORDER BY id, grouping(region);
SELECT id, region, product FROM fg_sales GROUP BY id, CUBE (region) ORDER BY id, grouping(region);
SELECT region, grouping(region) FROM fg_sales GROUP BY region ORDER BY region;
SELECT t.region, t.n FROM (SELECT region, count(*) AS n FROM fg_sales GROUP BY ROLLUP (region)) t WHERE t.region IS NOT NULL ORDER BY t.region;
SELECT r, n FROM (SELECT region AS r, count(*) AS n, grouping(region) AS g FROM fg_sales GROUP BY ROLLUP (region)) t WHERE g = 1;
WITH c AS (SELECT region, product, sum(qty) AS q FROM fg_sales GROUP BY CUBE (region, product)) SELECT count(*), sum(q) FROM c;
SELECT region, count(*) FROM fg_sales GROUP BY ROLLUP (region) UNION ALL SELECT 'extra', 0 ORDER BY 1 NULLS FIRST, 2;
SELECT region, product FROM fg_sales GROUP BY GROUPING SETS ((region), (product)) ORDER BY grouping(region, product), region, product;
SELECT DISTINCT region FROM fg_sales GROUP BY ROLLUP (region, product) ORDER BY region;
SELECT region, count(*) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY grouping(region), region LIMIT 2;
SELECT region, count(*) FROM fg_sales GROUP BY ROLLUP (region) ORDER BY count(*) DESC FETCH FIRST 1 ROW WITH TIES;
-- error 42803
SELECT region AS product, count(*) FROM fg_sales GROUP BY product ORDER BY 1 NULLS FIRST, 2;
SELECT qty % 2 AS parity, count(*) FROM fg_sales GROUP BY parity ORDER BY parity;
SELECT qty % 2 AS parity, count(*) FROM fg_sales GROUP BY ROLLUP (parity) ORDER BY grouping(qty % 2), parity;
-- error 42702
SELECT region AS x, product AS x FROM fg_sales GROUP BY x;
-- error 42803
SELECT id, region FROM fg_sales GROUP BY ROLLUP (id);
-- error 42803
SELECT grouping(1);
-- error 42803
SELECT region FROM fg_sales WHERE grouping(region) = 0 GROUP BY region;
-- error 42803
SELECT region, grouping(product) FROM fg_sales GROUP BY region;
-- error 42803
SELECT region, sum(grouping(region)) FROM fg_sales GROUP BY ROLLUP (region);
-- error 42803
SELECT count(*) FILTER (WHERE grouping(region) = 0) FROM fg_sales GROUP BY region;
-- error 42883
SELECT rollup(1);
-- error 42803
SELECT region, product FROM fg_sales GROUP BY ROLLUP (region);

-- SELECT forms beyond the single-table core: VALUES lists, DISTINCT ON, CASE forms, NULLIF,
-- GREATEST/LEAST, IS DISTINCT FROM, boolean tests, FETCH FIRST, GROUP BY a primary key.
CREATE TABLE sf_items (id int PRIMARY KEY, category text, name text NOT NULL, price numeric(8,2), stock int, on_sale boolean);
INSERT INTO sf_items VALUES
  (1, 'fruit', 'apple', 1.20, 100, true), (2, 'fruit', 'banana', 0.50, 0, false), (3, 'fruit', 'cherry', 6.00, 12, NULL),
  (4, 'veg', 'carrot', 0.80, 40, true), (5, 'veg', 'daikon', 2.50, NULL, false), (6, NULL, 'mystery', NULL, 1, NULL),
  (7, 'dairy', 'milk', 1.10, 30, false), (8, 'dairy', 'cheese', 6.00, 5, true);
VALUES (1, 'one'), (2, 'two'), (3, NULL);
VALUES (1, 'one'), (2, 'two') ORDER BY 1 DESC;
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(n, s) ORDER BY n;
SELECT column1, column2 FROM (VALUES (1, 2.5), (3, NULL)) v ORDER BY column1;
SELECT n * 2 FROM (VALUES (1), (2), (3)) v(n) WHERE n > 1 ORDER BY 1;
SELECT v.k, i.name FROM (VALUES (1), (4), (99)) v(k) LEFT JOIN sf_items i ON i.id = v.k ORDER BY v.k;
SELECT DISTINCT ON (category) category, name, price FROM sf_items ORDER BY category, price DESC, id;
SELECT DISTINCT ON (category) category, name FROM sf_items ORDER BY category NULLS FIRST, name;
SELECT DISTINCT ON (on_sale) on_sale, id FROM sf_items ORDER BY on_sale, id DESC;
SELECT nullif(1, 1), nullif(1, 2), nullif('a', 'b'), nullif(NULL::int, 1);
SELECT id, nullif(stock, 0) AS stock_or_null, price / nullif(stock, 0) AS unit FROM sf_items ORDER BY id;
SELECT id, greatest(stock, 10) AS at_least_10, least(price, 2) AS at_most_2 FROM sf_items ORDER BY id;
SELECT id FROM sf_items WHERE on_sale IS DISTINCT FROM true ORDER BY id;
SELECT id FROM sf_items WHERE on_sale IS NOT DISTINCT FROM NULL ORDER BY id;
SELECT id FROM sf_items WHERE category IS DISTINCT FROM 'fruit' ORDER BY id;
SELECT 1 IS DISTINCT FROM NULL, NULL IS DISTINCT FROM NULL, 1 IS NOT DISTINCT FROM 1;
SELECT id FROM sf_items WHERE on_sale IS TRUE ORDER BY id;
SELECT id FROM sf_items WHERE on_sale IS NOT TRUE ORDER BY id;
SELECT id FROM sf_items WHERE on_sale IS FALSE ORDER BY id;
SELECT id FROM sf_items WHERE on_sale IS NOT FALSE ORDER BY id;
SELECT id FROM sf_items WHERE on_sale IS UNKNOWN ORDER BY id;
SELECT id, on_sale IS TRUE AS t, on_sale IS NOT FALSE AS nf FROM sf_items ORDER BY id;
SELECT id, name FROM sf_items ORDER BY id FETCH FIRST 3 ROWS ONLY;
SELECT id, name FROM sf_items ORDER BY id OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY;
SELECT id, name, category FROM sf_items GROUP BY id ORDER BY id;
SELECT id, name, count(*) FROM sf_items GROUP BY id HAVING count(*) = 1 ORDER BY id;
SELECT category FROM sf_items WHERE category IS NOT NULL GROUP BY category HAVING bool_or(on_sale) ORDER BY category;
-- error 42P10
SELECT DISTINCT ON (category) name FROM sf_items ORDER BY name;
-- error 42601
VALUES (1, 2), (3);
SELECT id FROM sf_items WHERE (category, on_sale) IN (VALUES ('fruit', true), ('veg', false)) ORDER BY id;
SELECT id, price FROM sf_items ORDER BY price DESC NULLS LAST, id FETCH FIRST 2 ROWS WITH TIES;
-- unordered
SELECT category, count(*) FROM sf_items GROUP BY ROLLUP (category) ORDER BY category NULLS LAST;
-- unordered
SELECT category, on_sale, count(*) FROM sf_items GROUP BY GROUPING SETS ((category), (on_sale), ()) ORDER BY category, on_sale;
-- unordered
SELECT category, on_sale, count(*) FROM sf_items GROUP BY CUBE (category, on_sale) ORDER BY category NULLS FIRST, on_sale NULLS FIRST;
SELECT id FROM sf_items WHERE (price, stock) > (1.10, 30) ORDER BY id;
SELECT id FROM sf_items WHERE ROW(category, on_sale) = ROW('fruit', true);
SELECT id, name FROM sf_items WHERE name = ANY ('{apple,milk}'::text[]) ORDER BY id;
SELECT id FROM sf_items WHERE id = ANY (ARRAY[1, 3, 5]) ORDER BY id;
SELECT id FROM sf_items WHERE price > ALL (ARRAY[1.0, 2.0]) ORDER BY id;
SELECT * FROM (VALUES (1, 2)) v(x, y);
SELECT x, y FROM (VALUES (1, 'a')) AS t(x, y);
SELECT * FROM (VALUES (7, 'b', true)) AS t;
VALUES (1, 2);
SELECT count(*) FROM (VALUES (1, 2)) v;

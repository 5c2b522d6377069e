-- SELECT forms of the single-table core: CASE in every position, star forms, LIMIT ALL.
-- (compat-pending/select_forms.sql holds the forms the engine lacks.)
CREATE TABLE sf_items (id int PRIMARY KEY, category text, name text NOT NULL, price numeric(8,2), stock int, on_sale boolean);
INSERT INTO sf_items VALUES
  (1, 'fruit', 'apple', 1.20, 100, true), (2, 'fruit', 'banana', 0.50, 0, false), (3, 'fruit', 'cherry', 6.00, 12, NULL),
  (4, 'veg', 'carrot', 0.80, 40, true), (5, 'veg', 'daikon', 2.50, NULL, false), (6, NULL, 'mystery', NULL, 1, NULL),
  (7, 'dairy', 'milk', 1.10, 30, false), (8, 'dairy', 'cheese', 6.00, 5, true);
SELECT id, CASE category WHEN 'fruit' THEN 'F' WHEN 'veg' THEN 'V' ELSE '?' END AS c FROM sf_items ORDER BY id;
SELECT id, CASE WHEN stock IS NULL THEN 'unknown' WHEN stock = 0 THEN 'out' WHEN stock < 10 THEN 'low' ELSE 'ok' END AS s FROM sf_items ORDER BY id;
SELECT id, CASE WHEN on_sale THEN price * 0.9 ELSE price END AS effective FROM sf_items ORDER BY id;
SELECT id, CASE WHEN price > 5 THEN 1 WHEN price > 1 THEN 2.5 END AS tier FROM sf_items ORDER BY id;
SELECT category, sum(CASE WHEN on_sale THEN 1 ELSE 0 END) AS on_sale_count FROM sf_items GROUP BY category ORDER BY category NULLS LAST;
SELECT id FROM sf_items ORDER BY CASE WHEN category = 'dairy' THEN 0 ELSE 1 END, id;
SELECT CASE WHEN 1 = 1 THEN 'yes' END, CASE WHEN 1 = 2 THEN 'yes' END, CASE NULL WHEN NULL THEN 'matched' ELSE 'no' END;
SELECT id FROM sf_items ORDER BY id LIMIT ALL;
SELECT price, count(*) FROM sf_items GROUP BY price ORDER BY price NULLS FIRST;
SELECT 'x' AS a, id FROM sf_items ORDER BY a, id LIMIT 2;
SELECT t.* FROM sf_items t WHERE t.id = 1;
SELECT sf_items.* FROM sf_items WHERE id = 2;
SELECT *, price * 2 AS double_price FROM sf_items WHERE id = 3;

-- Three-valued logic: NULL in comparisons, AND/OR/NOT, IN lists, CASE, COALESCE, sorting.
CREATE TABLE tri (id int PRIMARY KEY, a int, b int, flag boolean, s text);
INSERT INTO tri VALUES
  (1, 1, 1, true, 'x'),
  (2, 1, NULL, false, NULL),
  (3, NULL, 2, NULL, 'y'),
  (4, NULL, NULL, NULL, NULL),
  (5, 2, 1, true, ''),
  (6, 0, 0, false, 'x');
SELECT id FROM tri WHERE a = b ORDER BY id;
SELECT id FROM tri WHERE a <> b ORDER BY id;
SELECT id FROM tri WHERE a = NULL;
SELECT id FROM tri WHERE a IS NULL ORDER BY id;
SELECT id FROM tri WHERE a IS NOT NULL ORDER BY id;
SELECT id FROM tri WHERE a IS NULL AND b IS NULL;
SELECT id FROM tri WHERE a IS NULL OR b IS NULL ORDER BY id;
SELECT id FROM tri WHERE NOT (a = 1) ORDER BY id;
SELECT id FROM tri WHERE NOT (a = 1 AND b = 1) ORDER BY id;
SELECT id FROM tri WHERE a = 1 OR b = 2 ORDER BY id;
SELECT id FROM tri WHERE flag ORDER BY id;
SELECT id FROM tri WHERE NOT flag ORDER BY id;
SELECT id FROM tri WHERE flag IS NULL ORDER BY id;
SELECT id FROM tri WHERE flag IS NOT NULL ORDER BY id;
SELECT id FROM tri WHERE flag = true OR flag IS NULL ORDER BY id;
SELECT id FROM tri WHERE a IN (1, 2) ORDER BY id;
SELECT id FROM tri WHERE a IN (1, NULL) ORDER BY id;
SELECT id FROM tri WHERE a NOT IN (1, 2) ORDER BY id;
SELECT id FROM tri WHERE a NOT IN (1, NULL);
SELECT id FROM tri WHERE a BETWEEN 0 AND 1 ORDER BY id;
SELECT id FROM tri WHERE s = '' ORDER BY id;
SELECT id FROM tri WHERE s IS NULL ORDER BY id;
SELECT id FROM tri WHERE s LIKE '%' ORDER BY id;
SELECT id, a, b, a = b AS eq FROM tri ORDER BY id;
SELECT id, a + b AS sum_ab, a * b AS prod FROM tri ORDER BY id;
SELECT id, a || s AS cat FROM tri ORDER BY id;
SELECT id, flag AND true AS t1, flag OR false AS t2, NOT flag AS t3 FROM tri ORDER BY id;
SELECT id, flag AND NULL AS f1, flag OR NULL AS f2 FROM tri ORDER BY id;
SELECT id, coalesce(a, b, -1) AS c FROM tri ORDER BY id;
SELECT id, coalesce(s, 'none') AS c FROM tri ORDER BY id;
SELECT id, coalesce(flag, false) AS c FROM tri ORDER BY id;
SELECT coalesce(NULL, NULL, 3), coalesce(NULL, 'x'), coalesce(1, NULL);
SELECT id, CASE WHEN a > b THEN 'gt' WHEN a < b THEN 'lt' WHEN a = b THEN 'eq' ELSE 'unknown' END AS cmp FROM tri ORDER BY id;
SELECT id, CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' END AS name FROM tri ORDER BY id;
SELECT id, CASE WHEN flag THEN 1 ELSE 0 END AS f FROM tri ORDER BY id;
SELECT id, CASE WHEN s IS NULL THEN 'missing' WHEN s = '' THEN 'empty' ELSE s END AS s2 FROM tri ORDER BY id;
SELECT id, CASE WHEN a IS NULL THEN NULL ELSE a * 10 END AS a10 FROM tri ORDER BY id;
SELECT NULL = NULL, NULL <> 1, NULL IS NULL, 1 IS NOT NULL;
SELECT true AND NULL, false AND NULL, true OR NULL, false OR NULL, NOT NULL::boolean;
SELECT NULL::int + 1, NULL::text || 'a', NULL::numeric * 2;
SELECT 1 IN (1, NULL), 2 IN (1, NULL), 2 NOT IN (1, NULL), NULL IN (1, 2);
SELECT id, a FROM tri ORDER BY a, id;
SELECT id, a FROM tri ORDER BY a DESC, id;
SELECT id, a FROM tri ORDER BY a NULLS FIRST, id;
SELECT id, a FROM tri ORDER BY a DESC NULLS LAST, id;
SELECT id, s FROM tri ORDER BY s, id;
SELECT id, flag FROM tri ORDER BY flag, id;
SELECT DISTINCT a FROM tri;
SELECT DISTINCT flag FROM tri ORDER BY flag;
SELECT count(*), count(a), count(b), count(flag), count(s) FROM tri;

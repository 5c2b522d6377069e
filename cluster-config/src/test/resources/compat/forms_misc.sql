-- FETCH FIRST ... WITH TIES, locking clauses as DSQL has them, unknown literals across set
-- operation branches, date-unit words as column names, the aggregate library over windows.
CREATE TABLE fm_scores (id int PRIMARY KEY, team text, player text, points int, ok boolean);
INSERT INTO fm_scores VALUES (1, 'red', 'ann', 10, true), (2, 'red', 'ben', 20, true), (3, 'red', 'cat', 20, NULL),
  (4, 'blue', 'dan', 5, false), (5, 'blue', 'eli', 30, true), (6, 'blue', 'fin', NULL, true), (7, 'green', 'gil', 20, false),
  (8, 'green', 'hex', 7, true);
SELECT id, points FROM fm_scores ORDER BY points DESC NULLS LAST, id FETCH FIRST 2 ROWS WITH TIES;
-- unordered
SELECT id, points FROM fm_scores ORDER BY points DESC NULLS LAST FETCH FIRST 2 ROWS WITH TIES;
-- unordered
SELECT id, points FROM fm_scores ORDER BY points DESC NULLS LAST FETCH FIRST 1 ROW WITH TIES;
-- unordered
SELECT id FROM fm_scores ORDER BY team FETCH FIRST ROW WITH TIES;
-- unordered
SELECT id, points FROM fm_scores ORDER BY points NULLS FIRST FETCH FIRST 1 ROW WITH TIES;
-- unordered
SELECT id FROM fm_scores ORDER BY points DESC NULLS LAST OFFSET 1 ROWS FETCH NEXT 1 ROWS WITH TIES;
SELECT id FROM fm_scores ORDER BY points FETCH FIRST 0 ROWS WITH TIES;
-- unordered
SELECT team, count(*) FROM fm_scores GROUP BY team ORDER BY count(*) DESC FETCH FIRST 1 ROWS WITH TIES;
SELECT count(*) FROM (SELECT id FROM fm_scores ORDER BY ok FETCH FIRST 1 ROWS WITH TIES) t;
SELECT x FROM (VALUES (1), (1), (2), (3)) v(x) ORDER BY x FETCH FIRST 1 ROW WITH TIES;
-- unordered
(SELECT points FROM fm_scores UNION ALL SELECT 20) ORDER BY 1 DESC NULLS LAST FETCH FIRST 2 ROWS WITH TIES;
SELECT points FROM fm_scores UNION SELECT 99 ORDER BY 1 DESC NULLS LAST FETCH FIRST 2 ROWS ONLY;
VALUES (3), (1), (1) ORDER BY 1 FETCH FIRST 1 ROW WITH TIES;
SELECT id, player FROM fm_scores ORDER BY id OFFSET 6 ROWS FETCH FIRST 5 ROWS ONLY;
-- error 42601
SELECT id FROM fm_scores FETCH FIRST 2 ROWS WITH TIES;
-- error 2201W
SELECT id FROM fm_scores ORDER BY points FETCH FIRST NULL ROWS WITH TIES;
-- error 2201W
SELECT id FROM fm_scores ORDER BY points FETCH FIRST -1 ROWS WITH TIES;
SELECT id, player FROM fm_scores WHERE id = 1 FOR UPDATE;
SELECT id, player FROM fm_scores WHERE id IN (1, 2) ORDER BY id FOR UPDATE NOWAIT;
SELECT id, player FROM fm_scores WHERE id < 3 ORDER BY id FOR UPDATE SKIP LOCKED;
SELECT s.id FROM fm_scores s WHERE s.id = 2 FOR UPDATE OF s;
SELECT id FROM (SELECT id FROM fm_scores WHERE points > 15 FOR UPDATE) x ORDER BY id;
BEGIN;
SELECT id, points FROM fm_scores WHERE team = 'red' ORDER BY id FOR UPDATE;
UPDATE fm_scores SET points = points + 1 WHERE team = 'red';
SELECT id, points FROM fm_scores WHERE team = 'red' ORDER BY id;
ROLLBACK;
SELECT id, points FROM fm_scores WHERE team = 'red' ORDER BY id;
-- error 42P01
SELECT id FROM fm_scores s FOR UPDATE OF fm_scores;
-- error 0A000
SELECT count(*) FROM fm_scores FOR UPDATE;
-- error 0A000
SELECT DISTINCT team FROM fm_scores FOR UPDATE;
-- error 0A000
SELECT team FROM fm_scores GROUP BY team FOR UPDATE;
-- error 0A000
SELECT id, row_number() OVER (ORDER BY id) FROM fm_scores FOR UPDATE;
-- error 0A000
SELECT id FROM fm_scores UNION SELECT 1 FOR UPDATE;
SELECT NULL UNION SELECT 1;
SELECT 1 UNION ALL SELECT NULL UNION ALL SELECT 2;
SELECT NULL AS x, 'a' AS y UNION ALL SELECT 2.5, 'b' ORDER BY y;
SELECT '7' UNION SELECT 3 ORDER BY 1;
SELECT NULL UNION SELECT NULL;
SELECT 'a' UNION SELECT 'b' ORDER BY 1;
SELECT NULL INTERSECT SELECT NULL;
SELECT '2024-05-01' UNION SELECT DATE '2024-01-02' ORDER BY 1;
SELECT points FROM fm_scores WHERE id < 3 UNION SELECT NULL ORDER BY 1 NULLS FIRST;
SELECT NULL EXCEPT SELECT 1;
-- error 22P02
SELECT 'a' UNION SELECT 1;
-- error 42804
SELECT NULL UNION SELECT NULL UNION SELECT 3;
SELECT day + 1 AS next, day FROM (VALUES (DATE '2024-01-31'), (DATE '2024-02-28')) v(day) ORDER BY day;
SELECT year, count(*) FROM (VALUES (2024), (2024), (2023)) v(year) GROUP BY year ORDER BY year;
SELECT month, hour FROM (VALUES (1, 23), (12, 0)) v(month, hour) ORDER BY month DESC;
SELECT id, bool_and(points > 8) OVER (PARTITION BY team) AS all_above, bool_or(ok) OVER (PARTITION BY team) AS any_ok FROM fm_scores ORDER BY id;
SELECT id, every(ok) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM fm_scores ORDER BY id;
SELECT id, string_agg(player, ',') OVER (PARTITION BY team ORDER BY id) FROM fm_scores ORDER BY id;
SELECT id, string_agg(player, '|') OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM fm_scores ORDER BY id;
SELECT id, bit_or(points) OVER (PARTITION BY team), bit_and(points) OVER (PARTITION BY team) FROM fm_scores ORDER BY id;
SELECT id, stddev_samp(points) OVER (PARTITION BY team), var_pop(points) OVER (ORDER BY id) FROM fm_scores ORDER BY id;
-- error 42883
SELECT id, bool_and(points) OVER () FROM fm_scores;

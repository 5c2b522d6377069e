-- Window functions: ranking, offsets, first/last value, aggregates over partitions and frames.
CREATE TABLE w_scores (id int PRIMARY KEY, team text, player text, points int, played date);
INSERT INTO w_scores VALUES
  (1, 'red', 'ann', 10, '2024-01-01'),
  (2, 'red', 'ben', 20, '2024-01-02'),
  (3, 'red', 'cat', 20, '2024-01-03'),
  (4, 'red', 'dan', 5, '2024-01-04'),
  (5, 'blue', 'eli', 30, '2024-01-01'),
  (6, 'blue', 'fin', NULL, '2024-01-02'),
  (7, 'blue', 'gil', 15, '2024-01-03'),
  (8, 'green', 'hex', 7, '2024-01-05');
SELECT id, row_number() OVER (ORDER BY id) FROM w_scores ORDER BY id;
SELECT id, team, row_number() OVER (PARTITION BY team ORDER BY id) AS rn FROM w_scores ORDER BY id;
SELECT id, points, rank() OVER (ORDER BY points DESC) AS r FROM w_scores ORDER BY id;
SELECT id, points, dense_rank() OVER (ORDER BY points DESC) AS r FROM w_scores ORDER BY id;
SELECT id, points, rank() OVER (ORDER BY points DESC NULLS LAST) AS r FROM w_scores ORDER BY id;
SELECT id, team, points, rank() OVER (PARTITION BY team ORDER BY points DESC) AS r FROM w_scores ORDER BY id;
SELECT id, percent_rank() OVER (ORDER BY points) AS pr, cume_dist() OVER (ORDER BY points) AS cd FROM w_scores ORDER BY id;
SELECT id, ntile(3) OVER (ORDER BY id) AS bucket FROM w_scores ORDER BY id;
SELECT id, ntile(2) OVER (PARTITION BY team ORDER BY id) AS half FROM w_scores ORDER BY id;
SELECT id, points, lag(points) OVER (ORDER BY id) AS prev FROM w_scores ORDER BY id;
SELECT id, points, lead(points) OVER (ORDER BY id) AS next FROM w_scores ORDER BY id;
SELECT id, lag(points, 2, -1) OVER (ORDER BY id) AS prev2 FROM w_scores ORDER BY id;
SELECT id, team, lead(player) OVER (PARTITION BY team ORDER BY played) AS next_player FROM w_scores ORDER BY id;
SELECT id, points - lag(points) OVER (PARTITION BY team ORDER BY played) AS delta FROM w_scores ORDER BY id;
SELECT id, first_value(player) OVER (PARTITION BY team ORDER BY played) AS first_player FROM w_scores ORDER BY id;
SELECT id, last_value(player) OVER (PARTITION BY team ORDER BY played) AS last_so_far FROM w_scores ORDER BY id;
SELECT id, last_value(player) OVER (PARTITION BY team ORDER BY played ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_player FROM w_scores ORDER BY id;
SELECT id, nth_value(player, 2) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second FROM w_scores ORDER BY id;
SELECT id, sum(points) OVER () AS total FROM w_scores ORDER BY id;
SELECT id, team, sum(points) OVER (PARTITION BY team) AS team_total FROM w_scores ORDER BY id;
SELECT id, sum(points) OVER (ORDER BY id) AS running FROM w_scores ORDER BY id;
SELECT id, points, sum(points) OVER (ORDER BY points) AS running_ties FROM w_scores ORDER BY id;
SELECT id, sum(points) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS moving FROM w_scores ORDER BY id;
SELECT id, avg(points) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS moving_avg FROM w_scores ORDER BY id;
SELECT id, count(*) OVER (PARTITION BY team) AS team_size, count(points) OVER (PARTITION BY team) AS scored FROM w_scores ORDER BY id;
SELECT id, min(points) OVER w AS lo, max(points) OVER w AS hi FROM w_scores WINDOW w AS (PARTITION BY team) ORDER BY id;
SELECT id, points, sum(points) OVER (ORDER BY points RANGE BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS near FROM w_scores WHERE points IS NOT NULL ORDER BY id;
SELECT id, played, count(*) OVER (ORDER BY played RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW) AS last2days FROM w_scores ORDER BY id;
SELECT id, sum(points) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS remaining FROM w_scores ORDER BY id;
SELECT id, sum(points) OVER (ORDER BY id GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS g FROM w_scores ORDER BY id;
SELECT id, points, round(100.0 * points / sum(points) OVER (PARTITION BY team), 2) AS pct FROM w_scores ORDER BY id;
SELECT team, player, points FROM (SELECT team, player, points, row_number() OVER (PARTITION BY team ORDER BY points DESC NULLS LAST, id) AS rn FROM w_scores) t WHERE rn = 1 ORDER BY team;
SELECT team, sum(points), rank() OVER (ORDER BY sum(points) DESC) AS team_rank FROM w_scores GROUP BY team ORDER BY team;
SELECT id, row_number() OVER (ORDER BY points DESC NULLS LAST, id) AS pos FROM w_scores ORDER BY pos;
SELECT DISTINCT team, count(*) OVER (PARTITION BY team) AS n FROM w_scores ORDER BY team;
SELECT id, sum(points) FILTER (WHERE points > 10) OVER (PARTITION BY team) AS big FROM w_scores ORDER BY id;
-- error 42P20
SELECT id FROM w_scores WHERE row_number() OVER (ORDER BY id) = 1;
-- error 42803
SELECT team, sum(row_number() OVER ()) FROM w_scores GROUP BY team;

-- Frames, modes and exclusions, named windows, windows over grouped rows, and PostgreSQL's errors.
CREATE TABLE w_emp (id int PRIMARY KEY, dept text, sal numeric(8,2), f float8, r real, k int, v varchar(10), d date, b boolean, g bigint, s smallint);
INSERT INTO w_emp VALUES
  (1, 'a', 100.50, 1.5, 1.5, 1, 'x', '2024-01-01', true, 10, 1),
  (2, 'a', 200, 2.5, 2.5, 1, 'y', '2024-01-02', false, 20, 2),
  (3, 'a', 200, NULL, NULL, 2, NULL, NULL, NULL, NULL, NULL),
  (4, 'b', 50, 7, 7, 3, 'z', '2024-02-01', true, 40, 4),
  (5, 'b', NULL, -1, -1, 3, 'w', '2024-02-02', true, 50, 5),
  (6, 'c', 75.25, 0, 0, NULL, 'v', '2024-03-01', false, 60, 6),
  (7, 'a', 300, 3, 3, 5, 'u', '2024-01-05', true, 70, 7);
SELECT id, sum(sal) OVER (PARTITION BY dept ORDER BY id) FROM w_emp ORDER BY id;
SELECT id, avg(sal) OVER (PARTITION BY dept) FROM w_emp ORDER BY id;
SELECT id, avg(f) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sum(r) OVER (ORDER BY id), sum(g) OVER (ORDER BY id), sum(s) OVER (ORDER BY id) FROM w_emp ORDER BY id;
SELECT id, min(v) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), max(d) OVER (PARTITION BY dept) FROM w_emp ORDER BY id;
SELECT id, count(sal) OVER (ORDER BY sal), count(*) OVER (ORDER BY sal) FROM w_emp ORDER BY id;
SELECT id, sal, rank() OVER (ORDER BY sal NULLS FIRST), dense_rank() OVER (ORDER BY sal DESC) FROM w_emp ORDER BY id;
SELECT id, k, sum(id) OVER (ORDER BY k GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, k, sum(id) OVER (ORDER BY k GROUPS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE GROUP) FROM w_emp ORDER BY id;
SELECT id, k, sum(id) OVER (ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM w_emp ORDER BY id;
SELECT id, k, sum(id) OVER (ORDER BY k RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT ROW) FROM w_emp ORDER BY id;
SELECT id, k, sum(id) OVER (ORDER BY k DESC RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, k, sum(id) OVER (ORDER BY k DESC NULLS LAST RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, k, count(*) OVER (ORDER BY k RANGE BETWEEN 1 FOLLOWING AND 3 FOLLOWING), count(*) OVER (ORDER BY k RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING) FROM w_emp ORDER BY id;
SELECT id, f, sum(id) OVER (ORDER BY f RANGE BETWEEN 1.5 PRECEDING AND 0.5 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, r, count(*) OVER (ORDER BY r RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sal, sum(id) OVER (ORDER BY sal RANGE BETWEEN 100 PRECEDING AND 50 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, g, sum(id) OVER (ORDER BY g RANGE BETWEEN 15 PRECEDING AND CURRENT ROW) FROM w_emp ORDER BY id;
SELECT id, s, sum(id) OVER (ORDER BY s RANGE BETWEEN 2::smallint PRECEDING AND 1 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sum(id) OVER (PARTITION BY dept ORDER BY k NULLS FIRST RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING), sum(id) OVER (ORDER BY id ROWS BETWEEN 10 FOLLOWING AND 20 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sum(id) OVER (ORDER BY id GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING), sum(id) OVER (ORDER BY k GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sum(id) OVER (ORDER BY id ROWS CURRENT ROW), sum(id) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING), sum(id) OVER (ORDER BY id ROWS 2 PRECEDING) FROM w_emp ORDER BY id;
SELECT id, max(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING EXCLUDE CURRENT ROW) FROM w_emp ORDER BY id;
SELECT id, first_value(id) OVER (ORDER BY id ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING), last_value(id) OVER (ORDER BY id ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING) FROM w_emp ORDER BY id;
SELECT id, nth_value(id, 3) OVER (ORDER BY id), nth_value(id, 2) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, lag(id, 2) OVER (PARTITION BY dept ORDER BY id), lead(id, 1, -1) OVER (PARTITION BY dept ORDER BY id) FROM w_emp ORDER BY id;
SELECT id, lag(v, 1, 'none') OVER (ORDER BY id), lead(sal, 2, 0) OVER (ORDER BY id), lag(id, -1) OVER (ORDER BY id) FROM w_emp ORDER BY id;
SELECT id, ntile(3) OVER (PARTITION BY dept ORDER BY id), ntile(10) OVER (ORDER BY id), ntile(4) OVER (ORDER BY id) FROM w_emp ORDER BY id;
SELECT id, percent_rank() OVER (PARTITION BY dept ORDER BY sal), cume_dist() OVER (PARTITION BY dept ORDER BY sal) FROM w_emp ORDER BY id;
SELECT id, sum(id) FILTER (WHERE id > 2) OVER (ORDER BY id), count(*) FILTER (WHERE dept = 'a') OVER () FROM w_emp ORDER BY id;
SELECT dept, sum(sal), sum(sum(sal)) OVER (), rank() OVER (ORDER BY sum(sal) DESC) FROM w_emp GROUP BY dept ORDER BY dept;
SELECT dept, count(*), row_number() OVER (ORDER BY dept DESC) AS rn FROM w_emp GROUP BY dept ORDER BY rn;
SELECT dept, sum(sal) * 100 / sum(sum(sal)) OVER () AS pct FROM w_emp GROUP BY dept ORDER BY dept;
SELECT k, sum(k) OVER (ORDER BY k) FROM w_emp GROUP BY k ORDER BY k;
SELECT id, row_number() OVER w, rank() OVER w FROM w_emp WINDOW w AS (PARTITION BY dept ORDER BY sal, id) ORDER BY id;
SELECT id, sum(id) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w_emp WINDOW w AS (PARTITION BY dept ORDER BY id) ORDER BY id;
SELECT id, sum(id) OVER w2 FROM w_emp WINDOW w1 AS (PARTITION BY dept), w2 AS (w1 ORDER BY id) ORDER BY id;
SELECT id, sum(id) OVER (w) FROM w_emp WINDOW w AS (PARTITION BY dept) ORDER BY id;
SELECT id FROM w_emp ORDER BY rank() OVER (ORDER BY sal DESC NULLS LAST), id;
SELECT id, row_number() OVER (ORDER BY id DESC) AS rn FROM w_emp ORDER BY rn LIMIT 3;
SELECT DISTINCT dept, sum(id) OVER (PARTITION BY dept) FROM w_emp ORDER BY 1;
SELECT DISTINCT ON (dept) dept, id, row_number() OVER (PARTITION BY dept ORDER BY id DESC) FROM w_emp ORDER BY dept, id;
WITH w AS (SELECT id, lag(id) OVER (ORDER BY id) AS p FROM w_emp) SELECT * FROM w WHERE p IS NOT NULL ORDER BY id;
SELECT x.id, y.id, row_number() OVER (ORDER BY x.id, y.id) FROM w_emp x JOIN w_emp y ON x.k = y.k AND x.id < y.id ORDER BY 3;
SELECT id, (SELECT count(*) FROM w_emp e2 WHERE e2.dept = w_emp.dept), rank() OVER (ORDER BY id) FROM w_emp ORDER BY id;
SELECT id, (SELECT sum(id) OVER () FROM w_emp e2 WHERE e2.id = w_emp.id) FROM w_emp ORDER BY id;
SELECT id FROM w_emp WHERE id IN (SELECT max(id) OVER () FROM w_emp);
SELECT row_number() OVER (), count(*) OVER () FROM w_emp WHERE false;
SELECT count(*), count(*) OVER () FROM w_emp;
SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM (SELECT 2147483647 AS x UNION ALL SELECT 2147483646 UNION ALL SELECT -2147483648) t ORDER BY x;
SELECT id, sum(id) OVER (PARTITION BY dept), row_number() OVER (PARTITION BY dept ORDER BY id) FROM w_emp UNION ALL SELECT 0, 0, 0 ORDER BY 1;
-- error 42P20
SELECT id FROM w_emp GROUP BY row_number() OVER ();
-- error 42P20
SELECT dept, count(*) FROM w_emp GROUP BY dept HAVING row_number() OVER () > 0;
-- error 42P20
SELECT sum(row_number() OVER ()) OVER () FROM w_emp;
-- error 42P20
SELECT row_number() OVER (ORDER BY rank() OVER ()) FROM w_emp;
-- error 42P20
SELECT * FROM w_emp a JOIN w_emp b ON row_number() OVER () = 1;
-- error 42P20
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM w_emp;
-- error 42P20
SELECT sum(id) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING) FROM w_emp;
-- error 42P20
SELECT sum(id) OVER (ORDER BY id ROWS 1 FOLLOWING) FROM w_emp;
-- error 22013
SELECT sum(id) OVER (ORDER BY id ROWS -1 PRECEDING) FROM w_emp;
-- error 22004
SELECT sum(id) OVER (ORDER BY id ROWS NULL PRECEDING) FROM w_emp;
-- error 42P10
SELECT sum(id) OVER (ORDER BY id ROWS k PRECEDING) FROM w_emp;
-- error 42P20
SELECT sum(id) OVER (ORDER BY id, k RANGE 1 PRECEDING) FROM w_emp;
-- error 0A000
SELECT sum(id) OVER (ORDER BY v RANGE 1 PRECEDING) FROM w_emp;
-- error 0A000
SELECT sum(id) OVER (ORDER BY k RANGE 1.5 PRECEDING) FROM w_emp;
-- error 22013
SELECT sum(id) OVER (ORDER BY k RANGE -1 PRECEDING) FROM w_emp;
-- error 42P20
SELECT sum(id) OVER (GROUPS 1 PRECEDING) FROM w_emp;
-- error 22014
SELECT ntile(0) OVER () FROM w_emp;
-- error 42883
SELECT ntile(2::bigint) OVER () FROM w_emp;
-- error 22016
SELECT nth_value(id, 0) OVER () FROM w_emp;
-- error 42804
SELECT lag('a') OVER (ORDER BY id) FROM w_emp;
-- error 42809
SELECT row_number() FROM w_emp;
-- error 42809
SELECT lower(v) OVER () FROM w_emp;
-- error 0A000
SELECT sum(DISTINCT id) OVER () FROM w_emp;
-- error 0A000
SELECT row_number() FILTER (WHERE id > 1) OVER () FROM w_emp;
-- error 42704
SELECT sum(id) OVER w FROM w_emp;
-- error 42P20
SELECT sum(id) OVER (w PARTITION BY id) FROM w_emp WINDOW w AS (PARTITION BY dept);
-- error 42P20
SELECT sum(id) OVER (w ORDER BY id) FROM w_emp WINDOW w AS (ORDER BY k);
-- error 42P20
SELECT sum(id) OVER (w) FROM w_emp WINDOW w AS (ORDER BY k ROWS 1 PRECEDING);
-- error 42P20
SELECT sum(id) OVER w FROM w_emp WINDOW w AS (ORDER BY k), w AS (ORDER BY id);
-- error 42704
SELECT sum(id) OVER w2 FROM w_emp WINDOW w2 AS (w1 ORDER BY id), w1 AS (PARTITION BY dept);
-- error 42803
SELECT sum(id) OVER () FROM w_emp GROUP BY k;
SELECT dept, rank() OVER (ORDER BY count(*)) FROM w_emp GROUP BY dept HAVING count(*) > 1 ORDER BY dept;
SELECT id, first_value(id) OVER w, sum(id) OVER w FROM w_emp WINDOW w AS (ORDER BY id ROWS 1 PRECEDING) ORDER BY id;
SELECT id, lag(v, 1, NULL) OVER (ORDER BY id), coalesce(lag(k) OVER (ORDER BY id), 0) + 1 FROM w_emp ORDER BY id;
SELECT id, CASE WHEN row_number() OVER (ORDER BY id) % 2 = 0 THEN 'even' ELSE 'odd' END FROM w_emp ORDER BY id;
SELECT id, count(*) OVER (ORDER BY k RANGE BETWEEN CURRENT ROW AND CURRENT ROW) FROM w_emp ORDER BY id;
SELECT dept, k, sum(k) OVER (PARTITION BY dept) FROM w_emp GROUP BY dept, k ORDER BY 1, 2;
SELECT id, row_number() OVER (ORDER BY id) FROM w_emp ORDER BY 2 DESC OFFSET 2 LIMIT 3;
WITH r AS (SELECT dept, sum(sal) AS t FROM w_emp GROUP BY dept) SELECT dept, t, lag(t) OVER (ORDER BY t) FROM r ORDER BY t;
SELECT id, sum(id) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) - id FROM w_emp ORDER BY id;
SELECT id, sum(sal) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), min(v) OVER (ORDER BY id ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM w_emp ORDER BY id;
SELECT id, sum(f) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) FROM w_emp ORDER BY id;
SELECT "row_number"() OVER (ORDER BY id), pg_catalog.rank() OVER (ORDER BY id) FROM w_emp WHERE id < 3 ORDER BY 1;
SELECT max(row_number) FROM (SELECT row_number() OVER () FROM w_emp) x;
-- error 42703
SELECT id FROM w_emp WINDOW w AS (ORDER BY nosuch);
-- error 42803
SELECT dept FROM w_emp GROUP BY dept WINDOW w AS (ORDER BY k);
-- error 42P20
UPDATE w_emp SET k = row_number() OVER ();
-- error 0A000
SELECT id FROM w_emp UNION SELECT 1 ORDER BY row_number() OVER ();
SELECT id, bool_and(points > 8) OVER (PARTITION BY team) AS all_above FROM w_scores ORDER BY id;
SELECT id, string_agg(player, ',') OVER (PARTITION BY team ORDER BY id) AS so_far FROM w_scores ORDER BY id;

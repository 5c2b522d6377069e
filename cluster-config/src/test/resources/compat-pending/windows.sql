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
SELECT id, sum(points) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS remaining FROM w_scores ORDER BY id;
SELECT id, sum(points) OVER (ORDER BY id GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) AS g FROM w_scores ORDER BY id;
SELECT id, points, round(100.0 * points / sum(points) OVER (PARTITION BY team), 2) AS pct FROM w_scores ORDER BY id;
SELECT team, player, points FROM (SELECT team, player, points, row_number() OVER (PARTITION BY team ORDER BY points DESC NULLS LAST, id) AS rn FROM w_scores) t WHERE rn = 1 ORDER BY team;
SELECT team, sum(points), rank() OVER (ORDER BY sum(points) DESC) AS team_rank FROM w_scores GROUP BY team ORDER BY team;
SELECT id, row_number() OVER (ORDER BY points DESC NULLS LAST, id) AS pos FROM w_scores ORDER BY pos;
SELECT DISTINCT team, count(*) OVER (PARTITION BY team) AS n FROM w_scores ORDER BY team;
SELECT id, bool_and(points > 8) OVER (PARTITION BY team) AS all_above FROM w_scores ORDER BY id;
SELECT id, string_agg(player, ',') OVER (PARTITION BY team ORDER BY id) AS so_far FROM w_scores ORDER BY id;
SELECT id, sum(points) FILTER (WHERE points > 10) OVER (PARTITION BY team) AS big FROM w_scores ORDER BY id;
-- error 42P20
SELECT id FROM w_scores WHERE row_number() OVER (ORDER BY id) = 1;
-- error 42803
SELECT team, sum(row_number() OVER ()) FROM w_scores GROUP BY team;

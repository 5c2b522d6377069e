-- The aggregate library: result types and scales, NULLs and empty groups, DISTINCT, FILTER,
-- ORDER BY inside the call, statistics, bit and boolean aggregates, ordered-set aggregates, errors.
CREATE TABLE al_m (id int PRIMARY KEY, grp text, i2 smallint, i4 int, i8 bigint, n numeric(12,4), r real, f double precision, b boolean, v varchar(10), d date, ts timestamp);
INSERT INTO al_m VALUES
  (1, 'x', 1, 10, 100, 1.5, 1.5, 1.25, true, 'pear', '2024-01-05', '2024-01-05 10:00'),
  (2, 'x', 2, 20, 200, 2.25, 2.5, 2.5, false, 'apple', '2024-02-01', '2024-02-01 08:30'),
  (3, 'y', 3, 30, 300, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, 'y', 4, -7, 9223372036854775807, -0.0010, 3.25, -1e10, true, 'fig', '2023-12-31', '2023-12-31 23:59'),
  (5, 'z', NULL, NULL, NULL, 10, 0.1, 0.1, true, 'pear', '2024-01-05', NULL),
  (6, 'z', 6, 6, 6, 3.3333, 6, 6, false, 'kiwi', '2025-06-30', '2025-06-30 00:00');
SELECT count(*), count(i4), count(n), count(DISTINCT v), count(DISTINCT grp) FROM al_m;
SELECT sum(i2), sum(i4), sum(i8), sum(n), sum(r), sum(f) FROM al_m;
SELECT avg(i2), avg(i4), avg(i8), avg(n), avg(r), avg(f) FROM al_m;
SELECT grp, avg(i4), avg(n) FROM al_m GROUP BY grp ORDER BY grp;
SELECT min(i2), max(i2), min(n), max(n), min(r), max(f), min(v), max(v) FROM al_m;
SELECT min(d), max(d), min(ts), max(ts) FROM al_m;
SELECT bool_and(b), bool_or(b), every(b) FROM al_m;
SELECT grp, bool_and(b), bool_or(b), every(i4 > 0) FROM al_m GROUP BY grp ORDER BY grp;
SELECT bit_and(i4), bit_or(i4), bit_xor(i4), bit_and(i2), bit_or(i8), bit_xor(i2) FROM al_m;
SELECT string_agg(v, ',' ORDER BY id), string_agg(grp, '-' ORDER BY id DESC) FROM al_m;
SELECT string_agg(DISTINCT grp, ',') FROM al_m;
SELECT string_agg(DISTINCT v, '/' ORDER BY v DESC) FROM al_m;
SELECT string_agg(v, ',' ORDER BY v NULLS FIRST, id), string_agg(v, ',' ORDER BY v DESC NULLS LAST, id) FROM al_m;
SELECT grp, string_agg(v, ' & ' ORDER BY v) FILTER (WHERE b) FROM al_m GROUP BY grp ORDER BY grp;
SELECT string_agg(v, NULL ORDER BY id) FROM al_m;
SELECT stddev(i4), stddev_samp(i4), stddev_pop(i4), variance(i4), var_samp(i4), var_pop(i4) FROM al_m;
SELECT stddev(n), stddev_samp(n), stddev_pop(n), variance(n), var_samp(n), var_pop(n) FROM al_m;
SELECT stddev(f), stddev_pop(f), variance(f), var_pop(f), stddev(r), var_samp(r) FROM al_m;
SELECT stddev(i8), variance(i8), var_pop(i2) FROM al_m;
SELECT grp, stddev(n), variance(i4) FROM al_m GROUP BY grp ORDER BY grp;
SELECT variance(x), stddev(x), var_pop(x) FROM (VALUES (1.5), (1.5)) t(x);
SELECT variance(x), stddev(x), avg(x) FROM (VALUES (123456789.987654321), (0.000000001), (-5)) t(x);
SELECT count(*) FILTER (WHERE b), sum(i4) FILTER (WHERE grp = 'x'), max(v) FILTER (WHERE NOT b), avg(n) FILTER (WHERE n > 0) FROM al_m;
SELECT grp, count(*) FILTER (WHERE i4 > 0) AS positive, count(*) FILTER (WHERE b IS NULL) AS no_answer FROM al_m GROUP BY grp ORDER BY grp;
SELECT count(DISTINCT i4) FILTER (WHERE i4 > 0), sum(DISTINCT i2) FILTER (WHERE i2 <> 3) FROM al_m;
SELECT sum(DISTINCT x), avg(DISTINCT x), count(DISTINCT x), count(x) FROM (VALUES (1), (1), (2), (NULL)) t(x);
SELECT count(DISTINCT (grp, v)), count((grp, v)) FROM al_m;
SELECT sum(x), avg(x), min(x), max(x), count(x), count(*), string_agg(x::text, ','), bool_and(x > 0), stddev(x), variance(x), bit_or(x) FROM (VALUES (1)) t(x) WHERE false;
SELECT grp, sum(i4) FROM al_m WHERE false GROUP BY grp;
SELECT grp, count(*) FROM al_m GROUP BY grp HAVING count(*) FILTER (WHERE b) >= 1 ORDER BY grp;
SELECT grp, sum(i4) FILTER (WHERE i4 > 0) AS s FROM al_m GROUP BY grp ORDER BY sum(i4) FILTER (WHERE i4 > 0) NULLS FIRST, grp;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY i4), percentile_disc(0.5) WITHIN GROUP (ORDER BY i4), mode() WITHIN GROUP (ORDER BY v) FROM al_m;
SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY n), percentile_disc(0.9) WITHIN GROUP (ORDER BY v DESC) FROM al_m;
SELECT sum(x) FROM (VALUES (0.1::real), (0.2::real), (0.3::real)) t(x);
SELECT sum(x), avg(x) FROM (VALUES (0.1::float8), (0.2::float8), (0.3::float8)) t(x);
SELECT avg(x), sum(x) FROM (VALUES (5), (5)) t(x);
SELECT avg(x) FROM (VALUES (1.00), (2.0)) t(x);
SELECT a.x, string_agg(b.y::text, '|' ORDER BY b.y DESC), sum(b.y) FILTER (WHERE b.y > a.x) FROM (VALUES (1), (2)) a(x) JOIN (VALUES (1), (3)) b(y) ON true GROUP BY a.x ORDER BY a.x;
-- error 42809
SELECT count() FROM al_m;
-- error 42883
SELECT sum(*) FROM al_m;
-- error 42725
SELECT sum('1');
-- error 42883
SELECT sum(grp) FROM al_m;
-- error 42883
SELECT min(b) FROM al_m;
-- error 42883
SELECT bool_or(i4) FROM al_m;
-- error 42883
SELECT string_agg(i4, ',') FROM al_m;
-- error 42803
SELECT sum(sum(i4)) FROM al_m;
-- error 42803
SELECT id FROM al_m WHERE sum(i4) > 0;
-- error 42803
SELECT count(*) FROM al_m GROUP BY count(*);
-- error 42803
SELECT count(*) FILTER (WHERE count(*) > 1) FROM al_m;
-- error 42809
SELECT lower(v) FILTER (WHERE true) FROM al_m;
-- error 42P10
SELECT string_agg(DISTINCT v, ',' ORDER BY grp) FROM al_m;
-- error 42804
SELECT count(*) FILTER (WHERE i4) FROM al_m;
-- error 22003
SELECT sum(x) FROM (VALUES (3e38::real), (3e38::real)) t(x);
-- error 22003
SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY i4) FROM al_m;

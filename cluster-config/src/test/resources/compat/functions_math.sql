-- Math functions and numeric rounding rules (PostgreSQL rounds numeric half away from zero, float half to even).
CREATE TABLE fm_values (id int PRIMARY KEY, n numeric(10,3), d double precision, i int);
INSERT INTO fm_values VALUES (1, 2.500, 2.5, 7), (2, -2.500, -2.5, -7), (3, 3.14159, 3.14159, 0), (4, 0.005, 0.005, 1), (5, NULL, NULL, NULL), (6, 1234.567, 1234.567, 100);
SELECT round(2.5), round(-2.5), round(3.5), round(0.5), round(1.4999);
SELECT round(2.5::double precision), round(3.5::double precision), round(-2.5::double precision);
SELECT round(3.14159, 2), round(3.145, 2), round(-3.145, 2), round(1234.5678, -2), round(0.0, 3);
SELECT id, round(n, 1) AS r1, round(n) AS r0, round(d) AS rd FROM fm_values ORDER BY id;
SELECT trunc(2.7), trunc(-2.7), trunc(3.14159, 3), trunc(1234.5, -2);
SELECT ceil(2.1), ceil(-2.1), ceiling(2.0), floor(2.9), floor(-2.1);
SELECT ceil(2.1::double precision), floor(-0.5::double precision);
SELECT id, ceil(n) AS c, floor(n) AS f, ceil(d) AS cd FROM fm_values ORDER BY id;
SELECT mod(7, 3), mod(-7, 3), mod(7, -3), mod(7.5, 2), mod(9::bigint, 4);
SELECT id, mod(i, 3) AS m FROM fm_values ORDER BY id;
SELECT power(2, 10), power(2.0, 0.5), power(2, -1), 2 ^ 3, power(10, 20);
SELECT sqrt(16), sqrt(2), sqrt(2.0::numeric), cbrt(27), |/ 25;
SELECT exp(1), ln(10), log(100), log(2, 8), log10(1000);
SELECT exp(1.0), ln(2.0), log(2.0, 64.0);
SELECT sign(-5), sign(0), sign(3.2), sign(-0.0::double precision);
SELECT greatest(1, 5, 3), least(1, 5, 3), greatest(1, NULL, 3), least(NULL::int, NULL);
SELECT greatest('apple', 'banana'), least(2.5, 1, 3), greatest(1, 2.5);
SELECT id, greatest(n, 0) AS pos, least(i, 5) AS capped FROM fm_values ORDER BY id;
SELECT pi(), degrees(pi()), radians(180);
SELECT sin(0), cos(0), tan(0), atan(1) * 4, atan2(1, 1);
SELECT div(7, 2), div(-7, 2), div(7.5, 2);
SELECT width_bucket(5.35, 0.024, 10.06, 5), width_bucket(-1, 0, 10, 5);
SELECT gcd(12, 18), lcm(4, 6), factorial(10);
SELECT scale(1.2300), trim_scale(1.2300), min_scale(1.2300);
SELECT 1e-5::double precision, 123456789012345678::double precision, 1.5e300 * 1.5e-300;
SELECT 'NaN'::numeric, 'NaN'::double precision, 'Infinity'::double precision, '-Infinity'::double precision;
SELECT 'NaN'::double precision = 'NaN'::double precision, 'NaN'::numeric > 1;
SELECT 2.5::int, -2.5::int, 2.5::double precision::int, 3.5::real::int;
SELECT 9.99::numeric(3,1), 0.05::numeric(2,1), 0.15::numeric(2,1), 0.25::double precision::numeric(3,1);
SELECT random() >= 0 AND random() < 1;
SELECT setseed(0.5) IS NULL;
SELECT sum(n), avg(n), sum(d), avg(d), stddev(i), variance(i) FROM fm_values;
SELECT stddev_pop(d), var_samp(n), corr(i, d), regr_slope(d, i) FROM fm_values;
-- error 2201F
SELECT power(0, -1);
-- error 2201E
SELECT ln(0);
-- error 2201F
SELECT sqrt(-1);
-- error 22012
SELECT mod(5, 0);
-- error 22003
SELECT 10::numeric ^ 1000000;
-- error 22003
SELECT exp(1000000::double precision);

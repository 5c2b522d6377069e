-- Trigonometric, hyperbolic and number-theory functions, root operators, numeric NaN/Infinity, numeric scales.
CREATE TABLE fn_vals (id int PRIMARY KEY, x double precision, n numeric, i int, b bigint);
INSERT INTO fn_vals VALUES (1, 0.5, 2.50, 12, 18), (2, -1.25, -0.75, -8, 20), (3, 3.0, 100, 0, 0), (4, NULL, NULL, NULL, NULL), (5, 0.125, 'NaN', 7, 49), (6, 10.0, 'Infinity', 45, 60), (7, -0.5, '-Infinity', 1, 1);
SELECT sin(0), cos(0), tan(0), atan(1) * 4, atan2(1, 1);
SELECT sin(1), cos(1), tan(1), cot(1), asin(0.5), acos(0.5), atan(0.5), atan2(-1, -1);
SELECT id, sin(x), cos(x), tan(x) FROM fn_vals ORDER BY id;
SELECT id, asin(x / 10), acos(x / 10), atan(x), atan2(x, 2) FROM fn_vals ORDER BY id;
SELECT id, sinh(x), cosh(x), tanh(x), asinh(x) FROM fn_vals ORDER BY id;
SELECT acosh(1), acosh(2), acosh(10.5), atanh(0), atanh(0.5), atanh(-0.25), atanh(1), atanh(-1);
SELECT sind(30), cosd(60), tand(45), cotd(45), asind(0.5), acosd(0.5), atand(1), atan2d(1, 1);
SELECT sind(90), sind(180), sind(270), sind(-30), sind(390), cosd(90), cosd(180), cosd(-60);
SELECT tand(90), tand(135), tand(-45), tand(180), cotd(90), cotd(0), cotd(135);
SELECT asind(-1), asind(1), acosd(-1), acosd(0), atand(-1), atand('Infinity'), atan2d(-1, 0), atan2d(0, -1);
SELECT id, sind(x * 60), cosd(x * 60), tand(x * 20) FROM fn_vals ORDER BY id;
SELECT degrees(1), degrees(pi()), radians(45), radians(180), pi();
SELECT pg_typeof(sin(1))::text, pg_typeof(sind(1::int))::text, pg_typeof(atan2(1::smallint, 2::bigint))::text, pg_typeof(sinh(1.5))::text;
SELECT sin(x), cos(x) FROM (VALUES (100::float8), (1e10), (-1e5), (0.001)) v(x);
SELECT sin('NaN'::float8), asin('NaN'::float8), atan2('NaN', 1), sind('NaN'), tanh('Infinity'), atan('-Infinity');
-- error 22003
SELECT asin(2);
-- error 22003
SELECT acos(-1.5);
-- error 22003
SELECT sin('Infinity'::float8);
-- error 22003
SELECT cosd('-Infinity'::float8);
-- error 22003
SELECT acosh(0.5);
-- error 22003
SELECT atanh(1.5);
-- error 42883
SELECT sin('a'::text);
SELECT |/ 25, |/ 25 + 11, ||/ 27, ||/ (-8), |/ 2.0, 2 * |/ 16, |/ 25 > 4;
SELECT |/ 16 * 4, ||/ 1000::int, |/ (9), pg_typeof(|/ 2.0)::text, |/ 0.25;
SELECT id, |/ abs(x), ||/ x FROM fn_vals ORDER BY id;
-- error 2201F
SELECT |/ -4;
SELECT gcd(12, 18), lcm(4, 6), factorial(10);
SELECT gcd(0, 0), gcd(-12, 18), lcm(-4, 6), lcm(0, 5), gcd(1.5, 2.25), lcm(1.5, 2.25), gcd(-9223372036854775807, 3);
SELECT id, gcd(i, 8), lcm(i, 3), gcd(b, 12::bigint), lcm(b, 4::bigint) FROM fn_vals ORDER BY id;
SELECT pg_typeof(gcd(12, 18))::text, pg_typeof(lcm(4::bigint, 6))::text, pg_typeof(gcd(1.5, 3))::text, pg_typeof(factorial(3))::text;
SELECT factorial(0), factorial(1), factorial(20), factorial(25);
-- error 22003
SELECT gcd((-2147483648)::int, 0);
-- error 22003
SELECT lcm(2147483647, 2147483646);
-- error 22003
SELECT factorial(-1);
SELECT scale(1.2300), trim_scale(1.2300), min_scale(1.2300), scale(0::numeric), trim_scale(0.000), min_scale(100), trim_scale(-5.50);
SELECT id, scale(n), min_scale(n), trim_scale(n) FROM fn_vals ORDER BY id;
SELECT scale(1e-10), scale(12345.678900), min_scale(0.001), trim_scale(10.000), trim_scale(1e3);
SELECT setseed(0.5) IS NULL;
SELECT setseed(0.5) IS NOT NULL AS seeded;
SELECT random(), random();
SELECT setseed(-0.25) IS NOT NULL AS seeded;
SELECT round(random()::numeric, 6) FROM generate_series(1, 3);
SELECT setseed(1) IS NOT NULL AS seeded;
SELECT floor(random() * 100)::int AS r FROM generate_series(1, 4);
-- error 22023
SELECT setseed(2);
SELECT 'NaN'::numeric, 'Infinity'::numeric, '-inf'::numeric, '  nan  '::numeric, '+INF'::numeric, '-Infinity'::numeric;
SELECT 'NaN'::numeric + 1, 'Infinity'::numeric + 1, 'Infinity'::numeric - 'Infinity'::numeric, 'inf'::numeric * 0, '-inf'::numeric * -2, 1 / 'inf'::numeric;
SELECT 'inf'::numeric / 'inf'::numeric, 'NaN'::numeric / 0, 5.5 % '-inf'::numeric, 'inf'::numeric % 5, 'inf'::numeric * 'inf', 'inf'::numeric - '-inf';
-- error 22012
SELECT 'inf'::numeric / 0;
-- error 22012
SELECT 'inf'::numeric % 0;
-- error 0A000
SELECT 'NaN'::numeric::int;
-- error 0A000
SELECT 'inf'::numeric::smallint;
-- error 0A000
SELECT '-inf'::numeric::bigint;
SELECT 'NaN'::numeric::float8, 'inf'::numeric::float4, 'NaN'::float8::numeric, '-inf'::float8::numeric, 'Infinity'::real::numeric;
-- error 22003
SELECT 'Infinity'::numeric(5,2);
SELECT 'NaN'::numeric(5,2), -('inf'::numeric), - 'nan'::numeric, 'nan'::numeric::text, ('inf'::numeric)::varchar;
SELECT x FROM (VALUES ('inf'::numeric), ('nan'), ('-inf'), (1), (-1e100), (NULL)) v(x) ORDER BY x NULLS FIRST;
SELECT x FROM (VALUES ('inf'::numeric), ('nan'), ('-inf'), (1), (-1e100)) v(x) ORDER BY x DESC;
SELECT 'NaN'::numeric = 'nan', 'NaN'::numeric > 'inf'::numeric, 'inf'::numeric > 1e300, '-inf'::numeric < -1e300, 'nan'::numeric <> 1;
SELECT greatest('nan'::numeric, 1, 'inf'), least('nan'::numeric, 1, '-inf'), max(x), min(x) FROM (VALUES (1::numeric), ('nan'), (2)) v(x);
SELECT abs('-inf'::numeric), ceil('inf'::numeric), floor('nan'::numeric), round('inf'::numeric, 2), trunc('-inf'::numeric), sign('-inf'::numeric), sign('nan'::numeric);
SELECT sqrt('inf'::numeric), exp('inf'::numeric), exp('-inf'::numeric), ln('inf'::numeric), sqrt('nan'::numeric), log('inf'::numeric), log(10, 'inf'::numeric);
SELECT power('inf'::numeric, 0), power('nan'::numeric, 0), power(1::numeric, 'nan'), power(0::numeric, 'inf'), power(-2::numeric, 'inf'), power(0.5::numeric, '-inf');
SELECT power('-inf'::numeric, 3), power('-inf'::numeric, 2), power('inf'::numeric, -1), power(-1::numeric, 'inf'), power('nan'::numeric, 1);
-- error 2201F
SELECT sqrt('-inf'::numeric);
-- error 2201E
SELECT ln('-inf'::numeric);
-- error 2201F
SELECT power(0::numeric, '-inf');
SELECT mod('inf'::numeric, 3), div('inf'::numeric, 3), div(3, 'inf'::numeric), width_bucket('inf'::numeric, 0, 10, 5), width_bucket('-inf'::numeric, 0, 10, 5), gcd('nan'::numeric, 3), lcm(4, 'inf'::numeric);
-- error 2201G
SELECT width_bucket('nan'::numeric, 0, 10, 5);
-- error 2201G
SELECT width_bucket(1, 0, 'inf'::numeric, 5);
SELECT sum(x), avg(x), min(x), max(x), stddev(x) FROM (VALUES (1::numeric), ('inf')) v(x);
SELECT sum(x), avg(x), var_pop(x) FROM (VALUES (1::numeric), ('inf'), ('-inf')) v(x);
SELECT sum(x), avg(x), var_samp(x) FROM (VALUES ('inf'::numeric), (NULL)) v(x);
SELECT sum(x), avg(x), variance(x) FROM (VALUES (1::numeric), ('nan'), (3)) v(x);
SELECT id, n FROM fn_vals WHERE n > 1 ORDER BY n DESC;
SELECT id, n + 1, n * 2, n - n, -n FROM fn_vals ORDER BY id;
SELECT sum(n), avg(n), count(n), max(n), min(n) FROM fn_vals;
SELECT sum(n), avg(n) FROM fn_vals WHERE id < 5;
SELECT id, n::float8, n::text FROM fn_vals ORDER BY id;
CREATE TABLE fn_keys (n numeric PRIMARY KEY, label text);
INSERT INTO fn_keys VALUES ('NaN', 'nan'), ('Infinity', 'inf'), ('-Infinity', 'ninf'), (0, 'zero'), (-5.5, 'neg'), (12, 'twelve');
SELECT n, label FROM fn_keys ORDER BY n;
SELECT n FROM fn_keys WHERE n >= 12 ORDER BY n;
SELECT label FROM fn_keys WHERE n = 'Infinity';
SELECT label FROM fn_keys WHERE n < 0 ORDER BY n;
UPDATE fn_keys SET label = 'not a number' WHERE n = 'NaN';
SELECT label FROM fn_keys WHERE n > 'Infinity';
SELECT 1e-5::double precision, 123456789012345678::double precision, 1.5e300 * 1.5e-300;
SELECT 1.5e300 * 1.5e-300 = 2.25, scale(1.5e300 * 1.5e-300), 2.50 * 1.5, 0.1 * 0.1, 1e3 * 1, 1.0 * 1.00;
SELECT 12e2::numeric, 1.5e3 + 0, 2.5e-3 * 4, 1e2 * 1e-2, scale(1e2 * 1e-2);
SELECT id, n * 1.50, n * n FROM fn_vals WHERE id < 4 ORDER BY id;
SELECT (0.1::float8 + 0.2)::numeric, 1e10::float8::numeric, 123456789.123456789::float8::numeric, 0.000001234::float8::numeric, (1::float4 / 3::float4)::numeric, 2.5::float4::numeric;
SELECT id, x::numeric FROM fn_vals ORDER BY id;
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_avgx(y, x), regr_avgy(y, x), regr_count(y, x) FROM (VALUES (1, 2.0), (2, 4.1), (3, 5.9), (4, NULL), (NULL, 3), (5, 10.25)) v(x, y);
SELECT regr_intercept(y, x), regr_r2(y, x), regr_slope(y, x), regr_sxx(y, x), regr_sxy(y, x), regr_syy(y, x) FROM (VALUES (1, 2.0), (2, 4.1), (3, 5.9), (4, NULL), (NULL, 3), (5, 10.25)) v(x, y);
SELECT corr(y, x), covar_samp(y, x), regr_count(y, x), regr_slope(y, x) FROM (VALUES (1, 2.0), (NULL, 1)) v(x, y);
SELECT regr_r2(y, x), regr_slope(y, x), corr(y, x) FROM (VALUES (1, 5), (2, 5), (3, 5)) v(x, y);
SELECT corr(x, i), covar_pop(x, i), regr_slope(x, i), regr_intercept(x, i), regr_count(x, b) FROM fn_vals;
SELECT i % 2 AS odd, corr(x, i), regr_avgx(x, i), regr_count(x, i) FROM fn_vals GROUP BY i % 2 ORDER BY odd NULLS LAST;
SELECT corr(y, x), regr_count(y, x), regr_avgx(y, x), regr_sxx(y, x) FROM (VALUES (1, 2.0), (2, 3)) v(x, y) WHERE false;
SELECT covar_pop(x, y), covar_samp(x::real, y::smallint) FROM (VALUES (1.5, 2), (2.5, 7), (4, 1)) v(x, y);
SELECT pg_typeof(corr(1, 2))::text, pg_typeof(regr_count(1, 2))::text, pg_typeof(covar_pop(1.5, 2))::text;
-- error 42883
SELECT corr('a'::text, 1);
-- error 42883
SELECT regr_slope(1);

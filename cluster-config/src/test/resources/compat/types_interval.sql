-- interval: input forms, output (IntervalStyle postgres), comparison by 30-day months and
-- 24-hour days, arithmetic, functions, aggregates, columns and keys.
SELECT INTERVAL '1 day 02:00', INTERVAL '2 hours', INTERVAL 'P1DT2H', INTERVAL '@ 1 day', INTERVAL '-1 mon +2 days';
SELECT '1 year 2 months 3 days 04:05:06'::interval, '1.5 hours'::interval, '1.5 days'::interval, '1.5 months'::interval;
SELECT '1-2'::interval, '-1-2'::interval, '1 2:03:04'::interval, '10'::interval, '-10.5'::interval;
SELECT 'P1Y2M3DT4H5M6S'::interval, 'PT1.5S'::interval, 'P0.5D'::interval, 'P1W'::interval, 'P0001-02-03T04:05:06'::interval;
SELECT '1 week'::interval, '2 weeks 3 days'::interval, '1 decade'::interval, '1 century'::interval, '1 millennium'::interval;
SELECT '1 day ago'::interval, '1 day 2 hours ago'::interval, '-1 day ago'::interval, '@ 1 minute ago'::interval;
SELECT '00:00:00.5'::interval, '-00:00:01'::interval, '12:34:56.789'::interval, '36 hours'::interval, '90 minutes'::interval;
SELECT '1 msec'::interval, '3 us'::interval, '1.5 ms'::interval, '1000 ms'::interval, '1 yr 2 mons 3 d 4 h 5 m 6 s'::interval;
SELECT '12 mons'::interval, '13 months'::interval, '-13 months'::interval, '1 year -1 month'::interval, '0'::interval;
SELECT '1 day -1 hour'::interval, '-1 day 1 hour'::interval, '1 day -00:00:01'::interval, '-1 days -02:00:00'::interval;
SELECT INTERVAL '1' DAY, INTERVAL '1' HOUR, INTERVAL '90' MINUTE, INTERVAL '1' YEAR, INTERVAL '14' MONTH;
SELECT INTERVAL '1 day 02:03:04' HOUR TO MINUTE, INTERVAL '1 day 02:03:04' DAY TO HOUR, INTERVAL '1-6' YEAR TO MONTH;
SELECT INTERVAL '02:03' MINUTE TO SECOND, INTERVAL '1.2345' SECOND(2), INTERVAL '3 years 4 months 5 days' YEAR;
SELECT '1 day 02:03:04'::interval day, '1 day 02:03:04.567'::interval second(1), '1 day 02:03:04'::interval day to minute;
SELECT '1 day'::interval = '24 hours'::interval, '1 mon'::interval = '30 days'::interval, '1 year'::interval = '360 days'::interval;
SELECT '1 day'::interval < '25 hours'::interval, '1 mon'::interval > '29 days 23:59:59'::interval, '-1 day'::interval < '0'::interval;
SELECT INTERVAL '1 day' * 3, INTERVAL '1 hour' / 4, INTERVAL '1 day' + INTERVAL '1 hour', -INTERVAL '2 days', INTERVAL '3 days' - INTERVAL '1 day 1 hour';
SELECT INTERVAL '1 mon' * 1.5, INTERVAL '1 mon' / 2, INTERVAL '1 day' * 0.5, INTERVAL '1 hour' * 2.5, 2 * INTERVAL '1 minute';
SELECT INTERVAL '1 mon 1 day' / 3, INTERVAL '1 year' / 7, INTERVAL '10 days' * 0.1, INTERVAL '1 day' * -1, INTERVAL '1 mon' * 0.3333;
SELECT INTERVAL '1 day' + '1 hour', INTERVAL '1 day' - '1 hour', INTERVAL '1 day' * '2', '1 day' + INTERVAL '1 hour';
SELECT INTERVAL '2 days' * 2::bigint, INTERVAL '2 days' * 2.5::real, INTERVAL '2 days' / 4::smallint, INTERVAL '1 second' * 1e6;
SELECT justify_days(INTERVAL '35 days'), justify_days(INTERVAL '-35 days'), justify_days(INTERVAL '1 mon -5 days'), justify_days(INTERVAL '65 days 3 hours');
SELECT justify_hours(INTERVAL '27 hours'), justify_hours(INTERVAL '-27 hours'), justify_hours(INTERVAL '1 day -1 hour'), justify_hours(INTERVAL '49:30');
SELECT justify_interval(INTERVAL '1 mon -1 hour'), justify_interval(INTERVAL '40 days 30 hours'), justify_interval(INTERVAL '-1 mon 5 days'), justify_interval(INTERVAL '1 year -1 day');
SELECT extract(epoch from INTERVAL '1 day'), extract(epoch from INTERVAL '1 mon'), extract(epoch from INTERVAL '1 year 2 hours'), extract(epoch from INTERVAL '-1.5 seconds');
SELECT extract(year from INTERVAL '2 years 14 months'), extract(month from INTERVAL '14 months'), extract(day from INTERVAL '40 days'), extract(hour from INTERVAL '36 hours');
SELECT extract(minute from INTERVAL '1:30:45'), extract(second from INTERVAL '1:30:45.25'), extract(millisecond from INTERVAL '1.5 seconds'), extract(microsecond from INTERVAL '1.5 seconds');
SELECT extract(quarter from INTERVAL '7 months'), extract(decade from INTERVAL '25 years'), extract(century from INTERVAL '250 years'), extract(millennium from INTERVAL '2500 years');
SELECT date_part('epoch', INTERVAL '1 day 1 second'), date_part('hour', INTERVAL '-5 hours'), date_part('day', INTERVAL '1 mon 3 days'), date_part('second', INTERVAL '00:00:01.5');
SELECT date_trunc('hour', INTERVAL '1 day 02:03:04'), date_trunc('day', INTERVAL '1 mon 2 days 03:00'), date_trunc('month', INTERVAL '1 year 2 mons 3 days'), date_trunc('year', INTERVAL '3 years 5 mons');
SELECT date_trunc('minute', INTERVAL '02:03:04.5'), date_trunc('second', INTERVAL '02:03:04.5'), date_trunc('quarter', INTERVAL '1 year 5 mons'), date_trunc('decade', INTERVAL '25 years 3 mons');
SELECT make_interval(days => 10, hours => 5), make_interval(1, 2, 3, 4, 5, 6, 7.5), make_interval(), make_interval(years => 2), make_interval(mins => 90, secs => 30);
SELECT make_interval(weeks => 2, days => -1), make_interval(secs => 0.000001), make_interval(hours => -3), make_interval(months => 13);
SELECT to_char(INTERVAL '15 hours 2 minutes 12 seconds', 'HH24:MI:SS'), to_char(INTERVAL '3 days 04:05', 'DD "days" HH24:MI'), to_char(INTERVAL '1 year 2 mons', 'YYYY-MM');
SELECT to_char(INTERVAL '36 hours', 'HH24'), to_char(INTERVAL '13 hours', 'HH12 AM'), to_char(INTERVAL '1.5 seconds', 'SS.MS');
SELECT INTERVAL '1 day' IS NULL, NULL::interval + INTERVAL '1 day', INTERVAL '1 day' * NULL, isfinite(INTERVAL '1 day');
SELECT INTERVAL '1 day' * 2 = INTERVAL '48 hours', (TIMESTAMP '2024-01-01' - TIMESTAMP '2023-01-01') = INTERVAL '365 days';
SELECT GREATEST(INTERVAL '1 day', INTERVAL '23 hours'), LEAST(INTERVAL '1 mon', INTERVAL '31 days'), COALESCE(NULL, INTERVAL '5 minutes');
SELECT CASE WHEN INTERVAL '1 hour' > INTERVAL '59 minutes' THEN 'longer' ELSE 'shorter' END;
SELECT INTERVAL '1 day' BETWEEN INTERVAL '23 hours' AND INTERVAL '25 hours', INTERVAL '2 days' IN (INTERVAL '48 hours', INTERVAL '1 day');
SELECT INTERVAL '1 day'::text, CAST(INTERVAL '2 hours' AS varchar), 'x' || INTERVAL '1 day', INTERVAL '00:30'::time;
SELECT TIME '10:30'::interval, '25 hours'::interval::time, '-1 hour'::interval::time;
CREATE TABLE ti_spans (id int PRIMARY KEY, name text, span interval, lim interval hour to minute);
INSERT INTO ti_spans VALUES (1, 'day', '1 day', '1 hour 30 minutes 15 seconds'), (2, 'hours', '24 hours', '90 minutes'), (3, 'month', '1 mon', '02:00:59'), (4, 'neg', '-3 days', NULL), (5, 'null', NULL, '5 minutes'), (6, 'mixed', '1 mon -1 day 02:00', '00:00:30');
SELECT id, name, span, lim FROM ti_spans ORDER BY id;
SELECT id, span FROM ti_spans ORDER BY span NULLS FIRST, id;
SELECT id, span FROM ti_spans ORDER BY span DESC NULLS LAST, id;
SELECT id FROM ti_spans WHERE span = INTERVAL '1 day' ORDER BY id;
SELECT id FROM ti_spans WHERE span > '25 days' ORDER BY id;
SELECT id FROM ti_spans WHERE span BETWEEN '1 hour' AND '2 days' ORDER BY id;
SELECT span, count(*) FROM ti_spans GROUP BY span ORDER BY span NULLS LAST;
SELECT count(DISTINCT span) FROM ti_spans;
SELECT sum(span), avg(span), min(span), max(span), count(span) FROM ti_spans;
SELECT sum(lim), avg(lim), max(lim) FROM ti_spans;
SELECT sum(span) FILTER (WHERE id < 3), avg(span) FILTER (WHERE span > '0') FROM ti_spans;
SELECT id, span * 2 AS twice, span / 2 AS half, -span AS neg, justify_interval(span * 1.5) AS j FROM ti_spans ORDER BY id;
SELECT id, extract(epoch from span) AS secs, extract(day from span) AS d, date_part('hour', lim) AS h FROM ti_spans ORDER BY id;
SELECT id, sum(span) OVER (ORDER BY id) AS running FROM ti_spans ORDER BY id;
SELECT id, span, max(span) OVER () AS biggest FROM ti_spans ORDER BY id;
SELECT sum(x), avg(x) FROM (VALUES (INTERVAL '1 hour'), (INTERVAL '2 hours'), (INTERVAL '4 hours')) v(x);
SELECT avg(x) FROM (VALUES (INTERVAL '1 mon'), (INTERVAL '1 day')) v(x);
SELECT sum(x) FROM (VALUES (NULL::interval), (NULL::interval)) v(x);
UPDATE ti_spans SET span = span + INTERVAL '1 hour' WHERE id = 1 RETURNING id, span;
SELECT id, span FROM ti_spans WHERE id = 1;
CREATE TABLE ti_keyed (k interval PRIMARY KEY, v text);
INSERT INTO ti_keyed VALUES ('1 day', 'a'), ('1 hour', 'b'), ('1 mon', 'c'), ('-1 day', 'd'), ('00:00:00.5', 'e');
SELECT k, v FROM ti_keyed ORDER BY k;
SELECT v FROM ti_keyed WHERE k = '24 hours';
SELECT v FROM ti_keyed WHERE k > '1 hour' ORDER BY k;
SELECT v FROM ti_keyed WHERE k = '30 days';
-- error 23505
INSERT INTO ti_keyed VALUES ('24 hours', 'dup');
-- error 22007
SELECT 'soon'::interval;
-- error 22007
SELECT 'infinity'::interval;
-- error 22007
SELECT '1 hour 10:00'::interval;
-- error 22015
SELECT '2147483648 days'::interval;
-- error 22008
SELECT INTERVAL '2147483647 days' + INTERVAL '1 day';
-- error 22012
SELECT INTERVAL '1 day' / 0;
-- error 42883
SELECT INTERVAL '1 day' + 1;
-- error 42883
SELECT INTERVAL '1 day' * INTERVAL '1 day';
-- error 42725
SELECT avg('1 day');
-- error 22023
SELECT extract(fortnight from INTERVAL '1 day');
-- error 0A000
SELECT date_trunc('week', INTERVAL '10 days');
-- error 0A000
SELECT extract(dow from INTERVAL '10 days');
-- error 22023
SELECT date_part('fortnight', INTERVAL '1 day');

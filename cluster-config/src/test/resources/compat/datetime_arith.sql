-- Date/time arithmetic with intervals, timestamp differences, age, make_*, generate_series,
-- session time zones with DST, infinity, BC dates, input forms and their errors.
SET TIME ZONE 'UTC';
SELECT DATE '2024-01-31' + INTERVAL '1 month', DATE '2024-02-29' + INTERVAL '1 year', DATE '2024-03-31' - INTERVAL '1 month', INTERVAL '1 day' + DATE '2024-12-31';
SELECT TIMESTAMP '2024-01-01 10:00:00' + INTERVAL '90 minutes', TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1 second', INTERVAL '1 week' + TIMESTAMP '2024-02-25 12:00';
SELECT TIMESTAMP '2024-01-31 10:00' + INTERVAL '1 mon 1 day', TIMESTAMP '2024-03-31' - INTERVAL '1 mon', TIMESTAMP '2023-02-28' + INTERVAL '1 year 1 day';
SELECT TIMESTAMP '2024-03-01 00:00:00' - TIMESTAMP '2024-02-28 12:00:00', TIMESTAMP '2024-01-01' - TIMESTAMP '2025-01-01 06:00', TIMESTAMP '2024-01-01 10:00' - TIMESTAMP '2024-01-01 09:59:59.5';
SELECT DATE '2024-03-01' - DATE '2024-02-01', DATE '2024-03-01' - TIMESTAMP '2024-02-01 12:00', TIMESTAMP '2024-03-01' - DATE '2024-02-28';
SELECT TIMESTAMPTZ '2024-03-01 00:00:00+00' - TIMESTAMPTZ '2024-02-28 12:00:00+00', TIMESTAMPTZ '2024-01-01 00:00+00' - TIMESTAMP '2023-12-31 00:00';
SELECT TIMESTAMP '2024-01-01 10:00' + '1 day', TIMESTAMP '2024-01-01 10:00' - '2024-01-01 08:30', TIMESTAMPTZ '2024-01-01 10:00+00' + '2 hours';
SELECT DATE '2024-01-01' - '2023-12-25', DATE '2024-02-28' + 1, 1 + DATE '2024-02-28', DATE '2024-01-01' - 1;
SELECT age(TIMESTAMP '2024-03-15', TIMESTAMP '2000-01-01'), age(TIMESTAMP '2000-01-01', TIMESTAMP '2024-03-15'), age(TIMESTAMP '2024-03-01', TIMESTAMP '2024-01-31');
SELECT age(TIMESTAMP '2024-03-31 10:00', TIMESTAMP '2024-02-29 12:30'), age(DATE '2024-03-01', DATE '2024-02-01'), age(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01');
SELECT age(TIMESTAMPTZ '2024-07-01 00:00+00', TIMESTAMPTZ '2023-06-15 12:00+00'), age(TIMESTAMP '2024-05-31', TIMESTAMP '2024-06-30');
SELECT make_date(2024, 2, 29), make_timestamp(2024, 1, 2, 3, 4, 5.5), make_timestamptz(2024, 7, 1, 12, 0, 0), make_timestamptz(2024, 7, 1, 12, 0, 0, 'America/New_York');
SELECT make_timestamp(2024, 12, 31, 23, 59, 59.999999), make_timestamp(2024, 2, 29, 24, 0, 0), make_date(-44, 3, 15);
SELECT date_trunc('week', TIMESTAMP '2024-02-28 10:00:00'), date_trunc('quarter', TIMESTAMP '2024-11-17 10:00'), date_trunc('decade', TIMESTAMP '2024-11-17'), date_trunc('century', TIMESTAMP '2024-11-17');
SELECT date_trunc('millennium', TIMESTAMP '2024-11-17'), date_trunc('millisecond', TIMESTAMP '2024-11-17 10:11:12.345678'), date_trunc('microseconds', TIMESTAMP '2024-11-17 10:11:12.345678');
SELECT date_trunc('hour', TIMESTAMPTZ '2024-07-01 10:30:00+00'), date_trunc('day', TIMESTAMPTZ '2024-07-01 10:30:00+00', 'Asia/Tokyo'), date_trunc('month', TIMESTAMPTZ '2024-07-01 10:30:00+00', 'America/New_York');
SELECT extract(epoch from TIMESTAMP '1970-01-02 00:00:00'), extract(epoch from TIMESTAMPTZ '2024-01-01 00:00:00+00'), extract(epoch from DATE '2024-01-01');
SELECT extract(julian from DATE '2024-01-01'), extract(isoyear from DATE '2024-12-30'), extract(week from DATE '2024-12-30'), extract(isodow from DATE '2024-01-07');
SELECT extract(dow from TIMESTAMP '2024-01-07 10:00'), extract(doy from TIMESTAMP '2024-12-31 10:00'), extract(quarter from TIMESTAMP '2024-08-01'), extract(millennium from DATE '2024-01-01');
SELECT extract(century from DATE '0001-01-01'), extract(decade from DATE '2024-01-01'), extract(year from DATE '0044-03-15 BC'), extract(century from DATE '0044-03-15 BC');
SELECT extract(h from TIMESTAMP '2024-01-01 10:11:12'), extract(hours from TIMESTAMP '2024-01-01 10:11:12'), extract(min from TIMESTAMP '2024-01-01 10:11:12'), extract(secs from TIMESTAMP '2024-01-01 10:11:12.5');
SELECT extract(timezone from TIMESTAMPTZ '2024-01-01 10:00+00'), extract(timezone_hour from TIMESTAMPTZ '2024-01-01 10:00+00'), date_part('timezone_minute', TIMESTAMPTZ '2024-01-01 10:00+00');
SELECT 'now'::timestamptz = now(), 'today'::date = current_date, 'tomorrow'::date - 'yesterday'::date, 'now'::date = current_date, 'today'::timestamp = date_trunc('day', localtimestamp), TIMESTAMP 'today' = current_date;
SELECT current_time = localtime::timetz, localtime = localtimestamp::time, current_date + localtime = localtimestamp, extract(epoch from now() - transaction_timestamp());
SELECT 'epoch'::timestamp, 'epoch'::timestamptz, 'epoch'::date, 'infinity'::date > DATE '9999-12-31', '-infinity'::timestamp < TIMESTAMP '0001-01-01';
SELECT 'infinity'::timestamp, '-infinity'::timestamptz, 'infinity'::date, isfinite('infinity'::date), isfinite(DATE '2024-01-01'), isfinite('-infinity'::timestamp);
SELECT 'infinity'::timestamp + INTERVAL '1 day', '-infinity'::date + 1, 'infinity'::date::timestamp, 'infinity'::timestamp::date, 'infinity'::timestamptz > now();
SELECT DATE '0044-03-15 BC', TIMESTAMP '0044-03-15 10:00:00 BC', DATE '0001-01-01' - 1, DATE '0001-01-01' - DATE '0001-12-31 BC';
SELECT '2024-01-15'::date, '20240115'::date, '2024/01/15'::date, '01/15/2024'::date, '1/2/2024'::date, 'Jan 15 2024'::date, '15 January 2024'::date;
SELECT 'January 15, 2024'::date, '2024-Jan-15'::date, '15-Jan-2024'::date, '2024-001'::date;
SELECT '2024-01-15T10:30:00'::timestamp, '2024-01-15 10:30'::timestamp, '20240101T103000'::timestamp, '2024-01-01 10:00 pm'::timestamp, 'Jan 1 2024 10:00'::timestamp;
SELECT '2024-01-15 24:00:00'::timestamp, '2024-01-15 23:59:60'::timestamp, '2024-01-15 10:30:00.1234567'::timestamp, '2024-01-01 10:00:00+02'::timestamp;
SELECT '2024-01-01 10:00:00+02'::timestamptz, '2024-01-01 10:00:00-08:30'::timestamptz, '2024-01-01 10:00 PST'::timestamptz, '2024-01-01 10:00 America/New_York'::timestamptz, '2024-01-01T10:00:00Z'::timestamptz;
SELECT '2024-01-01 10:00:00.123456789'::timestamp(3), '2024-01-01 10:00:00.5'::timestamp(0), '2024-01-01 10:00:00.45'::timestamptz(1), '1999-12-31 23:59:59.5'::timestamp(0);
SELECT TIMESTAMP '2024-06-01 12:00:00' AT TIME ZONE 'UTC', TIMESTAMPTZ '2024-06-01 12:00:00+00' AT TIME ZONE 'America/New_York', TIMESTAMP '2024-06-01 12:00' AT TIME ZONE 'Asia/Kolkata';
SELECT TIMESTAMPTZ '2024-06-01 12:00:00+00' AT TIME ZONE 'PST', TIMESTAMPTZ '2024-06-01 12:00:00+00' AT TIME ZONE '+05', TIMESTAMPTZ '2024-06-01 12:00:00+00' AT TIME ZONE INTERVAL '-03:00';
SELECT TIMESTAMP '2024-06-01 12:00' AT TIME ZONE 'UTC' AT TIME ZONE 'Europe/Paris', DATE '2024-06-01' AT TIME ZONE 'Asia/Tokyo';
SELECT to_char(TIMESTAMP '2024-03-05 14:07:09.123', 'YYYY-MM-DD HH24:MI:SS.MS'), to_char(TIMESTAMP '2024-03-05 14:07:09', 'Day, DD Month YYYY'), to_char(TIMESTAMP '2024-03-05 04:07', 'HH12:MI am');
SELECT to_char(TIMESTAMPTZ '2024-03-05 14:07:09+00', 'YYYY-MM-DD HH24:MI:SS TZ OF'), to_char(DATE '2024-03-05', 'FMDD FMMonth YYYY'), to_char(DATE '0044-03-15 BC', 'YYYY-MM-DD');
CREATE TABLE da_events (id int PRIMARY KEY, at timestamptz, local_at timestamp, d date, every interval);
INSERT INTO da_events VALUES (1, '2024-03-30 12:00:00+00', '2024-03-30 12:00', '2024-03-30', '1 day'), (2, '2024-10-26 12:00:00+00', '2024-10-26 12:00', '2024-10-26', '1 day'), (3, '2024-01-31 08:00:00+00', '2024-01-31 08:00', '2024-01-31', '1 mon'), (4, NULL, NULL, NULL, NULL), (5, 'infinity', 'infinity', 'infinity', '2 hours');
SELECT id, at + every AS next_at, local_at + every AS next_local, d + every AS next_d FROM da_events ORDER BY id;
SELECT id, at - every AS prev_at, local_at - every AS prev_local FROM da_events ORDER BY id;
SET TIME ZONE 'Europe/Paris';
SELECT id, at, at + every AS next_at, at + INTERVAL '24 hours' AS plus24 FROM da_events ORDER BY id;
SELECT id, date_trunc('day', at) AS day_start, extract(hour from at) AS h, at::date AS local_date, at::timestamp AS wall FROM da_events ORDER BY id;
SELECT TIMESTAMPTZ '2024-03-31 01:30:00' + INTERVAL '1 hour', TIMESTAMPTZ '2024-03-30 02:30:00' + INTERVAL '1 day', TIMESTAMPTZ '2024-10-27 02:30:00';
SELECT TIMESTAMPTZ '2024-03-31 02:30:00', TIMESTAMPTZ '2024-03-31 12:00' - TIMESTAMPTZ '2024-03-30 12:00', age(TIMESTAMPTZ '2024-04-01 00:00', TIMESTAMPTZ '2024-03-01 00:00');
SELECT DATE '2024-03-31'::timestamptz, TIMESTAMP '2024-07-01 12:00'::timestamptz, TIMESTAMPTZ '2024-07-01 12:00+00'::date, TIMESTAMPTZ '2024-07-01 23:30+00'::date;
SELECT to_char(TIMESTAMPTZ '2024-07-01 12:00+00', 'HH24:MI TZ OF'), to_char(TIMESTAMPTZ '2024-01-01 12:00+00', 'HH24:MI TZ'), make_timestamptz(2024, 7, 1, 12, 0, 0);
SELECT TIMESTAMPTZ '2024-07-01 12:00:00' = TIMESTAMP '2024-07-01 12:00:00', DATE '2024-07-01' < TIMESTAMPTZ '2024-06-30 23:00:00+00';
SET TIME ZONE 'America/New_York';
SELECT id, at, at + every AS next_at FROM da_events ORDER BY id;
SELECT TIMESTAMPTZ '2024-03-10 01:30' + INTERVAL '1 hour', TIMESTAMPTZ '2024-03-09 12:00' + INTERVAL '1 day', TIMESTAMPTZ '2024-11-03 01:30';
SELECT extract(timezone_hour from TIMESTAMPTZ '2024-07-01 12:00'), extract(timezone from TIMESTAMPTZ '2024-01-01 12:00'), date_part('hour', TIMESTAMPTZ '2024-07-01 12:00+00');
SET TIME ZONE 'UTC';
SELECT x FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '6 hours') AS g(x) ORDER BY x;
SELECT count(*) FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '1 hour');
SELECT d::date FROM generate_series(DATE '2024-01-29', DATE '2024-02-02', INTERVAL '1 day') AS g(d) ORDER BY d;
SELECT g FROM generate_series(TIMESTAMP '2024-01-31', TIMESTAMP '2024-06-30', INTERVAL '1 month') AS g ORDER BY g;
SELECT g FROM generate_series(TIMESTAMP '2024-01-03', TIMESTAMP '2024-01-01', INTERVAL '-1 day') AS g ORDER BY g DESC;
SELECT g FROM generate_series(TIMESTAMPTZ '2024-01-01 00:00+00', TIMESTAMPTZ '2024-01-01 01:00+00', INTERVAL '20 minutes') AS g ORDER BY g;
SELECT count(*) FROM generate_series(TIMESTAMP '2024-01-02', TIMESTAMP '2024-01-01', INTERVAL '1 day');
SELECT date_trunc('month', g)::date AS m, count(*) FROM generate_series(TIMESTAMP '2024-01-15', TIMESTAMP '2024-04-15', INTERVAL '1 week') AS g GROUP BY 1 ORDER BY 1;
SELECT e.id, g::date FROM da_events e, generate_series(e.local_at, e.local_at + INTERVAL '2 days', INTERVAL '1 day') g WHERE e.id IN (1, 3) ORDER BY 1, 2;
WITH RECURSIVE days(day) AS (SELECT DATE '2024-01-01' UNION ALL SELECT day + 1 FROM days WHERE day < DATE '2024-01-05') SELECT day FROM days ORDER BY day;
WITH RECURSIVE t(n, at) AS (SELECT 1, TIMESTAMP '2024-01-31' UNION ALL SELECT n + 1, at + INTERVAL '1 month' FROM t WHERE n < 4) SELECT n, at FROM t ORDER BY n;
SELECT day, month, year FROM (VALUES (1, 2, 2024), (3, 4, 2025)) AS v(day, month, year) ORDER BY day;
SELECT day + 1, month * 2 FROM (VALUES (1, 2), (3, 4)) AS v(day, month) ORDER BY 1;
CREATE TABLE da_cal (day date PRIMARY KEY, month int, year int, note text);
INSERT INTO da_cal VALUES ('2024-01-01', 1, 2024, 'new year'), ('2024-02-29', 2, 2024, 'leap'), ('2023-12-31', 12, 2023, 'eve');
SELECT day, month, year FROM da_cal WHERE year = 2024 ORDER BY day;
SELECT day + 1 AS next, day - INTERVAL '1 day' AS prev, extract(day from day) AS dom FROM da_cal ORDER BY day;
SELECT month, count(*) FROM da_cal GROUP BY month ORDER BY month;
-- error 22008
SELECT '2024-02-30'::date;
-- error 22008
SELECT '2024-13-01 00:00:00'::timestamp;
-- error 22008
SELECT '2023-02-29'::date;
-- error 22008
SELECT '2024-01-01 25:00:00'::timestamp;
-- error 22008
SELECT '2024-01-01 10:60:00'::timestamptz;
-- error 22008
SELECT '0000-01-01'::date;
-- error 22008
SELECT '4714-11-23 BC'::date;
-- error 22007
SELECT 'next tuesday'::date;
-- error 22007
SELECT '2024-01-15 extra'::timestamp;
-- error 22007
SELECT '2024-01'::date;
-- error 22009
SELECT '2024-01-01 10:00:00+16'::timestamptz;
-- error 22023
SELECT '2024-01-01 10:00 Mars/Olympus'::timestamptz;
-- error 22023
SELECT TIMESTAMP '2024-01-01' AT TIME ZONE 'Mars/Olympus';
-- error 22008
SELECT 'infinity'::timestamp - TIMESTAMP '2024-01-01';
-- error 22008
SELECT make_date(2023, 2, 29);
-- error 22008
SELECT make_timestamp(2024, 13, 1, 0, 0, 0);
-- error 22008
SELECT make_timestamp(2024, 1, 1, 25, 0, 0);
-- error 22023
SELECT * FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '0 days');
-- error 42725
SELECT DATE '2024-01-01' + '1 day';
-- error 42883
SELECT DATE '2024-01-01' + DATE '2024-01-02';
-- error 42883
SELECT TIMESTAMP '2024-01-01' + TIMESTAMP '2024-01-02';
-- error 42883
SELECT DATE '2024-01-01' * 2;
-- error 22008
SELECT DATE '5874897-12-31' + 1;
-- error 22008
SELECT TIMESTAMP '294200-01-01' + INTERVAL '1000 years';

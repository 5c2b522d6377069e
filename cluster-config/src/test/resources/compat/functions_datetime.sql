-- Dates, times, timestamps, intervals: arithmetic, extract, date_trunc, to_char, age, time zones.
CREATE TABLE fd_events (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz, dur interval);
INSERT INTO fd_events VALUES
  (1, '2024-02-28', '2024-02-28 23:30:00', '2024-02-28 23:30:00+00', '1 day'),
  (2, '2024-12-31', '2024-12-31 12:00:00.5', '2024-12-31 12:00:00+05', '2 hours 30 minutes'),
  (3, '2023-01-01', '2023-01-01 00:00:00', '2023-01-01 00:00:00-08', '1 mon 2 days'),
  (4, NULL, NULL, NULL, NULL);
SELECT id, d + 1 AS tomorrow, d - 1 AS yesterday FROM fd_events ORDER BY id;
SELECT DATE '2024-03-01' - DATE '2024-02-01', DATE '2025-01-01' - DATE '2024-01-01';
SELECT DATE '2024-01-31' + INTERVAL '1 month', DATE '2024-02-29' + INTERVAL '1 year';
SELECT TIMESTAMP '2024-01-01 10:00:00' + INTERVAL '90 minutes', TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1 second';
SELECT TIMESTAMP '2024-03-01 00:00:00' - TIMESTAMP '2024-02-28 12:00:00';
SELECT id, ts + dur AS later FROM fd_events ORDER BY id;
SELECT id, tz + dur AS later FROM fd_events ORDER BY id;
SELECT INTERVAL '1 day' * 3, INTERVAL '1 hour' / 4, INTERVAL '1 day' + INTERVAL '1 hour', -INTERVAL '2 days';
SELECT INTERVAL '90 minutes', INTERVAL '36 hours', INTERVAL '1 year 2 months 3 days 04:05:06', INTERVAL '-1 day +2 hours';
SELECT id, dur FROM fd_events ORDER BY dur NULLS FIRST, id;
SELECT extract(year from d), extract(month from d), extract(day from d), extract(dow from d), extract(doy from d) FROM fd_events WHERE id = 1;
SELECT extract(epoch from TIMESTAMP '1970-01-02 00:00:00'), extract(epoch from TIMESTAMPTZ '2024-01-01 00:00:00+00');
SELECT extract(hour from ts), extract(minute from ts), extract(second from ts) FROM fd_events WHERE id = 2;
SELECT date_part('year', DATE '2024-05-06'), date_part('quarter', DATE '2024-05-06'), date_part('week', DATE '2024-05-06');
SELECT extract(isodow from DATE '2024-01-07'), extract(century from DATE '2024-01-07'), extract(epoch from INTERVAL '1 day');
SELECT date_trunc('month', TIMESTAMP '2024-02-28 23:30:00'), date_trunc('year', TIMESTAMP '2024-02-28 23:30:00'), date_trunc('hour', TIMESTAMP '2024-02-28 23:30:45');
SELECT date_trunc('week', TIMESTAMP '2024-02-28 10:00:00'), date_trunc('day', TIMESTAMPTZ '2024-02-28 10:00:00+00'), date_trunc('quarter', DATE '2024-05-17');
SELECT id, date_trunc('month', ts) AS month FROM fd_events ORDER BY id;
SELECT to_char(TIMESTAMP '2024-03-05 14:07:09', 'YYYY-MM-DD HH24:MI:SS'), to_char(DATE '2024-03-05', 'DD Mon YYYY'), to_char(DATE '2024-03-05', 'Day');
SELECT to_char(1234.5, '9999.99'), to_char(1234567.891, 'FM9,999,999.00'), to_char(42, '000'), to_char(-5, 'S999');
SELECT to_date('05 Mar 2024', 'DD Mon YYYY'), to_timestamp('2024-03-05 14:07', 'YYYY-MM-DD HH24:MI');
SELECT to_timestamp(0), to_timestamp(1700000000);
SELECT age(TIMESTAMP '2024-03-15', TIMESTAMP '2000-01-01'), age(DATE '2024-03-01', DATE '2024-02-01');
SELECT make_date(2024, 2, 29), make_timestamp(2024, 1, 2, 3, 4, 5.5), make_interval(days => 10, hours => 5);
SELECT justify_days(INTERVAL '35 days'), justify_hours(INTERVAL '27 hours'), justify_interval(INTERVAL '1 mon -1 hour');
SELECT TIME '10:30:00', TIME '10:30:00' + INTERVAL '45 minutes', TIME '23:59:59.999999';
SELECT TIME '10:00' < TIME '09:00', TIME '12:00:00' - TIME '10:30:00';
SELECT DATE '2024-01-01' < TIMESTAMP '2024-01-01 00:00:01', DATE '2024-01-01' = TIMESTAMP '2024-01-01 00:00:00';
SELECT TIMESTAMP '2024-06-01 12:00:00'::date, DATE '2024-06-01'::timestamp, TIMESTAMPTZ '2024-06-01 12:00:00+02'::timestamp;
SELECT TIMESTAMP '2024-06-01 12:00:00' AT TIME ZONE 'UTC', TIMESTAMPTZ '2024-06-01 12:00:00+00' AT TIME ZONE 'America/New_York';
SELECT id, d FROM fd_events WHERE d BETWEEN DATE '2024-01-01' AND DATE '2024-12-31' ORDER BY id;
SELECT id FROM fd_events WHERE ts >= TIMESTAMP '2024-01-01' AND ts < TIMESTAMP '2024-01-01' + INTERVAL '1 year' ORDER BY id;
SELECT id FROM fd_events WHERE tz > TIMESTAMPTZ '2024-12-31 00:00:00+00' ORDER BY id;
SELECT d, count(*) FROM fd_events GROUP BY d ORDER BY d NULLS LAST;
SELECT min(ts), max(ts), max(tz), sum(dur), avg(dur) FROM fd_events;
SELECT count(*) FROM generate_series(TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-02', INTERVAL '1 hour');
SELECT '2024-02-29'::date + 365, '2024-01-01'::date - 1;
SELECT 'epoch'::timestamp, 'infinity'::date > DATE '9999-12-31', '-infinity'::timestamp < TIMESTAMP '0001-01-01';
SELECT DATE '2024-02-29' + 1 = DATE '2024-03-01', (DATE '2024-03-01' - 1) = DATE '2024-02-29';
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00';
SET TIME ZONE 'Europe/Paris';
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00', TIMESTAMPTZ '2024-01-01 12:00:00+00';
SELECT id, tz FROM fd_events ORDER BY id;
SELECT TIMESTAMPTZ '2024-07-01 12:00:00', TIMESTAMPTZ '2024-07-01 12:00:00'::timestamp;
SELECT date_trunc('day', TIMESTAMPTZ '2024-07-01 23:30:00+00'), extract(hour from TIMESTAMPTZ '2024-07-01 23:30:00+00');
SET TIME ZONE '+05:30';
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00';
SET TIME ZONE INTERVAL '-03:00' HOUR TO MINUTE;
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+00';
SET TIME ZONE 'UTC';
SHOW TimeZone;
SELECT TIMESTAMPTZ '2024-07-01 12:00:00+02';
-- error 22007
SELECT INTERVAL 'soon';
-- error 22008
SELECT DATE '2024-02-30';
-- error 22023
SET TIME ZONE 'Mars/Olympus';
-- error 42883
SELECT DATE '2024-01-01' + DATE '2024-01-02';
-- error 22023
SELECT date_trunc('fortnight', TIMESTAMP '2024-01-01');

-- generate_series over dates and timestamps in a select list (dates take the timestamptz form)
SELECT generate_series(DATE '2024-01-01', DATE '2024-01-05', INTERVAL '1 day')::date AS day;
SELECT generate_series(DATE '2024-01-01', DATE '2024-01-05', INTERVAL '1 day') AS day;
SELECT generate_series('2024-01-01 00:00'::timestamp, '2024-01-01 03:00', '1 hour');
SELECT generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month');
SELECT generate_series('2024-03-31 00:00+00'::timestamptz, '2024-03-31 04:00+00', '90 minutes');
SELECT generate_series('2024-01-05'::date, '2024-01-01'::date, '-2 days'::interval)::date;
-- error 22023
SELECT generate_series('2024-01-01'::timestamp, '2024-01-02', '0 days');
-- error 42883
SELECT generate_series('2024-01-01'::timestamp, '2024-01-02');
-- error 42883
SELECT generate_series(1, '2024-01-02'::date, '1 day');
SELECT d::date, count(*) FROM (SELECT generate_series(DATE '2024-01-01', DATE '2024-01-03', INTERVAL '1 day') AS d) s GROUP BY 1 ORDER BY 1;
SELECT generate_series('2024-01-01'::timestamp, NULL, '1 day');
SELECT x, generate_series(x, x + interval '2 hours', interval '1 hour') FROM (VALUES ('2024-01-01 10:00'::timestamp)) v(x);
SELECT generate_series(DATE '2024-01-01', DATE '2024-01-03', INTERVAL '1 day')::date AS d, count(*) FROM (VALUES (1), (2)) v(x) GROUP BY d ORDER BY d;
SELECT generate_series('2024-03-30 12:00'::timestamptz, '2024-04-01 12:00', '1 day');

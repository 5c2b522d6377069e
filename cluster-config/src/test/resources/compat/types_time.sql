-- time and time with time zone: input forms, 24:00:00, precision, arithmetic, extract,
-- ordering, columns and keys, casts from timestamps.
SELECT TIME '10:30', TIME '10:30:00.5', TIME '23:59:59.999999', TIME '24:00:00', TIME '00:00';
SELECT '1030'::time, '103000'::time, '10:30 pm'::time, '12:00 am'::time, '12:30 pm'::time, 'allballs'::time;
SELECT '2024-01-01 10:30:00'::time, '10:30:00+05'::time, ' 08:00 '::time, 'T10:30'::time, '10:30:60'::time;
SELECT '10:30:45.123456'::time(0), '10:30:45.5'::time(0), '10:30:45.55'::time(1), '23:59:59.9'::time(0), '10:30:45.123456'::time(3);
SELECT TIME '10:00' < TIME '09:00', TIME '12:00:00' - TIME '10:30:00', TIME '10:00' - TIME '12:00', TIME '24:00' > TIME '23:59:59.999999';
SELECT TIME '10:30' + INTERVAL '45 minutes', TIME '23:30' + INTERVAL '1 hour', TIME '00:30' - INTERVAL '1 hour', TIME '10:00' + INTERVAL '1 day 2 hours';
SELECT INTERVAL '2 hours' + TIME '23:00', TIME '10:00' - INTERVAL '-30 minutes', TIME '24:00' + INTERVAL '0', TIME '10:00' + '1 hour', '10:00' + INTERVAL '1 hour';
SELECT DATE '2024-03-01' + TIME '10:30', TIME '10:30' + DATE '2024-03-01', DATE '2024-03-01' + TIME '24:00';
SELECT extract(hour from TIME '10:30:45.5'), extract(minute from TIME '10:30:45.5'), extract(second from TIME '10:30:45.5'), extract(epoch from TIME '01:00');
SELECT extract(millisecond from TIME '10:30:45.5'), extract(microsecond from TIME '00:00:01.000002'), date_part('hour', TIME '15:00'), date_part('epoch', TIME '00:01:30.5');
SELECT TIME '10:30'::text, TIME '10:30'::interval, CAST('13:45' AS time), TIMESTAMP '2024-05-06 07:08:09.1'::time, TIME '10:30' IS NULL;
SELECT make_time(10, 30, 45.5), make_time(0, 0, 0), make_time(23, 59, 59.999999), make_time(24, 0, 0);
SELECT GREATEST(TIME '10:00', TIME '09:00'), LEAST(TIME '10:00', TIME '09:00'), COALESCE(NULL::time, TIME '08:00');
SELECT TIME '10:30' BETWEEN TIME '09:00' AND TIME '17:00', TIME '10:30' IN (TIME '10:30:00', TIME '11:00');
SELECT to_char(TIME '13:45:10', 'HH24:MI'), to_char(TIME '13:45:10', 'HH12:MI AM'), to_char(TIME '00:05', 'HH12 am');
SELECT TIME WITH TIME ZONE '10:30+02', '10:30:00-05'::timetz, '10:30 UTC'::timetz, '10:30:00+05:30'::timetz, '24:00+01'::timetz;
SELECT '10:30+02'::timetz = '08:30+00'::timetz, '10:30+02'::timetz < '09:00+00'::timetz, '10:30+02'::timetz::time;
SELECT '10:30+02'::timetz + INTERVAL '1 hour', '23:30-03'::timetz + INTERVAL '1 hour', '00:10+01'::timetz - INTERVAL '20 minutes';
SELECT extract(timezone from '10:30+02'::timetz), extract(timezone_hour from '10:30-05:30'::timetz), extract(timezone_minute from '10:30-05:30'::timetz), extract(epoch from '10:30+02'::timetz);
SELECT DATE '2024-03-01' + '10:30+02'::timetz, '10:00+00'::timetz AT TIME ZONE '+02:00', '10:00+00'::timetz AT TIME ZONE INTERVAL '05:30';
SELECT TIMESTAMPTZ '2024-06-01 10:00:00+00'::timetz, TIMESTAMPTZ '2024-06-01 10:00:00+00'::time;
CREATE TABLE tt_slots (id int PRIMARY KEY, starts time, ends time(0), tz timetz, note text);
INSERT INTO tt_slots VALUES (1, '09:00', '10:30:30.6', '09:00+01', 'a'), (2, '13:30:15', '14:00', '13:30+00', 'b'), (3, '23:45', '24:00', '23:45-05', 'c'), (4, NULL, NULL, NULL, 'd'), (5, '00:00', '00:15', '00:00+05:30', 'e');
SELECT id, starts, ends, tz, note FROM tt_slots ORDER BY id;
SELECT id, starts FROM tt_slots ORDER BY starts NULLS FIRST, id;
SELECT id, tz FROM tt_slots ORDER BY tz, id;
SELECT id, ends - starts AS length FROM tt_slots ORDER BY id;
SELECT id FROM tt_slots WHERE starts > '12:00' ORDER BY id;
SELECT id FROM tt_slots WHERE starts BETWEEN '08:00' AND '14:00' ORDER BY id;
SELECT min(starts), max(starts), min(ends), max(tz), count(starts) FROM tt_slots;
SELECT id, starts + INTERVAL '30 minutes' AS later, extract(hour from starts) AS h FROM tt_slots ORDER BY id;
SELECT starts, count(*) FROM tt_slots GROUP BY starts ORDER BY starts NULLS LAST;
UPDATE tt_slots SET starts = starts + INTERVAL '1 hour' WHERE id IN (1, 3) RETURNING id, starts;
INSERT INTO tt_slots (id, starts, ends) VALUES (6, TIMESTAMP '2024-01-01 06:15:00', '07:00:00.4') RETURNING starts, ends;
SELECT id, starts FROM tt_slots WHERE id >= 5 ORDER BY id;
CREATE TABLE tt_keyed (t time PRIMARY KEY, v int);
INSERT INTO tt_keyed VALUES ('10:00', 1), ('09:59:59.999999', 2), ('24:00', 3), ('00:00', 4), ('12:00:00.5', 5);
SELECT t, v FROM tt_keyed ORDER BY t;
SELECT v FROM tt_keyed WHERE t = '10:00:00';
SELECT v FROM tt_keyed WHERE t >= '10:00' ORDER BY t;
SELECT v FROM tt_keyed WHERE t < '10:00' ORDER BY t DESC;
CREATE TABLE tt_zoned (t timetz PRIMARY KEY, v int);
INSERT INTO tt_zoned VALUES ('10:00+02', 1), ('08:00+00', 2), ('09:00+00', 3), ('07:00-01', 4);
SELECT t, v FROM tt_zoned ORDER BY t;
SELECT v FROM tt_zoned WHERE t = '08:00+00';
-- error 23505
INSERT INTO tt_keyed VALUES ('10:00:00.000', 9);
-- error 22008
SELECT '24:00:01'::time;
-- error 22008
SELECT '25:00'::time;
-- error 22008
SELECT '10:60'::time;
-- error 22007
SELECT '10'::time;
-- error 22007
SELECT 'noon'::time;
-- error 22008
SELECT make_time(25, 0, 0);
-- error 22008
SELECT make_time(10, 60, 0);
-- error 42725
SELECT TIME '10:00' + TIME '01:00';
-- error 42883
SELECT TIME '10:00' + 1;
-- error 0A000
SELECT extract(day from TIME '10:00');
-- error 22023
SELECT extract(fortnight from TIME '10:00');
-- error 0A000
SELECT extract(timezone from TIME '10:00');
-- error 42846
SELECT DATE '2024-01-01'::time;
-- error 22009
SELECT '10:00+16'::timetz;
